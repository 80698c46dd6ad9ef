import EarshotModel
import Foundation

/// Reads Zendesk's legacy XML export (`tickets.xml`: `<tickets><ticket>` with kebab-case children
/// and `<comments type="array"><comment>`).
///
/// One conversation per ticket, id = `nice-id` (the ticket number). Roles: when a `users.xml` of the
/// same export sits beside the file, its `roles` decide (0 end-user → customer, 2 admin and 4 agent →
/// agent); otherwise the ticket's requester is the customer and every other comment author an agent.
/// Comments with `is-public` false are kept as internal notes (`attributes["visibility"] = "internal"`).
public struct ZendeskXMLReader: TranscriptReader {
  public var format: String { "zendesk-xml" }
  public var summary: String { "Zendesk legacy XML export (tickets.xml): one conversation per <ticket>" }

  let options: ExportReaderOptions

  /// Creates the reader; `options.company` names the help desk's company.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    XMLSniffing.matches(sample, roots: ["tickets", "ticket"], markers: ["<nice-id"])
      || XMLSniffing.matches(sample, roots: ["tickets", "ticket"], markers: ["<requester-id"])
      || isSideTable(sample)
  }

  /// The export's `users.xml`, `organizations.xml` and `groups.xml` are side tables: claimed so that a
  /// batch over the export folder does not report them as unknown, and read only for `tickets.xml`.
  private func isSideTable(_ sample: InputSample) -> Bool {
    XMLSniffing.matches(sample, roots: ["users"], markers: ["<roles"])
      || XMLSniffing.matches(sample, roots: ["organizations"], markers: ["<organization"])
      || XMLSniffing.matches(sample, roots: ["groups"], markers: ["<group"])
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    if isSideTable(InputSample(file: file, head: try file.head())) { return }
    let users = loadUsers(besides: file, diagnose: diagnose)
    let xml = try XMLStreamReader(file: file, limits: options.xmlLimits)
    while let event = try xml.next() {
      guard case .start(let tag) = event, tag.name == "ticket" else { continue }
      let ticket = try readTicket(tag, xml: xml)
      do {
        try emit(try ticket.conversation(file: file, users: users, options: options))
      } catch let error as InputDiagnostic {
        diagnose(error)
      }
    }
  }

  private func readTicket(_ tag: XMLStartTag, xml: XMLStreamReader) throws -> ZendeskXMLTicket {
    var ticket = ZendeskXMLTicket(tag: tag)
    while let event = try xml.next() {
      switch event {
      case .start(let child) where child.name == "comments":
        while let inner = try xml.next() {
          if case .start(let comment) = inner, comment.name == "comment" {
            ticket.comments.append((comment, try fields(of: comment, xml: xml)))
          } else if case .end(name: "comments") = inner {
            break
          }
        }
      case .start(let child):
        ticket.fields[child.name] = try xml.text(ofElementAt: child.depth).exportTrimmed
      case .end(name: "ticket"):
        return ticket
      default:
        continue
      }
    }
    throw xml.diagnostic("the document ends inside <ticket>")
  }

  /// The text of each child element of the element started by `tag`.
  private func fields(of tag: XMLStartTag, xml: XMLStreamReader) throws -> [String: String] {
    var result: [String: String] = [:]
    while let event = try xml.next() {
      switch event {
      case .start(let child):
        result[child.name] = try xml.text(ofElementAt: child.depth).exportTrimmed
      case .end:
        return result
      case .text:
        continue
      }
    }
    throw xml.diagnostic("the document ends inside <\(tag.name)>")
  }

  /// Users from `users.xml` in the same folder: id → (name, role).
  private func loadUsers(besides file: InputFile, diagnose: (InputDiagnostic) -> Void) -> [String: Participant] {
    let usersURL = file.url.deletingLastPathComponent().appendingPathComponent("users.xml")
    guard usersURL.path != file.url.path, FileManager.default.fileExists(atPath: usersURL.path) else { return [:] }
    let folder = (file.path as NSString).deletingLastPathComponent
    let usersFile = InputFile(path: folder.isEmpty ? "users.xml" : folder + "/users.xml")
    var users: [String: Participant] = [:]
    do {
      let xml = try XMLStreamReader(file: usersFile, limits: options.xmlLimits)
      while let event = try xml.next() {
        guard case .start(let tag) = event, tag.name == "user" else { continue }
        let values = try fields(of: tag, xml: xml)
        guard let id = values["id"] else { continue }
        let role: ParticipantRole = (values["roles"] ?? "0") == "0" ? .customer : .agent
        users[id] = Participant(id: id, role: role, name: values["name"])
      }
    } catch let error as InputDiagnostic {
      diagnose(error)
    } catch {
      diagnose(InputDiagnostic(file: usersFile.path, "cannot read users: \(error)"))
    }
    return users
  }
}

/// One `<ticket>` as read.
struct ZendeskXMLTicket {
  var tag: XMLStartTag
  var fields: [String: String] = [:]
  var comments: [(XMLStartTag, [String: String])] = []

  /// Zendesk `via-id` values (legacy numbering) for the channels Earshot names.
  static let channels: [String: Channel] = [
    "0": "web", "4": .email, "5": "web", "17": .voice, "23": .social, "26": .social, "29": .chat, "30": .social,
    "33": .voice, "34": .voice, "35": .voice, "38": .social,
  ]

  func conversation(file: InputFile, users: [String: Participant], options: ExportReaderOptions) throws
    -> Conversation
  {
    guard let number = fields["nice-id"] ?? fields["id"] else {
      throw InputDiagnostic(
        file: file.path, line: tag.line, column: tag.column, "<ticket>: expected a <nice-id> (ticket number)")
    }
    let requester = fields["requester-id"]
    let parser = TimestampParser()
    var participants: [Participant] = []
    var known: Set<String> = []
    func participant(_ id: String) -> Participant {
      if let user = users[id] { return user }
      return Participant(id: id, role: id == requester ? .customer : .agent)
    }
    var entries = comments
    if entries.isEmpty, let description = fields["description"] {
      entries = [
        (tag, ["author-id": requester ?? "requester", "value": description, "created-at": fields["created-at"] ?? ""])
      ]
    }
    var turns: [Turn] = []
    for (commentTag, comment) in entries {
      let author = comment["author-id"] ?? "unknown"
      let speaker = participant(author)
      if !known.contains(author) {
        known.insert(author)
        participants.append(speaker)
      }
      var attributes: [String: String] = [:]
      if comment["is-public"] == "false" { attributes["visibility"] = "internal" }
      if let type = comment["type"] { attributes["comment_type"] = type }
      turns.append(
        Turn(
          index: turns.count, speaker: author, role: speaker.role,
          timestamp: comment["created-at"].flatMap(parser.parse), text: comment["value"] ?? "",
          location: SourceLocation(file: file.path, line: commentTag.line), attributes: attributes))
    }
    var metadata: [String: String] = ["ticket_number": number]
    metadata["subject"] = fields["subject"]
    metadata["group_id"] = fields["group-id"]
    metadata["organization_id"] = fields["organization-id"]
    metadata["tags"] = fields["current-tags"]
    metadata["status_id"] = fields["status-id"]
    metadata["requester_id"] = requester
    metadata["assignee_id"] = fields["assignee-id"]
    if users.isEmpty { metadata["roles"] = "derived" }
    let channel = fields["via-id"].flatMap { ZendeskXMLTicket.channels[$0] } ?? .unknown
    return Conversation(
      id: number, channel: channel, company: options.company, sourceFile: file.path, participants: participants,
      turns: turns, metadata: metadata)
  }
}
