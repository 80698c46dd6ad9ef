import EarshotModel
import Foundation

/// Reads WhatsApp chat exports (`_chat.txt` / `WhatsApp Chat with ….txt`), one conversation per file.
///
/// Both layouts are understood: Android `12/24/19, 11:23 - Name: text` and iOS
/// `[24/10/24, 9:18:35 AM] Name: text`, 12- or 24-hour clocks (also with a narrow no-break space or
/// `a. m.`/`p. m.`), left-to-right marks and `~` before names. Day and month order is inferred from
/// the whole file (a first number above 12 means day first; a second above 12 means month first;
/// otherwise day first for iOS and month first for Android). Lines without a time continue the
/// previous message; lines without `Name:` (encryption notice, "created group") are system turns.
/// Roles: names in `agentNames` are agents; without them the first speaker is the customer and the
/// others agents, and `metadata["roles"]` says `guessed`.
public struct WhatsAppReader: TranscriptReader {
  public var format: String { "whatsapp-txt" }
  public var summary: String { "WhatsApp chat export text (Android and iOS layouts)" }

  let options: ExportReaderOptions

  /// Creates the reader.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    let lines = sample.text.split(separator: "\n", omittingEmptySubsequences: true).prefix(5)
    guard let first = lines.first else { return false }
    return WhatsAppLine.parse(String(first)) != nil
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let data = try file.contents()
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputDiagnostic(file: file.path, "expected UTF-8 text; the file has bytes that are not valid UTF-8")
    }
    var messages: [(line: WhatsAppLine, number: Int)] = []
    var number = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      let line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
      if let parsed = WhatsAppLine.parse(line) {
        messages.append((parsed, number))
      } else if !messages.isEmpty {
        messages[messages.count - 1].line.text += "\n" + line
      } else if !line.exportTrimmed.isEmpty {
        throw InputDiagnostic(
          file: file.path, line: number,
          "expected a WhatsApp message line such as '12/24/19, 11:23 - Name: text', found '\(line.prefix(40))'")
      }
    }
    let dayFirst = WhatsAppLine.dayFirst(messages.map(\.line))
    let zone = options.timeZone ?? TimeZone(identifier: "UTC") ?? .current
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    var assembler = ConversationAssembler()
    let speakers = messages.compactMap(\.line.sender)
    let firstSpeaker = speakers.first
    let configured = !options.agentNames.isEmpty
    for (message, lineNumber) in messages {
      let timestamp = message.date(dayFirst: dayFirst, calendar: calendar)
      if timestamp == nil {
        diagnose(
          InputDiagnostic(file: file.path, line: lineNumber, "the date or time is out of range; time left empty"))
      }
      guard let sender = message.sender else {
        assembler.add(
          speaker: "system", role: .system, timestamp: timestamp, text: message.text.exportTrimmed,
          location: SourceLocation(file: file.path, line: lineNumber))
        continue
      }
      let role: ParticipantRole
      if configured {
        role = options.isAgentName(sender) ? .agent : .customer
      } else {
        role = sender == firstSpeaker ? .customer : .agent
      }
      assembler.add(
        speaker: sender, role: role, name: sender, timestamp: timestamp, text: message.text.exportTrimmed,
        location: SourceLocation(file: file.path, line: lineNumber))
    }
    let id = file.url.deletingPathExtension().lastPathComponent
    try emit(
      assembler.conversation(
        id: id, channel: .chat, company: options.company, file: file,
        metadata: configured ? ["app": "whatsapp"] : ["app": "whatsapp", "roles": "guessed"]))
  }
}

/// One parsed WhatsApp message line.
struct WhatsAppLine {
  var first: Int
  var second: Int
  var year: Int
  var hour: Int
  var minute: Int
  var secondOfMinute: Int
  var iOS: Bool
  var sender: String?
  var text: String

  /// Parses a message line on its Unicode scalars; nil when the line does not start with a stamp.
  static func parse(_ line: String) -> WhatsAppLine? {
    // Drop direction marks and unify the narrow/ordinary no-break spaces used before AM/PM.
    let cleaned = line.unicodeScalars.filter { $0 != "\u{200E}" && $0 != "\u{200F}" && $0 != "\u{FEFF}" }
      .map { $0 == "\u{202F}" || $0 == "\u{00A0}" ? " " : Character($0) }
    var rest = Substring(String(cleaned))
    let iOS = rest.hasPrefix("[")
    if iOS { rest = rest.dropFirst() }
    func number(_ maxDigits: Int) -> Int? {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard (1...maxDigits).contains(digits.count) else { return nil }
      rest = rest.dropFirst(digits.count)
      return Int(digits)
    }
    func skip(_ literal: String) -> Bool {
      guard rest.hasPrefix(literal) else { return false }
      rest = rest.dropFirst(literal.count)
      return true
    }
    guard let first = number(2), skip("/") || skip(".") || skip("-"), let second = number(2),
      skip("/") || skip(".") || skip("-"), var year = number(4), skip(",")
    else { return nil }
    _ = skip(" ")
    guard let hour = number(2), skip(":"), let minute = number(2) else { return nil }
    var seconds = 0
    if skip(":") {
      guard let value = number(2) else { return nil }
      seconds = value
    }
    _ = skip(" ")
    var hour24 = hour
    let lower = rest.lowercased()
    for (marker, pm) in [
      ("am", false), ("pm", true), ("a. m.", false), ("p. m.", true), ("a.m.", false), ("p.m.", true),
    ]
    where lower.hasPrefix(marker) {
      guard (1...12).contains(hour) else { return nil }
      hour24 = hour % 12 + (pm ? 12 : 0)
      rest = rest.dropFirst(marker.count)
      break
    }
    if iOS {
      guard skip("]") else { return nil }
      _ = skip(" ")
    } else {
      _ = skip(" ")
      guard skip("- ") else { return nil }
    }
    if year < 100 { year += 2000 }
    guard hour24 < 24, minute < 60, seconds < 60 else { return nil }
    var sender: String?
    var text = String(rest)
    if let colon = rest.range(of: ": ") ?? (rest.hasSuffix(":") ? rest.range(of: ":", options: .backwards) : nil) {
      let name = rest[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
      if !name.isEmpty, name.count <= 60 {
        sender = name.hasPrefix("~") ? String(name.dropFirst()).trimmingCharacters(in: .whitespaces) : name
        text = String(rest[colon.upperBound...])
      }
    }
    return WhatsAppLine(
      first: first, second: second, year: year, hour: hour24, minute: minute, secondOfMinute: seconds, iOS: iOS,
      sender: sender, text: text)
  }

  /// Whether the file writes the day before the month.
  static func dayFirst(_ lines: [WhatsAppLine]) -> Bool {
    if lines.contains(where: { $0.first > 12 }) { return true }
    if lines.contains(where: { $0.second > 12 }) { return false }
    return lines.first?.iOS ?? false
  }

  func date(dayFirst: Bool, calendar: Calendar) -> Date? {
    let (day, month) = dayFirst ? (first, second) : (second, first)
    guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    return calendar.date(
      from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: secondOfMinute))
  }
}
