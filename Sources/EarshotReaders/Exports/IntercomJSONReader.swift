import EarshotModel
import Foundation

/// Reads Intercom conversation JSON, in the current REST shape (`source` + `contacts` +
/// `conversation_parts`) and the old one (`conversation_message` + `user` + `assignee`), one
/// conversation per file or a `conversation.list` / array of them.
///
/// The opening message (`source` or `conversation_message`) is turn 0. Roles come from each author's
/// `type`: `user`, `lead` and `contact` → customer, `admin` and `team` → agent, `bot` or an admin
/// part flagged `from_ai_agent`/`is_ai_answer` → bot. `note` parts are internal; parts without a
/// body (assignments, open/close) are not turns. HTML bodies are reduced to text.
public struct IntercomJSONReader: TranscriptReader {
  public var format: String { "intercom-json" }
  public var summary: String { "Intercom conversation JSON (old and current API shapes)" }

  let options: ExportReaderOptions

  /// Creates the reader.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    ExportJSON.sniff(sample, all: ["conversation_parts"])
  }

  /// A top-level array is read in chunks, one conversation at a time; an object (one conversation or
  /// a `conversation.list` page) is decoded whole.
  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let first = try file.head(4096).first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
    if first == UInt8(ascii: "[") {
      var stream = try JSONElementStream(file: file)
      let decoder = ExportJSON.decoder(.snakeCase)
      try stream.forEachElement(of: file) { element in
        let source = try decoder.decode(IntercomConversation.self, from: Data(element.bytes))
        return try convert(source, file: file, bytes: element.bytes, start: element.start, diagnose: diagnose)
      } recover: { diagnostic, _ in
        diagnose(diagnostic)
      } use: {
        try emit($0)
      }
      return
    }
    let data = try file.contents()
    let bytes = [UInt8](data)
    let list = try ExportJSON.decode(IntercomList.self, from: data, file: file, keys: .snakeCase)
    let conversations: [(IntercomConversation, [JSONPathComponent])]
    if let many = list.conversations {
      conversations = many.enumerated().map { ($1, [.key("conversations"), .index($0)]) }
    } else {
      conversations = [(try ExportJSON.decode(IntercomConversation.self, from: data, file: file, keys: .snakeCase), [])]
    }
    for (conversation, path) in conversations {
      // Located within the whole document: the element's path prefixes the problem's.
      do {
        try emit(
          try convert(conversation, file: file, bytes: bytes, start: .start, prefix: path, diagnose: diagnose))
      } catch let diagnostic as InputDiagnostic {
        diagnose(diagnostic)
      }
    }
  }

  private func convert(
    _ source: IntercomConversation, file: InputFile, bytes: [UInt8], start: JSONPosition,
    prefix: [JSONPathComponent] = [], diagnose: (InputDiagnostic) -> Void
  ) throws -> Conversation {
    func locate(_ path: [JSONPathComponent], _ message: String) -> InputDiagnostic {
      DecodingErrorText.diagnostic(JSONValueProblem(prefix + path, message), file: file, bytes: bytes, start: start)
    }
    guard let id = source.id?.value else {
      throw locate([], "expected the conversation's \"id\"")
    }
    var assembler = ConversationAssembler()
    let parser = TimestampParser()
    /// A time in epoch seconds (or milliseconds) or ISO 8601; a number out of range is reported and
    /// the turn keeps no time.
    func time(_ value: LooseString?, _ path: [JSONPathComponent]) -> Date? {
      guard let value else { return nil }
      guard let number = value.number else { return parser.parse(value.value) }
      guard let date = parser.epoch(number) else {
        diagnose(
          locate(path, "expected epoch seconds between years 1 and 9999, found \(value.value); time left empty"))
        return nil
      }
      return date
    }
    let opening = source.source ?? source.conversationMessage
    var author = opening?.author
    if author?.id == nil, let user = source.user { author = user }
    if let opening, let body = opening.body, let author {
      let text = ExportText.stripHTML(body)
      if !text.isEmpty {
        var attributes = ["part_id": "source"]
        if let subject = opening.subject, !subject.isEmpty { attributes["subject"] = ExportText.stripHTML(subject) }
        assembler.add(
          speaker: author.id?.value ?? "unknown", role: Self.role(author), name: author.name ?? author.email,
          timestamp: time(source.createdAt, [.key("created_at")]), text: text,
          location: SourceLocation(file: file.path), attributes: attributes)
      }
    }
    for (index, part) in (source.conversationParts?.conversationParts ?? []).enumerated() {
      guard let body = part.body, let author = part.author else { continue }
      let text = ExportText.stripHTML(body)
      guard !text.isEmpty else { continue }
      var attributes: [String: String] = [:]
      if let partID = part.id?.value { attributes["part_id"] = partID }
      if let type = part.partType { attributes["part_type"] = type }
      if part.partType == "note" { attributes["visibility"] = "internal" }
      let path: [JSONPathComponent] = [
        .key("conversation_parts"), .key("conversation_parts"), .index(index), .key("created_at"),
      ]
      assembler.add(
        speaker: author.id?.value ?? "unknown", role: Self.role(author), name: author.name ?? author.email,
        timestamp: time(part.createdAt, path), text: text, location: SourceLocation(file: file.path),
        attributes: attributes)
    }
    var metadata: [String: String] = [:]
    metadata["state"] = source.state
    metadata["team_assignee_id"] = source.teamAssigneeId?.value
    metadata["admin_assignee_id"] = source.adminAssigneeId?.value ?? source.assignee?.id?.value
    if let subject = opening?.subject, !subject.isEmpty { metadata["subject"] = ExportText.stripHTML(subject) }
    let channel: Channel
    switch opening?.type ?? opening?.deliveredAs {
    case "email"?: channel = .email
    case "phone_call"?, "phone_switch"?: channel = .voice
    case "whatsapp"?, "sms"?: channel = .sms
    case "twitter"?, "facebook"?, "instagram"?: channel = .social
    default: channel = .chat
    }
    return assembler.conversation(id: id, channel: channel, company: options.company, file: file, metadata: metadata)
  }

  static func role(_ author: IntercomConversation.Author) -> ParticipantRole {
    if author.fromAiAgent == true || author.isAiAnswer == true { return .bot }
    switch author.type?.lowercased() {
    case "user"?, "lead"?, "contact"?: return .customer
    case "admin"?, "team"?: return .agent
    case "bot"?: return .bot
    default: return .unknown
    }
  }
}

/// A `conversation.list` response.
struct IntercomList: Decodable {
  var conversations: [IntercomConversation]?
}

/// An Intercom conversation, current and old API fields together (all optional).
struct IntercomConversation: Decodable {
  struct Author: Decodable {
    var type: String?
    var id: LooseString?
    var name: String?
    var email: String?
    var fromAiAgent: Bool?
    var isAiAnswer: Bool?
  }

  struct Message: Decodable {
    var type: String?
    var deliveredAs: String?
    var subject: String?
    var body: String?
    var author: Author?
  }

  struct Part: Decodable {
    var id: LooseString?
    var partType: String?
    var body: String?
    var createdAt: LooseString?
    var author: Author?
  }

  struct Parts: Decodable {
    var conversationParts: [Part]?
  }

  var id: LooseString?
  var createdAt: LooseString?
  var state: String?
  var source: Message?
  var conversationMessage: Message?
  var user: Author?
  var assignee: Author?
  var teamAssigneeId: LooseString?
  var adminAssigneeId: LooseString?
  var conversationParts: Parts?
}
