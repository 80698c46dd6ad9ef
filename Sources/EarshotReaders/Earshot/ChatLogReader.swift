import EarshotModel
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

  /// Creates the reader.
  public init() {}

  public func sniff(_ sample: InputSample) -> Bool {
    var checked = 0
    for line in sample.text.split(separator: "\n").prefix(20) {
      let text = String(line).trimmingCharacters(in: .whitespaces)
      if text.isEmpty || text.hasPrefix("#") || text == "---" { continue }
      checked += 1
      if ChatLine.parse(text) != nil { return true }
      if checked >= 3 { return false }
    }
    return false
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let data = try file.contents()
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputDiagnostic(file: file.path, "expected UTF-8 text; the file has bytes that are not valid UTF-8")
    }
    try read(text: text, file: file, emit: emit)
  }

  /// Reads chat-log `text` as if it were the contents of `file` (detector examples, tests).
  public func parse(text: String, path: String = "example.txt") throws -> [Conversation] {
    var conversations: [Conversation] = []
    try read(text: text, file: InputFile(path: path)) { conversations.append($0) }
    return conversations
  }

  private func read(text: String, file: InputFile, emit: (Conversation) throws -> Void) throws {
    var builder = ChatLogBuilder(file: file)
    var lineNumber = 0
    // "\r\n" is one Character in Swift: split on both so CRLF logs read line by line.
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      let line = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
      if line.trimmingCharacters(in: .whitespaces) == "---" {
        if let conversation = try builder.finish() { try emit(conversation) }
        builder = ChatLogBuilder(file: file, ordinal: builder.ordinal + 1, headers: builder.sharedHeaders)
        continue
      }
      try builder.consume(line: line, number: lineNumber)
    }
    if let conversation = try builder.finish() { try emit(conversation) }
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
    let label = rest[..<colon].trimmingCharacters(in: .whitespaces)
    let afterColon = rest[rest.index(after: colon)...]
    // "10:32" without brackets, URLs and long prose are not labels.
    guard !label.isEmpty, label.count <= 40, afterColon.first == " " || afterColon.first == "\t" || afterColon.isEmpty,
      label.first?.isLetter == true, !label.contains("http"), label.split(separator: " ").count <= 4
    else { return nil }
    let text = afterColon.trimmingCharacters(in: .whitespaces)
    let lower = label.lowercased()
    for (word, role) in roleWordsLongestFirst {
      if lower == word { return ChatLine(stamp: stamp, role: role, name: nil, text: text) }
      if lower.hasPrefix(word + " ") {
        let name = label.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        return ChatLine(stamp: stamp, role: role, name: name, text: text)
      }
    }
    guard stamp != nil || label.split(separator: " ").count <= 2 else { return nil }
    return ChatLine(stamp: stamp, role: nil, name: label, text: text)
  }
}
