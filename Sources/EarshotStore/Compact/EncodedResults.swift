import EarshotReporters
import EarshotScoring

/// A unit's results in the store's row form, built one result at a time as results arrive: each
/// result's JSON line, the query columns of its conversation, agents and findings, and the unit's
/// totals. Nightly adds each result as it is scored, as `batch` writes each result's line, so the
/// result itself is released at once instead of being held until its unit is written (and freed on
/// the store's writer thread).
public struct EncodedResults: Sendable {
  /// The results' compact JSON lines (the bytes of `conversations.jsonl`), in order.
  var lines: [[UInt8]] = []
  var conversations: [EncodedUnit.Conversation] = []
  /// The unit's totals, added in result order (as ``ResultCoding/binary(_:)`` stores them).
  var aggregation = Aggregation()

  /// No results yet.
  public init() {}

  /// The results of `results`, in order.
  public init(_ results: [ConversationResult]) {
    lines.reserveCapacity(results.count)
    conversations.reserveCapacity(results.count)
    for result in results { append(result) }
  }

  /// The number of results added.
  public var count: Int { lines.count }

  /// Adds the next result of the unit.
  public mutating func append(_ result: ConversationResult) {
    aggregation.add(result, day: result.startedAt.map(Aggregation.utcDay))
    lines.append(result.compactJSONBytes())
    conversations.append(
      EncodedUnit.Conversation(
        conversationID: result.conversationId, company: result.company ?? "", channel: result.channel,
        startedAt: result.startedAt.map(StoreTimestamp.string), score: result.score.value, agents: result.agents,
        findings: result.findings.map { finding in
          EncodedUnit.Finding(
            detector: finding.detector, category: finding.category.rawValue, severity: finding.severity.rawValue,
            turn: finding.evidence.first?.turn)
        }))
  }
}
