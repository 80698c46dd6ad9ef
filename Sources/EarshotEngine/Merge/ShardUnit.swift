import EarshotModel
import EarshotScoring
import Foundation

/// The totals of one work unit: what a batch adds into its summary and its tables, one unit at
/// a time and in plan order, so a merge that adds the same units' totals in the same order gets
/// the same floating-point sums to the last bit.
public struct UnitTotals: Sendable, Equatable {
  /// Conversations scored (lines in `conversations.jsonl`).
  public var conversations = 0
  /// Sum of their listening scores, added in reading order.
  public var scoreSum = 0.0
  /// Minor and major findings by detector.
  public var findings: [String: Int] = [:]
  /// Bytes of the unit's files.
  public var bytes: Int64 = 0
  /// The unit's rows of every aggregate table.
  public var aggregation = Aggregation()

  /// Empty totals.
  public init() {}

  /// Adds one scored conversation.
  public mutating func add(_ result: ConversationResult) {
    conversations += 1
    scoreSum += result.score.value
    for finding in result.findings where finding.severity != .info {
      findings[finding.detector, default: 0] += 1
    }
    aggregation.add(result)
  }
}

extension UnitTotals: Codable {
  /// One aggregate row; a dictionary keyed by a struct would encode in hash order.
  struct Row: Codable {
    var key: GroupKey
    var totals: GroupTotals
  }

  enum CodingKeys: String, CodingKey {
    case conversations
    case scoreSum = "score_sum"
    case findings, bytes
    case groups
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    conversations = try container.decode(Int.self, forKey: .conversations)
    scoreSum = try container.decode(Double.self, forKey: .scoreSum)
    findings = try container.decode([String: Int].self, forKey: .findings)
    bytes = try container.decode(Int64.self, forKey: .bytes)
    for row in try container.decode([Row].self, forKey: .groups) { aggregation.groups[row.key] = row.totals }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(conversations, forKey: .conversations)
    try container.encode(scoreSum, forKey: .scoreSum)
    try container.encode(findings, forKey: .findings)
    try container.encode(bytes, forKey: .bytes)
    let rows = aggregation.groups.sorted { $0.key < $1.key }.map { Row(key: $0.key, totals: $0.value) }
    try container.encode(rows, forKey: .groups)
  }
}

/// One line of `units.jsonl`, which a sharded batch writes: a unit's place in the whole plan,
/// how many lines it wrote to `conversations.jsonl` and `diagnostics.jsonl`, and its totals.
public struct ShardUnit: Codable, Sendable, Equatable {
  /// The file's name in the output folder.
  public static let fileName = "units.jsonl"

  /// The unit's position (0-based) in the whole plan, before sharding.
  public var position: Int
  /// The unit's key (its file path, or the group key of files read together).
  public var key: String
  /// Lines the unit wrote to `diagnostics.jsonl`.
  public var diagnostics: Int
  /// The unit's totals (`conversations` is its number of lines in `conversations.jsonl`).
  public var totals: UnitTotals

  enum CodingKeys: String, CodingKey {
    case position, key, diagnostics, totals
  }

  /// The unit as one line of compact JSON (keys kept as written: detector names are already snake_case).
  func line() throws -> String {
    String(decoding: try Self.encoder.encode(self), as: UTF8.self) + "\n"
  }

  /// Reads one line of `units.jsonl`.
  static func decode(_ line: Data) throws -> ShardUnit {
    try JSONCoding.decoder(snakeCase: false).decode(ShardUnit.self, from: line)
  }

  private static let encoder = JSONCoding.encoder(.compact, snakeCase: false)
}
