import EarshotModel
import Foundation

/// Reads any CSV export whose columns are named in `ExportReaderOptions.csvColumns`.
///
/// Off unless a mapping is configured; then it claims CSV files whose header has the mapped speaker
/// and text columns. Rows are grouped by the conversation-id column (the whole file is one
/// conversation without it), in order of first appearance. The role column's values are matched
/// against `agentRoleValues`, `botRoleValues` and `systemRoleValues` (anything else is a customer);
/// without a role column, speakers in `agentNames` are agents and everyone else a customer.
/// Timestamps without an offset are read in `timeZone`.
public struct GenericCSVReader: TranscriptReader {
  public var format: String { "generic-csv" }
  public var summary: String { "CSV with a configured column mapping (conversation, speaker, role, time, text)" }

  let options: ExportReaderOptions

  /// Creates the reader; it reads nothing until `options.csvColumns` is set.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    guard let mapping = options.csvColumns, let header = headerNames(sample) else { return false }
    return header.contains(mapping.speaker) && header.contains(mapping.text)
  }

  private func headerNames(_ sample: InputSample) -> Set<String>? {
    var reader = CSVStreamReader(bytes: sample.head, path: sample.file.path, delimiter: options.csvDelimiter)
    guard let record = try? reader.next() else { return nil }
    return Set(record.fields.map { Self.clean($0) })
  }

  /// A header name without a byte-order mark or surrounding spaces.
  static func clean(_ field: [UInt8]) -> String {
    let bytes = field.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(field.dropFirst(3)) : field
    return String(decoding: bytes, as: UTF8.self).exportTrimmed
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    guard let mapping = options.csvColumns else {
      throw InputDiagnostic(file: file.path, "the generic CSV reader needs a column mapping in the configuration")
    }
    var csv = try CSVStreamReader(file: file, delimiter: options.csvDelimiter)
    defer { csv.close() }
    guard let header = try csv.next() else { throw InputDiagnostic(file: file.path, line: 1, "the file is empty") }
    var column: [String: Int] = [:]
    for (index, field) in header.fields.enumerated() where column[Self.clean(field)] == nil {
      column[Self.clean(field)] = index
    }
    let wanted: [(String, String?)] = [
      ("conversation id", mapping.conversationID), ("speaker", mapping.speaker), ("role", mapping.role),
      ("timestamp", mapping.timestamp), ("text", mapping.text), ("company", mapping.company),
      ("channel", mapping.channel),
    ]
    for (purpose, name) in wanted {
      if let name, column[name] == nil {
        throw InputDiagnostic(
          file: file.path, line: 1, "expected a '\(name)' column (the \(purpose) column of the CSV mapping)")
      }
    }
    func index(_ name: String?) -> Int? { name.flatMap { column[$0] } }
    let parser = options.timestampParser
    let fallbackID = file.url.deletingPathExtension().lastPathComponent
    // Rows of one conversation may be anywhere in the file, so with a conversation-id column a
    // first pass notes each conversation's last row (memory: one entry per conversation, no text);
    // the second pass emits each conversation as soon as that row is read, in order of first rows.
    var lastRow: [String: Int] = [:]
    if mapping.conversationID != nil {
      var rows = 0
      while let record = try csv.next() {
        guard let row = Self.row(record, mapping: mapping, index: index, fallbackID: fallbackID) else { continue }
        lastRow[row.id] = rows
        rows += 1
      }
      csv.close()
      csv = try CSVStreamReader(file: file, delimiter: options.csvDelimiter)
      _ = try csv.next()
    }
    var order: [String] = []
    var emitted = 0
    var complete = Set<String>()
    var groups: [String: (assembler: ConversationAssembler, company: String?, channel: String?)] = [:]
    func flush(all: Bool) throws {
      while emitted < order.count, all || complete.contains(order[emitted]) {
        let id = order[emitted]
        emitted += 1
        complete.remove(id)
        guard let group = groups.removeValue(forKey: id) else { continue }
        try emit(
          group.assembler.conversation(
            id: id, channel: Channel(rawValue: group.channel ?? "chat"), company: group.company ?? options.company,
            file: file))
      }
    }
    var rows = 0
    while let record = try csv.next() {
      if record.fields.count == 1 && record.fields[0].isEmpty { continue }
      func value(_ name: String?) -> String? {
        guard let position = index(name), position < record.fields.count else { return nil }
        return record.string(position)
      }
      guard let row = Self.row(record, mapping: mapping, index: index, fallbackID: fallbackID) else {
        diagnose(
          InputDiagnostic(
            file: file.path, line: record.line,
            "expected a speaker and a text (columns '\(mapping.speaker)', "
              + "'\(mapping.text)'); row skipped"))
        continue
      }
      let (id, speaker, text) = row
      var timestamp: Date?
      if let stamp = value(mapping.timestamp), !stamp.isEmpty {
        timestamp = parser.parse(stamp)
        if timestamp == nil {
          diagnose(
            InputDiagnostic(
              file: file.path, line: record.line,
              "expected a timestamp such as 2024-03-01T10:32:00Z in '\(mapping.timestamp ?? "")', found '\(stamp)'"))
        }
      }
      let role: ParticipantRole
      if let roleValue = value(mapping.role) {
        role = options.role(forValue: roleValue)
      } else {
        role = options.isAgentName(speaker) ? .agent : .customer
      }
      if groups[id] == nil {
        order.append(id)
        groups[id] = (ConversationAssembler(), nil, nil)
      }
      groups[id]?.assembler.add(
        speaker: speaker, role: role, name: speaker, timestamp: timestamp, text: text,
        location: SourceLocation(file: file.path, line: record.line))
      if groups[id]?.company == nil, let company = value(mapping.company), !company.isEmpty {
        groups[id]?.company = company
      }
      if groups[id]?.channel == nil, let channel = value(mapping.channel), !channel.isEmpty {
        groups[id]?.channel = channel
      }
      if lastRow[id] == rows { complete.insert(id) }
      rows += 1
      try flush(all: false)
    }
    try flush(all: true)
  }

  /// A row's conversation id, speaker and text, or nil when it lacks a speaker or a text (or is blank).
  private static func row(
    _ record: CSVRecord, mapping: CSVColumnMapping, index: (String?) -> Int?, fallbackID: String
  ) -> (id: String, speaker: String, text: String)? {
    if record.fields.count == 1 && record.fields[0].isEmpty { return nil }
    func value(_ name: String?) -> String? {
      guard let position = index(name), position < record.fields.count else { return nil }
      return record.string(position)
    }
    guard let speaker = value(mapping.speaker), !speaker.isEmpty, let text = value(mapping.text) else { return nil }
    return (value(mapping.conversationID) ?? fallbackID, speaker, text)
  }
}
