import EarshotModel
import Foundation

/// Reads Zendesk ticket JSON: the full export's NDJSON (one ticket per line with `comments` and
/// side-loaded `requester`/`assignee`), an API response (`{"ticket": …, "comments": […],
/// "users": […]}` or `{"tickets": […]}`), or a bare ticket object.
///
/// Roles come from the users' `role` (`end-user` → customer, `agent`/`admin` → agent) when the file
/// carries users; otherwise the requester is the customer and other authors are agents. Comments
/// made by triggers (`via.channel` `rule`) are system turns; `public: false` comments are internal.
public struct ZendeskJSONReader: TranscriptReader {
  public var format: String { "zendesk-json" }
  public var summary: String { "Zendesk ticket JSON (API response, NDJSON full export): one conversation per ticket" }

  let options: ExportReaderOptions

  /// Creates the reader.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    return ExportJSON.sniff(sample, all: ["author_id"], any: ["plain_body", "public", "html_body"])
      || ExportJSON.sniff(sample, all: ["requester_id", "via"], any: ["comments", "ticket", "tickets", "subject"])
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    if try Self.isLines(file) {
      // The full export's NDJSON: streamed a line at a time, one ticket in memory.
      var lines = try LineStream(file: file)
      let decoder = ExportJSON.decoder(.snakeCase)
      while let line = try lines.next() {
        guard line.bytes.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
        let start = JSONPosition(offset: line.offset, line: line.number, column: 1)
        let read: Conversation
        do {
          let ticket = try decoder.decode(ZendeskTicket.self, from: Data(line.bytes))
          read = try conversation(ticket, comments: ticket.comments ?? [], users: [], file: file, line: line.number)
        } catch {
          diagnose(DecodingErrorText.diagnostic(error, file: file, bytes: line.bytes, start: start))
          continue
        }
        try emit(read)
      }
      return
    }
    // An API response is one document (a page of at most 100 tickets with their users).
    let data = try file.contents()
    let envelope = try ExportJSON.decode(ZendeskEnvelope.self, from: data, file: file, keys: .snakeCase)
    let users = envelope.users ?? []
    if let tickets = envelope.tickets {
      for ticket in tickets {
        do {
          try emit(try conversation(ticket, comments: ticket.comments ?? [], users: users, file: file, line: nil))
        } catch let diagnostic as InputDiagnostic {
          diagnose(diagnostic)
        }
      }
    } else if let ticket = envelope.ticket {
      try emit(
        try conversation(
          ticket, comments: envelope.comments ?? ticket.comments ?? [], users: users, file: file, line: nil))
    } else if let comments = envelope.comments {
      let bare = try ExportJSON.decode(ZendeskTicket.self, from: data, file: file, keys: .snakeCase)
      try emit(try conversation(bare, comments: comments, users: users, file: file, line: nil))
    } else {
      let bare = try ExportJSON.decode(ZendeskTicket.self, from: data, file: file, keys: .snakeCase)
      try emit(try conversation(bare, comments: bare.comments ?? [], users: users, file: file, line: nil))
    }
  }

  /// Whether the file is NDJSON: named so, or its first non-blank line is a whole JSON value with
  /// more lines after it.
  static func isLines(_ file: InputFile) throws -> Bool {
    if file.pathExtension == "ndjson" || file.pathExtension == "jsonl" { return true }
    var lines = try LineStream(file: file)
    while let line = try lines.next() {
      let trimmed = line.bytes.drop { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }
      if trimmed.isEmpty { continue }
      return line.terminated && (try? JSONSerialization.jsonObject(with: Data(trimmed))) != nil
    }
    return false
  }

  private func conversation(
    _ ticket: ZendeskTicket, comments: [ZendeskTicket.Comment], users: [ZendeskTicket.User], file: InputFile,
    line: Int?
  ) throws -> Conversation {
    var known: [String: ZendeskTicket.User] = [:]
    for user in users + [ticket.requester, ticket.assignee, ticket.submitter].compactMap({ $0 }) {
      if let id = user.id?.value { known[id] = user }
    }
    let requester = ticket.requesterId?.value ?? ticket.requester?.id?.value
    let parser = TimestampParser()
    var assembler = ConversationAssembler()
    var entries = comments
    if entries.isEmpty, let description = ticket.description {
      entries = [
        ZendeskTicket.Comment(
          id: nil, type: nil, authorId: ticket.requesterId, body: description, plainBody: nil, htmlBody: nil,
          public: true, createdAt: ticket.createdAt, via: nil)
      ]
    }
    for comment in entries {
      let author = comment.authorId?.value ?? "unknown"
      let user = known[author]
      var role: ParticipantRole
      switch user?.role?.lowercased() {
      case "end-user"?: role = .customer
      case "agent"?, "admin"?: role = .agent
      default: role = author == requester ? .customer : .agent
      }
      if comment.via?.channel == "rule" { role = .system }
      var attributes: [String: String] = [:]
      if let id = comment.id?.value { attributes["comment_id"] = id }
      if comment.public == false { attributes["visibility"] = "internal" }
      if let channel = comment.via?.channel { attributes["via"] = channel }
      let text =
        comment.plainBody ?? comment.body ?? comment.htmlBody.map(ExportText.stripHTML) ?? ""
      assembler.add(
        speaker: author, role: role, name: user?.name, timestamp: comment.createdAt.flatMap(parser.parse),
        text: text, location: SourceLocation(file: file.path, line: line), attributes: attributes)
    }
    guard let id = ticket.id?.value else {
      throw InputDiagnostic(file: file.path, line: line, "at the top level: expected the ticket's \"id\"")
    }
    var metadata: [String: String] = [:]
    metadata["subject"] = ticket.subject
    metadata["status"] = ticket.status
    metadata["brand_id"] = ticket.brandId?.value
    metadata["group_id"] = ticket.groupId?.value
    metadata["organization_id"] = ticket.organizationId?.value
    metadata["requester_id"] = requester
    if let tags = ticket.tags, !tags.isEmpty { metadata["tags"] = tags.joined(separator: " ") }
    if users.isEmpty && ticket.requester?.role == nil { metadata["roles"] = "derived" }
    return assembler.conversation(
      id: id, channel: Self.channel(ticket.via?.channel), company: options.company, file: file, metadata: metadata)
  }

  static func channel(_ via: String?) -> Channel {
    switch via?.lowercased() {
    case "email"?: .email
    case "chat"?, "native_messaging"?, "sunshine_conversations"?: .chat
    case "voice"?: .voice
    case "twitter"?, "facebook"?, "instagram_dm"?: .social
    case "sms"?, "whatsapp"?: .sms
    case "web"?, "web_form"?, "web_widget"?: "web"
    default: .unknown
    }
  }
}

/// The shapes of Zendesk JSON that carry tickets.
struct ZendeskEnvelope: Decodable {
  var ticket: ZendeskTicket?
  var tickets: [ZendeskTicket]?
  var comments: [ZendeskTicket.Comment]?
  var users: [ZendeskTicket.User]?
}

/// A Zendesk ticket with the fields Earshot uses (snake_case in the JSON, converted when decoding).
struct ZendeskTicket: Decodable {
  struct Via: Decodable {
    var channel: String?
  }

  struct Comment: Decodable {
    var id: LooseString?
    var type: String?
    var authorId: LooseString?
    var body: String?
    var plainBody: String?
    var htmlBody: String?
    var `public`: Bool?
    var createdAt: String?
    var via: Via?
  }

  struct User: Decodable {
    var id: LooseString?
    var name: String?
    var role: String?
    var email: String?
  }

  var id: LooseString?
  var subject: String?
  var description: String?
  var status: String?
  var requesterId: LooseString?
  var assigneeId: LooseString?
  var brandId: LooseString?
  var groupId: LooseString?
  var organizationId: LooseString?
  var via: Via?
  var tags: [String]?
  var createdAt: String?
  var comments: [Comment]?
  var requester: User?
  var assignee: User?
  var submitter: User?
}
