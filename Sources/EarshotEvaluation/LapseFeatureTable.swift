import EarshotModel
import EarshotScoring

/// The lapse features of scored conversations with their human ratings, as TSV for
/// `Scripts/fit-listening-score.py`: one row per conversation, `id`, `dataset`, the rating
/// columns, the shipped `score`, `sentiment_end`, then one column per lapse (its amount; 0 when
/// absent). The features come from `ListeningLapses`, the code the score itself uses.
public struct LapseFeatureTable: Sendable {
  /// The rating columns, in order (`S`, `A`, `E` for STC-3; `listening` for guide labels).
  public let ratingNames: [String]
  private var rows: [(id: String, dataset: String, ratings: [Double?], result: ConversationResult)] = []

  /// An empty table with these rating columns.
  public init(ratingNames: [String]) {
    self.ratingNames = ratingNames
  }

  /// Adds one conversation's result and its ratings (in `ratingNames` order; nil when missing).
  public mutating func add(id: String, dataset: String, ratings: [Double?], result: ConversationResult) {
    rows.append((id, dataset, ratings, result))
  }

  /// The lapses of `result`, measured as the scorer measures them.
  public static func lapses(of result: ConversationResult) -> [Lapse] {
    ListeningLapses.measure(findings: result.findings, questions: result.questions, metrics: result.metrics)
  }

  /// The table as TSV text with a header line.
  public var tsv: String {
    let measured = rows.map { Self.lapses(of: $0.result) }
    var names = Set(ListeningLapses.measured.map(\.name))
    for lapses in measured { for lapse in lapses { names.insert(lapse.name) } }
    // Fixed lapses first, then findings by name, so the columns do not depend on row order.
    let columns =
      ListeningLapses.measured.map(\.name) + names.subtracting(ListeningLapses.measured.map(\.name)).sorted()
    func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
    var text = (["id", "dataset"] + ratingNames + ["score", "sentiment_end"] + columns).joined(separator: "\t") + "\n"
    for (row, lapses) in zip(rows, measured) {
      var amounts: [String: Double] = [:]
      for lapse in lapses { amounts[lapse.name] = lapse.amount }
      var fields = [row.id, row.dataset] + row.ratings.map(number)
      fields += [number(row.result.score.value), number(row.result.metrics.customerSentimentEnd)]
      fields += columns.map { number(amounts[$0] ?? 0) }
      text += fields.joined(separator: "\t") + "\n"
    }
    return text
  }
}
