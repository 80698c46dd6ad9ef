import EarshotReaders
import Foundation

/// `input:` — settings for exports that do not say everything themselves.
public struct InputSettings: Codable, Sendable, Hashable {
  /// The company for exports that name none.
  public var company: String?
  /// The zone of timestamps written without an offset (WhatsApp, CSV); nil is UTC.
  public var timeZone: String?
  /// Whether "^JK" / "-Becky" at the end of a company tweet names the agent.
  public var twitterSignOffs = true
  /// The deepest XML element nesting accepted.
  public var maxXMLDepth = 128
  /// The most turns scored per conversation; later turns are left out with a diagnostic.
  public var maxTurns = ConversationLimits.defaultMaxTurns
  /// The most bytes of text scored per turn; longer turns are cut with a diagnostic.
  public var maxTurnBytes = ConversationLimits.defaultMaxTurnBytes
  /// The generic CSV reader.
  public var csv = CSVSettings()

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case company
    case timeZone = "time_zone"
    case twitterSignOffs = "twitter_sign_offs"
    case maxXMLDepth = "max_xml_depth"
    case maxTurns = "max_turns"
    case maxTurnBytes = "max_turn_bytes"
    case csv
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    company = try container.value(.company, or: nil, in: decoder)
    timeZone = try container.value(
      .timeZone, or: nil, in: decoder, expected: "a time zone such as UTC or Europe/Paris",
      where: { $0.map { TimeZone(identifier: $0) != nil } ?? true })
    twitterSignOffs = try container.value(.twitterSignOffs, or: true, in: decoder)
    maxXMLDepth = try container.value(.maxXMLDepth, or: 128, in: decoder, expected: "a whole number of at least 8") {
      $0 >= 8
    }
    maxTurns = try container.value(
      .maxTurns, or: ConversationLimits.defaultMaxTurns, in: decoder, expected: "a whole number of at least 1"
    ) { $0 >= 1 }
    maxTurnBytes = try container.value(
      .maxTurnBytes, or: ConversationLimits.defaultMaxTurnBytes, in: decoder,
      expected: "a whole number of at least 1024"
    ) { $0 >= 1024 }
    csv = try container.value(.csv, or: CSVSettings(), in: decoder)
  }

  /// The limits every conversation is held to before it is scored.
  var conversationLimits: ConversationLimits {
    ConversationLimits(maxTurns: maxTurns, maxTurnBytes: maxTurnBytes)
  }
}

/// `input.csv:` — the generic CSV reader (off unless its columns are given).
public struct CSVSettings: Codable, Sendable, Hashable {
  /// The field separator: one character, `\t` for a tab.
  public var delimiter = ","
  /// Which columns hold what.
  public var columns: CSVColumnSettings?
  /// Role-column values meaning an agent.
  public var agentValues = ExportReaderOptions().agentRoleValues.sorted()
  /// Role-column values meaning a bot.
  public var botValues = ExportReaderOptions().botRoleValues.sorted()
  /// Role-column values meaning a system message.
  public var systemValues = ExportReaderOptions().systemRoleValues.sorted()

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case delimiter, columns
    case agentValues = "agent_values"
    case botValues = "bot_values"
    case systemValues = "system_values"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = CSVSettings()
    delimiter = try container.value(
      .delimiter, or: ",", in: decoder, expected: "one character such as , or ; or \\t",
      where: { Self.delimiterByte($0) != nil })
    columns = try container.value(.columns, or: nil, in: decoder)
    agentValues = try container.value(.agentValues, or: defaults.agentValues, in: decoder)
    botValues = try container.value(.botValues, or: defaults.botValues, in: decoder)
    systemValues = try container.value(.systemValues, or: defaults.systemValues, in: decoder)
  }

  /// The byte a delimiter setting stands for.
  static func delimiterByte(_ text: String) -> UInt8? {
    let bytes = Array((text == "\\t" ? "\t" : text).utf8)
    return bytes.count == 1 ? bytes[0] : nil
  }
}

/// `input.csv.columns:` — column names as written in the header row.
public struct CSVColumnSettings: Codable, Sendable, Hashable {
  /// The column grouping rows into conversations.
  public var conversationId: String?
  /// Who wrote the row (required).
  public var speaker: String
  /// The speaker's role.
  public var role: String?
  /// The message time.
  public var timestamp: String?
  /// The message text (required).
  public var text: String
  /// The company, brand or queue.
  public var company: String?
  /// The channel.
  public var channel: String?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case conversationId = "conversation_id"
    case speaker, role, timestamp, text, company, channel
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    guard let speaker = try container.decodeIfPresent(String.self, forKey: .speaker),
      let text = try container.decodeIfPresent(String.self, forKey: .text)
    else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: container.codingPath, debugDescription: "expected at least 'speaker' and 'text' column names"))
    }
    self.speaker = speaker
    self.text = text
    conversationId = try container.decodeIfPresent(String.self, forKey: .conversationId)
    role = try container.decodeIfPresent(String.self, forKey: .role)
    timestamp = try container.decodeIfPresent(String.self, forKey: .timestamp)
    company = try container.decodeIfPresent(String.self, forKey: .company)
    channel = try container.decodeIfPresent(String.self, forKey: .channel)
  }
}

extension InputSettings {
  /// The export readers' options these settings make; `agentNames` come from `agents.addresses`.
  func exportOptions(agentNames: [String]) -> ExportReaderOptions {
    ExportReaderOptions(
      csvColumns: csv.columns.map {
        CSVColumnMapping(
          conversationID: $0.conversationId, speaker: $0.speaker, role: $0.role, timestamp: $0.timestamp,
          text: $0.text, company: $0.company, channel: $0.channel)
      },
      csvDelimiter: CSVSettings.delimiterByte(csv.delimiter) ?? UInt8(ascii: ","),
      agentRoleValues: Set(csv.agentValues), botRoleValues: Set(csv.botValues),
      systemRoleValues: Set(csv.systemValues), agentNames: Set(agentNames), company: company,
      twitterSignOffs: twitterSignOffs, timeZone: timeZone.flatMap(TimeZone.init(identifier:)),
      maxXMLDepth: maxXMLDepth)
  }
}
