import EarshotDetectors
import EarshotModel
import Foundation

/// The scored result of one conversation: what Earshot writes per conversation (schema in `docs/output-schema.md`).
public struct ConversationResult: Codable, Sendable, Hashable {
  /// Version of this output schema; bumped on any incompatible change.
  public static let schemaVersion = 4

  /// The output schema version.
  public var schemaVersion: Int
  /// The Earshot version that produced it.
  public var toolVersion: String
  /// The conversation's id.
  public var conversationId: String
  /// Channel, company and source file.
  public var channel: String
  public var company: String?
  /// The support center, from the `centers:` rules of the configuration (schema 4); nil (left
  /// out of the JSON) when no rule matched and no default center is configured.
  public var center: String?
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
  /// A verdict for every customer question or request (schema 2).
  public var questions: [QuestionRecord]
  /// Measurements for aggregation.
  public var metrics: ConversationMetrics
  /// The turn where the customer's problem was resolved, or nil (left out of the JSON) when it was not.
  public var resolvedTurn: Int?
  /// How `resolvedTurn` was decided (`customer_confirmed`, `customer_thanked_and_closed`,
  /// `agent_stated_fixed_uncontradicted`), or nil when unresolved.
  public var resolution: String?
  /// The customer's identity as a keyed hash (schema 4; `customers:` in the configuration): the
  /// same customer gives the same key in every conversation, and the raw identity is never kept.
  public var customerKey: String?
  /// Keyed 32-bit hashes of the content terms of the customer's first turns, sorted: enough to
  /// decide later, without the text, whether two contacts are about the same problem (schema 4).
  public var problemTerms: [UInt32]?
  /// The index of the customer's first turn, where the problem is stated (schema 4).
  public var problemTurn: Int?

  /// Creates a result.
  public init(
    conversation: Conversation, toolVersion: String, score: ListeningScore, findings: [Finding],
    metrics: ConversationMetrics, questions: [QuestionRecord] = [], resolution: Resolution? = nil
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
    self.questions = questions
    resolvedTurn = resolution?.turn
    self.resolution = resolution?.kind.rawValue
  }

  private enum CodingKeys: String, CodingKey {
    case schemaVersion, toolVersion, conversationId, channel, company, center, sourceFile, agents, rolesGuessed
    case turnCount, startedAt, score, findings, questions, metrics, resolvedTurn, resolution, customerKey
    case problemTerms, problemTurn
  }

  /// Decodes a result; results written before schema 2 have no `questions`, before schema 3 no
  /// `resolved_turn` or `resolution`, before schema 4 no `center`, `customer_key`, `problem_terms`
  /// or `problem_turn`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
    toolVersion = try container.decode(String.self, forKey: .toolVersion)
    conversationId = try container.decode(String.self, forKey: .conversationId)
    channel = try container.decode(String.self, forKey: .channel)
    company = try container.decodeIfPresent(String.self, forKey: .company)
    center = try container.decodeIfPresent(String.self, forKey: .center)
    sourceFile = try container.decode(String.self, forKey: .sourceFile)
    agents = try container.decode([String].self, forKey: .agents)
    rolesGuessed = try container.decode(Bool.self, forKey: .rolesGuessed)
    turnCount = try container.decode(Int.self, forKey: .turnCount)
    startedAt = try container.decodeIfPresent(Date.self, forKey: .startedAt)
    score = try container.decode(ListeningScore.self, forKey: .score)
    findings = try container.decode([Finding].self, forKey: .findings)
    questions = try container.decodeIfPresent([QuestionRecord].self, forKey: .questions) ?? []
    metrics = try container.decode(ConversationMetrics.self, forKey: .metrics)
    resolvedTurn = try container.decodeIfPresent(Int.self, forKey: .resolvedTurn)
    resolution = try container.decodeIfPresent(String.self, forKey: .resolution)
    customerKey = try container.decodeIfPresent(String.self, forKey: .customerKey)
    problemTerms = try container.decodeIfPresent([UInt32].self, forKey: .problemTerms)
    problemTurn = try container.decodeIfPresent(Int.self, forKey: .problemTurn)
  }
}
