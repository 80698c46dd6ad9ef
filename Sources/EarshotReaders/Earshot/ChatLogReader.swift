import EarshotModel
import EarshotText
import Foundation

/// Reads plain-text chat logs, one message per line:
///
/// ```
/// # id: demo-1
/// # company: Acme
/// # date: 2024-03-01
/// [2024-03-01 10:32] Customer Dana: my order never arrived
/// [10:33] Agent Bob: Sorry to hear that! Could you give me the order number?
/// Customer: it's 12345
/// ```
///
/// The speaker label is an optional role word (Agent, Customer, Bot, System and their synonyms)
/// followed by an optional name. Lines without a label continue the previous message. `# key: value`
/// header lines set the id, channel, company, date (for time-only stamps), time zone and agent
/// names; a line of `---` starts the next conversation in the same file.
public struct ChatLogReader: TranscriptReader {
  public var format: String { "chat-log" }
  public var summary: String { "plain-text chat log: '[2024-03-01 10:32] Agent Bob: text' per line" }

  /// Turns per conversation, applied while reading: turns past `limits.maxTurns` are counted and
  /// checked, not kept.
  public var limits: ConversationLimits

  /// Creates the reader.
  public init(limits: ConversationLimits = ConversationLimits()) {
    self.limits = limits
  }

  public func sniff(_ sample: InputSample) -> Bool {
    var checked = 0
    for line in sample.text.split(separator: "\n").prefix(20) {
      let text = String(line).trimmingSpaces()
      if text.isEmpty || text.hasPrefix("#") || text == "---" { continue }
      checked += 1
      if ChatLine.parse(text) != nil { return true }
      if checked >= 3 { return false }
    }
    return false
  }

  /// Reads the file line by line in chunks: memory holds the conversation being read (at most
  /// `limits.maxTurns` turns of it), never the file.
  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    var lines = try LineStream(file: file)
    try withoutActuallyEscaping(emit) { emit in
      try withoutActuallyEscaping(diagnose) { diagnose in
        var context = ReadContext(file: file, limits: limits, emit: emit, diagnose: diagnose)
        try read(&lines, into: &context, file: file)
      }
    }
  }

  private func read(_ lines: inout LineStream, into context: inout ReadContext, file: InputFile) throws {
    while let line = try lines.next() {
      var bytes = line.bytes[...]
      if line.number == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
      if bytes.last == 0x0D { bytes = bytes.dropLast() }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw InputDiagnostic(
          file: file.path, line: line.number, byteOffset: line.offset,
          "expected UTF-8 text; this line has bytes that are not valid UTF-8")
      }
      try context.consume(text, number: line.number)
    }
    try context.finish()
  }

  /// Reads chat-log `text` as if it were the contents of `file` (detector examples, tests).
  public func parse(text: String, path: String = "example.txt") throws -> [Conversation] {
    var conversations: [Conversation] = []
    var context = ReadContext(
      file: InputFile(path: path), limits: limits, emit: { conversations.append($0) }, diagnose: { _ in })
    var lineNumber = 0
    // "\r\n" is one Character in Swift: split on both so CRLF logs read line by line.
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      try context.consume(String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine), number: lineNumber)
    }
    try context.finish()
    return conversations
  }

  /// The conversation being read and where its finished conversations go.
  private struct ReadContext {
    var builder: ChatLogBuilder
    let limits: ConversationLimits
    let emit: (Conversation) throws -> Void
    let diagnose: (InputDiagnostic) -> Void

    init(
      file: InputFile, limits: ConversationLimits, emit: @escaping (Conversation) throws -> Void,
      diagnose: @escaping (InputDiagnostic) -> Void
    ) {
      builder = ChatLogBuilder(file: file, maxTurns: limits.maxTurns)
      self.limits = limits
      self.emit = emit
      self.diagnose = diagnose
    }

    mutating func consume(_ line: String, number: Int) throws {
      if line.trimmingSpaces() == "---" {
        try finish()
        builder = ChatLogBuilder(
          file: builder.file, ordinal: builder.ordinal + 1, headers: builder.sharedHeaders, maxTurns: limits.maxTurns)
        return
      }
      try builder.consume(line: line, number: number)
    }

    mutating func finish() throws {
      guard let conversation = try builder.finish() else { return }
      if let first = builder.firstLeftOut {
        diagnose(
          limits.truncation(
            of: conversation.id, turns: builder.turnCount,
            firstLeftOut: SourceLocation(file: builder.file.path, line: first)))
      }
      try emit(conversation)
    }
  }
}

