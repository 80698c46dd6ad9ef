import EarshotModel
import EarshotText
import Foundation

/// Which columns of a generic CSV export hold what (column names as written in the header row).
public struct CSVColumnMapping: Sendable, Hashable, Codable {
  /// The column that groups rows into conversations; without it the whole file is one conversation.
  public var conversationID: String?
  /// The column naming who wrote the row (a name, handle or id).
  public var speaker: String
  /// The column giving the speaker's role (values matched against the role value lists).
  public var role: String?
  /// The column holding the message time (ISO 8601, `YYYY-MM-DD HH:MM[:SS]` or epoch seconds).
  public var timestamp: String?
  /// The column holding the message text.
  public var text: String
  /// The column naming the company, brand or queue.
  public var company: String?
  /// The column naming the channel (chat, email, social...).
  public var channel: String?

  /// Creates a mapping; only the speaker and text columns are required.
  public init(
    conversationID: String? = nil, speaker: String, role: String? = nil, timestamp: String? = nil,
    text: String, company: String? = nil, channel: String? = nil
  ) {
    self.conversationID = conversationID
    self.speaker = speaker
    self.role = role
    self.timestamp = timestamp
    self.text = text
    self.company = company
    self.channel = channel
  }
}

/// Settings for XML and vendor chat exports.
///
/// Every field has a default that needs no configuration; the generic CSV reader is the only one
/// that needs `csvColumns` to be set before it claims a file.
public struct ExportReaderOptions: Sendable, Hashable {
  /// The column mapping for generic CSV exports; nil turns the generic CSV reader off.
  public var csvColumns: CSVColumnMapping?
  /// The field separator of generic CSV exports (a single ASCII byte: `,`, `;` or a tab).
  public var csvDelimiter: UInt8
  /// Role-column values (case-insensitive) that mean an agent.
  public var agentRoleValues: Set<String>
  /// Role-column values (case-insensitive) that mean a bot.
  public var botRoleValues: Set<String>
  /// Role-column values (case-insensitive) that mean system events; any other value is a customer.
  public var systemRoleValues: Set<String>
  /// Speaker names or ids (case-insensitive) that are agents in exports without roles (WhatsApp, Slack,
  /// generic CSV without a role column).
  public var agentNames: Set<String>
  /// The company, brand or queue for exports that do not name one.
  public var company: String?
  /// Whether a sign-off at the end of a company tweet (`^JK`, `-Becky`) names the individual agent.
  public var twitterSignOffs: Bool
  /// The time zone of timestamps written without an offset (WhatsApp, generic CSV); UTC when nil.
  public var timeZone: TimeZone?
  /// The deepest element nesting accepted in XML documents.
  public var maxXMLDepth: Int

  /// Creates options with the defaults.
  public init() {
    self.init(csvColumns: nil)
  }

  /// Creates options; each parameter defaults to the documented default.
  public init(
    csvColumns: CSVColumnMapping? = nil,
    csvDelimiter: UInt8 = UInt8(ascii: ","),
    agentRoleValues: Set<String> = ["agent", "admin", "operator", "support", "staff", "advisor", "rep"],
    botRoleValues: Set<String> = ["bot", "automated_agent", "virtual_agent", "assistant"],
    systemRoleValues: Set<String> = ["system", "event", "notice"],
    agentNames: Set<String> = [],
    company: String? = nil,
    twitterSignOffs: Bool = true,
    timeZone: TimeZone? = nil,
    maxXMLDepth: Int = 128
  ) {
    self.csvColumns = csvColumns
    self.csvDelimiter = csvDelimiter
    self.agentRoleValues = agentRoleValues
    self.botRoleValues = botRoleValues
    self.systemRoleValues = systemRoleValues
    self.agentNames = agentNames
    self.company = company
    self.twitterSignOffs = twitterSignOffs
    self.timeZone = timeZone
    self.maxXMLDepth = maxXMLDepth
  }

  /// The role a role-column value names: agent, bot or system per the value lists, else customer.
  public func role(forValue value: String) -> ParticipantRole {
    let key = value.trimmingCharacters(in: .whitespaces).lowercased()
    if agentRoleValues.contains(where: { $0.lowercased() == key }) { return .agent }
    if botRoleValues.contains(where: { $0.lowercased() == key }) { return .bot }
    if systemRoleValues.contains(where: { $0.lowercased() == key }) { return .system }
    if let role = ParticipantRole(rawValue: key) { return role }
    return .customer
  }

  /// Whether `name` is listed in `agentNames` (case-insensitive).
  public func isAgentName(_ name: String) -> Bool {
    let key = name.lowercased()
    return agentNames.contains { $0.lowercased() == key }
  }

  /// The XML limits these options imply.
  var xmlLimits: XMLStreamLimits { XMLStreamLimits(maxDepth: maxXMLDepth) }

  /// The parser for timestamps without an offset.
  var timestampParser: TimestampParser {
    timeZone.map { TimestampParser(timeZone: $0) } ?? TimestampParser()
  }
}

extension String {
  /// The string without leading and trailing white space and newlines (as Foundation trims
  /// `.whitespacesAndNewlines`, without its UTF-16 round trip).
  var exportTrimmed: String { trimmingSpacesAndNewlines() }
}
