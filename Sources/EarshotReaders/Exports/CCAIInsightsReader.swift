import EarshotModel
import Foundation

/// Reads Google CCAI Insights conversation JSON: the upload format (`entries[]` with `role`,
/// `user_id`, `start_timestamp_usec`) and the API resource (`transcript.transcriptSegments[]` with
/// `segmentParticipant.role` and `messageTime`).
///
/// Roles: AGENT, HUMAN_AGENT and ANY_AGENT → agent; AUTOMATED_AGENT → bot; CUSTOMER and END_USER →
/// customer. This role-tagged shape is also the documented escape hatch for exports Earshot does not
/// read natively.
public struct CCAIInsightsReader: TranscriptReader {
  public var format: String { "ccai-insights" }
  public var summary: String { "Google CCAI Insights conversation JSON (entries[] or transcriptSegments[])" }

  let options: ExportReaderOptions

  /// Creates the reader.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    ExportJSON.sniff(sample, all: ["entries"], any: ["start_timestamp_usec", "user_id"])
      || ExportJSON.sniff(sample, all: ["transcriptSegments"])
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let data = try file.contents()
    var assembler = ConversationAssembler()
    let parser = TimestampParser()
    var metadata: [String: String] = [:]
    var id = file.url.deletingPathExtension().lastPathComponent
    var channel: Channel = .chat
    if let upload = try? JSONDecoder().decode(CCAIUpload.self, from: data), let entries = upload.entries {
      for (index, entry) in entries.enumerated() {
        let role = Self.role(entry.role)
        let speaker = entry.userId?.value ?? entry.role?.lowercased() ?? "unknown"
        var timestamp: Date?
        if let stamp = entry.startTimestampUsec {
          // Microseconds: checked to be finite and within years 1–9999 before any date arithmetic.
          if let micros = stamp.number, micros.isFinite, TimestampParser.epochRange.contains(micros / 1_000_000) {
            timestamp = Date(timeIntervalSince1970: micros / 1_000_000)
          } else {
            diagnose(
              DecodingErrorText.diagnostic(
                JSONValueProblem(
                  [.key("entries"), .index(index), .key("start_timestamp_usec")],
                  "expected epoch microseconds between years 1 and 9999, found '\(stamp.value)'; time left empty"),
                file: file, bytes: [UInt8](data), start: .start))
          }
        }
        assembler.add(
          speaker: speaker, role: role, timestamp: timestamp, text: entry.text ?? "",
          location: SourceLocation(file: file.path), attributes: ["position": String(index)])
      }
      let categories = upload.conversationInfo?.categories?.compactMap(\.displayName) ?? []
      if !categories.isEmpty { metadata["categories"] = categories.joined(separator: ",") }
    } else {
      let resource = try ExportJSON.decode(CCAIResource.self, from: data, file: file)
      guard let segments = resource.transcript?.transcriptSegments else {
        throw InputDiagnostic(
          file: file.path, "at the top level: expected \"entries\" or \"transcript.transcriptSegments\"")
      }
      for (index, segment) in segments.enumerated() {
        let role = Self.role(segment.segmentParticipant?.role)
        let speaker = segment.segmentParticipant?.userId ?? segment.segmentParticipant?.role?.lowercased() ?? "unknown"
        var attributes = ["position": String(index)]
        if let score = segment.sentiment?.score { attributes["sentiment_score"] = String(score) }
        assembler.add(
          speaker: speaker, role: role, timestamp: segment.messageTime.flatMap(parser.parse), text: segment.text ?? "",
          location: SourceLocation(file: file.path), attributes: attributes)
      }
      if let name = resource.name { id = String(name.split(separator: "/").last ?? Substring(name)) }
      if resource.medium?.uppercased() == "PHONE_CALL" { channel = .voice }
      metadata["agent_id"] = resource.agentId
    }
    try emit(assembler.conversation(id: id, channel: channel, company: options.company, file: file, metadata: metadata))
  }

  static func role(_ value: String?) -> ParticipantRole {
    switch value?.uppercased() {
    case "AGENT"?, "HUMAN_AGENT"?, "ANY_AGENT"?: .agent
    case "AUTOMATED_AGENT"?: .bot
    case "CUSTOMER"?, "END_USER"?: .customer
    default: .unknown
    }
  }
}

/// The CCAI Insights upload format.
struct CCAIUpload: Decodable {
  struct Entry: Decodable {
    var text: String?
    var userId: LooseString?
    var role: String?
    var startTimestampUsec: LooseString?

    enum CodingKeys: String, CodingKey {
      case text, role
      case userId = "user_id"
      case startTimestampUsec = "start_timestamp_usec"
    }
  }

  struct Info: Decodable {
    struct Category: Decodable {
      var displayName: String?
      enum CodingKeys: String, CodingKey { case displayName = "display_name" }
    }
    var categories: [Category]?
  }

  var conversationInfo: Info?
  var entries: [Entry]?

  enum CodingKeys: String, CodingKey {
    case entries
    case conversationInfo = "conversation_info"
  }
}

/// The CCAI Insights API conversation resource (camelCase).
struct CCAIResource: Decodable {
  struct Segment: Decodable {
    struct Speaker: Decodable {
      var role: String?
      var userId: String?
    }
    struct Sentiment: Decodable {
      var score: Double?
    }
    var text: String?
    var messageTime: String?
    var segmentParticipant: Speaker?
    var sentiment: Sentiment?
  }

  struct Transcript: Decodable {
    var transcriptSegments: [Segment]?
  }

  var name: String?
  var medium: String?
  var agentId: String?
  var transcript: Transcript?
}
