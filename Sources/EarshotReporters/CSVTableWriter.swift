import EarshotModel
import EarshotScoring
import Foundation

/// Writes the per-agent and per-company tables as CSV (RFC 4180 quoting).
public enum CSVTableWriter {
  /// Header of `agents.csv`.
  public static let agentColumns = [
    "company", "agent", "conversations", "mean_score", "score_ci_low", "score_ci_high", "shrunk_score",
    "small_sample", "non_answer_rate", "premature_pitch_rate", "median_first_response_s", "promises_made",
    "promises_kept_rate", "mean_customer_sentiment_change", "customer_conversations", "repeat_contacts",
    "first_contact_resolution", "findings",
  ]

  /// Header of `companies.csv` (and of the channel, day and center tables).
  public static let groupColumns = [
    "company", "group", "conversations", "mean_score", "score_ci_low", "score_ci_high", "non_answer_rate",
    "premature_pitch_rate", "median_first_response_s", "promises_made", "promises_kept_rate",
    "mean_customer_sentiment_change", "customer_conversations", "repeat_contacts", "first_contact_resolution",
    "findings",
  ]

  /// The agents table, best shrunk score first.
  public static func agentsCSV(_ aggregation: Aggregation, ranking: AgentRanking) -> String {
    var lines = [agentColumns.joined(separator: ",")]
    for standing in ranking.rank(aggregation) {
      let totals = standing.totals
      lines.append(
        row(
          [standing.key.company, standing.key.name, String(totals.conversations)] + scoreCells(totals)
            + [number(standing.shrunkScore), standing.smallSample ? "true" : "false"] + rateCells(totals)))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A table of `kind` rows (company, channel, day or center).
  public static func groupsCSV(_ aggregation: Aggregation, kind: GroupKind) -> String {
    var lines = [groupColumns.joined(separator: ",")]
    for (key, totals) in aggregation.rows(kind) {
      lines.append(
        row(
          [key.company, key.name.isEmpty ? kind.rawValue : key.name, String(totals.conversations)]
            + scoreCells(totals) + rateCells(totals)))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func scoreCells(_ totals: GroupTotals) -> [String] {
    [
      totals.meanScore.map(number) ?? "", totals.scoreInterval.map { number($0.lowerBound) } ?? "",
      totals.scoreInterval.map { number($0.upperBound) } ?? "",
    ]
  }

  static func rateCells(_ totals: GroupTotals) -> [String] {
    let findings = totals.findingsByDetector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    return [
      totals.nonAnswerRate.map(number) ?? "", totals.prematurePitchRate.map(number) ?? "",
      totals.medianFirstResponse.map(number) ?? "", String(totals.promisesMade),
      totals.promisesKeptRate.map(number) ?? "", totals.meanSentimentChange.map(number) ?? "",
      String(totals.customerConversations), String(totals.repeatContacts),
      totals.firstContactResolution.map(number) ?? "", findings.joined(separator: ";"),
    ]
  }

  static func number(_ value: Double) -> String { FixedPointText.string(value, decimals: 3) }

  /// One CSV row, quoting fields that contain a comma, quote or line break.
  public static func row(_ fields: [String]) -> String {
    fields.map { field in
      guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
      return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",")
  }
}
