import EarshotModel
import Foundation

/// Reads Genesys Engage (UCS) chat transcript XML: `<chatTranscript startAt sessionId>` with
/// `<newParty>`, `<message>`, `<notice>` and `<partyLeft>` events.
///
/// Roles come from each party's `userInfo/@userType`: CLIENT → customer, AGENT → agent (or bot when
/// the party's user data sets `GCTI_Chat_PartyStyle` to `BOT`), EXTERNAL → system. A message's time is
/// `startAt` plus its `timeShift` seconds; messages whose `visibility` is not `ALL` are internal.
/// Notices become system turns. The company comes from user data `Company`/`Brand`, else the options.
public struct GenesysXMLReader: TranscriptReader {
  public var format: String { "genesys-chat-xml" }
  public var summary: String { "Genesys Engage chat transcript XML: one conversation per <chatTranscript>" }

  let options: ExportReaderOptions

  /// Creates the reader.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    XMLSniffing.matches(sample, roots: ["chatTranscript"])
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let xml = try XMLStreamReader(file: file, limits: options.xmlLimits)
    var transcript: GenesysTranscript?
    var party: GenesysParty?
    var event: (tag: XMLStartTag, kind: String)?
    while let next = try xml.next() {
      switch next {
      case .start(let tag):
        switch tag.name {
        case "chatTranscript":
          let base = tag["startAt"].flatMap(TimestampParser().parse)
          transcript = GenesysTranscript(tag: tag, start: base)
        case "newParty":
          party = GenesysParty(userID: tag["userId"] ?? "unknown")
        case "userInfo":
          party?.nick = tag["userNick"]
          party?.type = tag["userType"] ?? ""
          party?.personID = tag["personId"]
        case "item":
          let key = tag["key"] ?? ""
          let value = try xml.text(ofElementAt: tag.depth).exportTrimmed
          if party != nil { party?.userData[key] = value }
        case "message", "notice":
          event = (tag, tag.name)
        case "msgText", "noticeText":
          let text = try xml.text(ofElementAt: tag.depth).exportTrimmed
          if let current = event {
            transcript?.add(event: current.tag, kind: current.kind, text: text)
          }
          event = nil
        default:
          break
        }
      case .end(name: "newParty"):
        if let finished = party { transcript?.parties.append(finished) }
        party = nil
      case .end(name: "chatTranscript"):
        if let finished = transcript {
          try emit(finished.conversation(file: file, options: options))
        }
        transcript = nil
      default:
        break
      }
    }
  }
}

/// A party as announced by `<newParty>`.
struct GenesysParty {
  var userID: String
  var nick: String?
  var type = ""
  var personID: String?
  var userData: [String: String] = [:]

  var role: ParticipantRole {
    switch type.uppercased() {
    case "CLIENT": .customer
    case "AGENT": userData["GCTI_Chat_PartyStyle"]?.uppercased() == "BOT" ? .bot : .agent
    case "EXTERNAL": .system
    default: .unknown
    }
  }
}

/// One `<chatTranscript>` being read.
struct GenesysTranscript {
  struct Entry {
    var tag: XMLStartTag
    var kind: String
    var text: String
  }

  var tag: XMLStartTag
  var start: Date?
  var parties: [GenesysParty] = []
  var entries: [Entry] = []

  init(tag: XMLStartTag, start: Date?) {
    self.tag = tag
    self.start = start
  }

  mutating func add(event: XMLStartTag, kind: String, text: String) {
    entries.append(Entry(tag: event, kind: kind, text: text))
  }

  func conversation(file: InputFile, options: ExportReaderOptions) -> Conversation {
    var roles: [String: ParticipantRole] = [:]
    var participants: [Participant] = []
    for party in parties where roles[party.userID] == nil {
      roles[party.userID] = party.role
      participants.append(Participant(id: party.userID, role: party.role, name: party.nick ?? party.personID))
    }
    var turns: [Turn] = []
    for entry in entries {
      var attributes: [String: String] = [:]
      var speaker = entry.tag["userId"] ?? "system"
      if entry.kind == "notice" {
        // Notices are the platform speaking, even when a party's id is on them.
        attributes["participant_id"] = speaker
        speaker = "system"
      }
      var role = roles[speaker] ?? .unknown
      if roles[speaker] == nil {
        role = entry.kind == "notice" ? .system : .unknown
        roles[speaker] = role
        participants.append(Participant(id: speaker, role: role))
      }
      if let visibility = entry.tag["visibility"], visibility.uppercased() != "ALL" {
        attributes["visibility"] = "internal"
      }
      if let eventID = entry.tag["eventId"] { attributes["event_id"] = eventID }
      if entry.kind == "notice" { attributes["event"] = "notice" }
      let shift = entry.tag["timeShift"].flatMap(Double.init)
      let timestamp = start.flatMap { base in shift.map { base.addingTimeInterval($0) } }
      turns.append(
        Turn(
          index: turns.count, speaker: speaker, role: role, timestamp: timestamp, text: entry.text,
          location: SourceLocation(file: file.path, line: entry.tag.line), attributes: attributes))
    }
    let userData = parties.reduce(into: [String: String]()) { $0.merge($1.userData) { old, _ in old } }
    var metadata: [String: String] = [:]
    metadata["session_id"] = tag["sessionId"]
    metadata["start_at"] = tag["startAt"]
    if let agent = parties.first(where: { $0.role == .agent })?.personID, !agent.isEmpty {
      metadata["agent_login"] = agent
    }
    let fallback = file.url.deletingPathExtension().lastPathComponent
    return Conversation(
      id: tag["sessionId"] ?? fallback, channel: .chat,
      company: userData["Company"] ?? userData["Brand"] ?? options.company, sourceFile: file.path,
      participants: participants, turns: turns, metadata: metadata)
  }
}
