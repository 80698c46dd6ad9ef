import EarshotModel
import Foundation

/// Reads Amazon Connect Contact Lens analysis files and AWS Transcribe Call Analytics output with
/// one decoder (all keys optional).
///
/// Roles come from the `Participants` list (`ParticipantId` → `ParticipantRole`), else from each
/// item's own `ParticipantRole`: AGENT and SUPERVISOR → agent, CUSTOMER → customer, SYSTEM → system,
/// CUSTOM_BOT → bot. Chat items keep their `AbsoluteTime`; voice items only have offsets from the
/// start of the contact, kept in `attributes["offset_ms"]` (the absolute start lives in the contact
/// record, not in this file). Connect event items (`application/vnd.amazonaws.connect.event.*`) are
/// system turns. Per-turn sentiment is kept in `attributes["sentiment"]`.
public struct ContactLensReader: TranscriptReader {
  public var format: String { "aws-contact-lens" }
  public var summary: String { "Amazon Connect Contact Lens / Transcribe Call Analytics JSON" }

  let options: ExportReaderOptions

  /// Creates the reader.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    ExportJSON.sniff(
      sample, all: ["Transcript"], any: ["Participants", "ParticipantRole", "JobName", "CustomerMetadata"])
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let document = try ExportJSON.decode(
      ContactLensDocument.self, from: try file.contents(), file: file, keys: .pascalCase)
    guard let items = document.transcript else {
      throw InputDiagnostic(file: file.path, "at the top level: expected key \"Transcript\"")
    }
    var roles: [String: ParticipantRole] = [:]
    for participant in document.participants ?? [] {
      if let id = participant.participantId, let role = participant.participantRole {
        roles[id] = Self.role(role)
      }
    }
    var assembler = ConversationAssembler()
    let parser = TimestampParser()
    for (index, item) in items.enumerated() {
      var speaker = item.participantId ?? item.participantRole ?? "unknown"
      var role = roles[speaker] ?? item.participantRole.map(Self.role) ?? .unknown
      var text = item.content ?? ""
      var attributes: [String: String] = [:]
      if let type = item.contentType, type.hasPrefix("application/vnd.amazonaws.connect.event") {
        // Join, leave and end events speak for nobody: a system turn naming the event.
        role = .system
        attributes["participant_id"] = speaker
        speaker = "system"
        attributes["event"] = String(type.dropFirst("application/vnd.amazonaws.connect.event.".count))
        if text.isEmpty { text = "[" + (attributes["event"] ?? "event") + "]" }
      }
      attributes["item_id"] = item.id
      attributes["sentiment"] = item.sentiment
      if let offset = item.beginOffsetMillis?.value { attributes["offset_ms"] = offset }
      if let end = item.endOffsetMillis?.value { attributes["end_offset_ms"] = end }
      assembler.add(
        speaker: speaker, role: role, name: role == .system ? nil : item.displayName,
        timestamp: item.absoluteTime.flatMap(parser.parse),
        text: text, location: SourceLocation(file: file.path),
        attributes: attributes.merging(["position": String(index)]) { old, _ in old })
    }
    let fallback = file.url.deletingPathExtension().lastPathComponent
    let id = document.customerMetadata?.contactId ?? document.jobName ?? fallback
    let channel: Channel
    switch document.channel?.uppercased() {
    case "CHAT"?: channel = .chat
    case "EMAIL"?: channel = .email
    default: channel = .voice
    }
    var metadata: [String: String] = [:]
    metadata["instance_id"] = document.customerMetadata?.instanceId
    metadata["language"] = document.languageCode
    metadata["version"] = document.version
    if let categories = document.categories?.matchedCategories, !categories.isEmpty {
      metadata["categories"] = categories.joined(separator: ",")
    }
    if document.participants == nil { metadata["roles"] = "per-item" }
    try emit(assembler.conversation(id: id, channel: channel, company: options.company, file: file, metadata: metadata))
  }

  static func role(_ value: String) -> ParticipantRole {
    switch value.uppercased() {
    case "AGENT", "SUPERVISOR": .agent
    case "CUSTOMER": .customer
    case "SYSTEM": .system
    case "CUSTOM_BOT", "BOT": .bot
    default: .unknown
    }
  }
}

/// Contact Lens and Transcribe Call Analytics output (PascalCase keys, all optional).
struct ContactLensDocument: Decodable {
  struct Participant: Decodable {
    var participantId: String?
    var participantRole: String?
  }

  struct Item: Decodable {
    var id: String?
    var participantId: String?
    var participantRole: String?
    var displayName: String?
    var content: String?
    var contentType: String?
    var absoluteTime: String?
    var beginOffsetMillis: LooseString?
    var endOffsetMillis: LooseString?
    var sentiment: String?
  }

  struct Metadata: Decodable {
    var contactId: String?
    var instanceId: String?
  }

  struct Categories: Decodable {
    var matchedCategories: [String]?
  }

  var version: String?
  var channel: String?
  var languageCode: String?
  var jobName: String?
  var customerMetadata: Metadata?
  var participants: [Participant]?
  var categories: Categories?
  var transcript: [Item]?
}