/// One parsed message line.
struct ChatLine: Equatable {
  var stamp: String?
  var role: ParticipantRole?
  var name: String?
  var text: String

  static let roleWords: [String: ParticipantRole] = [
    "agent": .agent, "support": .agent, "rep": .agent, "representative": .agent, "operator": .agent,
    "advisor": .agent, "customer": .customer, "client": .customer, "visitor": .customer, "user": .customer,
    "guest": .customer, "bot": .bot, "assistant": .bot, "virtual assistant": .bot, "system": .system,
  ]

  /// `roleWords`, longest first ("virtual assistant" before "assistant"), sorted once rather than per line.
  static let roleWordsLongestFirst: [(key: String, value: ParticipantRole)] = roleWords.sorted {
    ($0.key.count, $1.key) > ($1.key.count, $0.key)
  }

  /// Each role word followed by a space ("agent "), built once instead of once per line and word.
  static let roleWordPrefixes: [(prefix: String, word: String, role: ParticipantRole)] = roleWordsLongestFirst.map {
    ($0.key + " ", $0.key, $0.value)
  }

  /// `label.split(separator: " ").count` without the array, by bytes when `label` is ASCII.
  static func spaceSeparatedCount(_ label: String) -> Int {
    guard label.utf8.allSatisfy({ $0 < 0x80 }) else { return label.split(separator: " ").count }
    var count = 0
    var inWord = false
    for byte in label.utf8 {
      if byte == 0x20 {
        inWord = false
      } else if !inWord {
        inWord = true
        count += 1
      }
    }
    return count
  }

  /// Whether `label` contains "http": a byte search when it is ASCII (the same answer as
  /// Foundation's search, which it otherwise is).
  static func mentionsHTTP(_ label: String) -> Bool {
    let bytes = Array(label.utf8)
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return label.contains("http") }
    let needle: [UInt8] = Array("http".utf8)
    guard bytes.count >= needle.count else { return false }
    for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
      return true
    }
    return false
  }

  /// Parses `[stamp] Role Name: text`, `Role: text` or `Name: text`; nil when the line has no label.
  static func parse(_ line: String) -> ChatLine? {
    var rest = Substring(line)
    var stamp: String?
    if rest.hasPrefix("[") {
      guard let close = rest.firstIndex(of: "]") else { return nil }
      stamp = String(rest[rest.index(after: rest.startIndex)..<close])
      rest = rest[rest.index(after: close)...].drop { $0 == " " || $0 == "\t" }
    }
    guard let colon = rest.firstIndex(of: ":") else { return nil }
    let label = rest[..<colon].trimmingSpaces()
    let afterColon = rest[rest.index(after: colon)...]
    // "10:32" without brackets, URLs and long prose are not labels.
    guard !label.isEmpty, label.count <= 40, afterColon.first == " " || afterColon.first == "\t" || afterColon.isEmpty,
      label.first?.isLetter == true, !mentionsHTTP(label), spaceSeparatedCount(label) <= 4
    else { return nil }
    let text = afterColon.trimmingSpaces()
    let lower = label.lowercased()
    for (prefix, word, role) in roleWordPrefixes {
      if lower == word { return ChatLine(stamp: stamp, role: role, name: nil, text: text) }
      if lower.hasPrefix(prefix) {
        let name = label.dropFirst(word.count).trimmingSpaces()
        return ChatLine(stamp: stamp, role: role, name: name, text: text)
      }
    }
    guard stamp != nil || spaceSeparatedCount(label) <= 2 else { return nil }
    return ChatLine(stamp: stamp, role: nil, name: label, text: text)
  }
}
