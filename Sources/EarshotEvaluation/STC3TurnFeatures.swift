import EarshotDetectors
import EarshotModel
import Foundation

/// Helpdesk turns of STC-3 dialogues judged one by one, as the panel did: each turn against the
/// customer turns just before it, with the reply-verdict model's features, its verdict and
/// usefulness, and the panel's share of HNUG/HNUG* marks.
public enum STC3TurnFeatures {
  /// One helpdesk turn.
  public struct Row: Sendable {
    /// The dialogue id and the turn index.
    public var dialogue: String
    public var turn: Int
    /// Share of the panel marking the turn HNUG or HNUG*.
    public var panelUsefulness: Double
    /// The model's features (`VerdictFeatures.names` order).
    public var features: [Double]
    /// The turn's terms (`TermBag`, spelled out), for the fit.
    public var terms: [String]
    /// The model's verdict and usefulness for the turn.
    public var verdict: AnswerVerdict
    public var usefulness: Double
  }

  /// Panel usefulness below which a helpdesk turn counts as useless (fewer than half of the graders
  /// marked it HNUG/HNUG*).
  public static let uselessBelow = 0.5

  /// Every helpdesk turn with a customer turn before it, analyzed with corpus statistics from all
  /// of `dialogues` (as `earshot batch` builds them from a run).
  public static func rows(_ dialogues: [STC3Dialogue], resources: AnalysisResources) -> [Row] {
    var builder = CorpusStatisticsBuilder(stopwords: resources.lexicons.stopwords)
    for dialogue in dialogues { builder.add(dialogue.conversation) }
    let analyzer = ConversationAnalyzer(resources: resources.with(corpus: builder.build()))
    let model = resources.lexicons.replyVerdicts
    var rows: [Row] = []
    for dialogue in dialogues {
      let analyzed = analyzer.analyze(dialogue.conversation)
      for turn in analyzed.turns where turn.role == .agent {
        guard let share = dialogue.usefulness[turn.index], let values = analyzed.verdictFeatures(forReplyAt: turn.index)
        else { continue }
        let prediction = model.predict(values, terms: analyzed.verdictTermHashes(forReplyAt: turn.index))
        rows.append(
          Row(
            dialogue: dialogue.conversation.id, turn: turn.index, panelUsefulness: share, features: values,
            terms: analyzed.verdictTerms(forReplyAt: turn.index) ?? [], verdict: prediction.verdict,
            usefulness: prediction.usefulness))
      }
    }
    return rows
  }

  /// The rows as CSV: dialogue, turn, panel usefulness, the features, then the reply terms
  /// (`TermBag.dumpField`).
  public static func csv(_ rows: [Row]) -> String {
    var text =
      (["conversation", "turn", "panel_usefulness"] + VerdictFeatures.names + ["reply_terms"]).joined(separator: ",")
      + "\n"
    for row in rows {
      let fields = [row.dialogue, String(row.turn), String(format: "%.6g", row.panelUsefulness)]
      text +=
        (fields + row.features.map { String(format: "%.6g", $0) } + [TermBag.dumpField(row.terms)])
        .joined(separator: ",") + "\n"
    }
    return text
  }

  /// AUC of `not_answered` verdicts, and of 1 − usefulness, for panel-useless turns
  /// (`panelUsefulness < uselessBelow`).
  public static func auc(_ rows: [Row]) -> (verdict: Double?, usefulness: Double?) {
    let useless = rows.map { $0.panelUsefulness < uselessBelow }
    return (
      RankingMetrics.rocAUC(scores: rows.map { $0.verdict == .notAnswered ? 1 : 0 }, positive: useless),
      RankingMetrics.rocAUC(scores: rows.map { 1 - $0.usefulness }, positive: useless)
    )
  }
}
