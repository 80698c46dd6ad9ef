import EarshotDetectors
import EarshotModel
import Foundation

/// The scored result of one conversation: what Earshot writes per conversation (schema in `docs/output-schema.md`).
public struct ConversationResult: Codable, Sendable, Hashable {
  /// Version of this output schema; bumped on any incompatible change.
  public static let schemaVersion = 2

  /// The output schema version.
  public var schemaVersion: Int
  /// The Earshot version that produced it.
  public var toolVersion: String
  /// The conversation's id.
  public var conversationId: String
  /// Channel, company and source file.
  public var channel: String
  public var company: String?
  public var sourceFile: String
  /// Agents who spoke (participant ids), in order of first turn.
  public var agents: [String]
  /// Whether roles were guessed rather than read from the source or configuration.
  public var rolesGuessed: Bool
  /// Number of turns.
  public var turnCount: Int
  /// The first turn's timestamp, when known (per-day aggregation uses its UTC date).
  public var startedAt: Date?
  /// The listening score and its breakdown.
  public var score: ListeningScore
  /// Every finding, with evidence.
  public var findings: [Finding]
  /// Measurements for aggregation.
  public var metrics: ConversationMetrics
  /// The turn where the customer's problem was resolved, or nil (left out of the JSON) when it was not.
  public var resolvedTurn: Int?
  /// How `resolvedTurn` was decided (`customer_confirmed`, `customer_thanked_and_closed`,
  /// `agent_stated_fixed_uncontradicted`), or nil when unresolved.
  public var resolution: String?

  /// Creates a result.
  public init(
    conversation: Conversation, toolVersion: String, score: ListeningScore, findings: [Finding],
    metrics: ConversationMetrics, resolution: Resolution? = nil
  ) {
    schemaVersion = ConversationResult.schemaVersion
    self.toolVersion = toolVersion
    conversationId = conversation.id
    channel = conversation.channel.rawValue
    company = conversation.company
    sourceFile = conversation.sourceFile
    agents = conversation.agents.map(\.id)
    rolesGuessed = conversation.metadata["roles"] == "guessed"
    turnCount = conversation.turns.count
    startedAt = conversation.turns.compactMap(\.timestamp).min()
    self.score = score
    self.findings = findings
    self.metrics = metrics
    resolvedTurn = resolution?.turn
    self.resolution = resolution?.kind.rawValue
  }
}
