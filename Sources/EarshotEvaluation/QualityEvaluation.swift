import EarshotDetectors
import EarshotModel
import EarshotScoring
import EarshotText
import Foundation

/// `earshot evaluate quality`: the product's listening score and question verdicts against the
/// STC-3 panel (19 graders per dialogue; `../shared/corpora/stc3-dch1/SOURCE.md`).
public enum QualityEvaluation {
  /// Single grader against the mean of the other 18, on the 1,672 training dialogues (SOURCE.md).
  public static let singleGrader = (satisfaction: 0.506, accomplishment: 0.441, effectiveness: 0.404)

  /// Scores every dialogue as `earshot batch` does with the default configuration (corpus
  /// statistics from the first 2,000 conversations).
  ///
  /// - Parameter verdictModel: a reply-verdict model to use instead of the shipped one (one fold's
  ///   model, so that the listening fit sees out-of-fold usefulness).
  public static func score(_ dialogues: [STC3Dialogue], verdictModel: VerdictModel? = nil) throws
    -> [ConversationResult]
  {
    var resources = try AnalysisResources.loadDefault()
    if let verdictModel { resources = resources.with(replyVerdicts: verdictModel) }
    var builder = CorpusStatisticsBuilder(stopwords: resources.lexicons.stopwords)
    for dialogue in dialogues.prefix(2_000) { builder.add(dialogue.conversation) }
    let scorer = ConversationScorer(
      analyzer: ConversationAnalyzer(resources: resources.with(corpus: builder.build())),
      detectors: DetectorRegistry.builtIn.map { $0.makeDefault() }, weights: ScoringWeights(), toolVersion: "evaluation"
    )
    return dialogues.map { scorer.score($0.conversation).result }
  }

  /// Agreement of the listening score and the verdicts with the panel.
  public struct ListeningAgreement: Sendable {
    /// Dialogues compared.
    public var dialogues = 0
    /// Spearman of the listening score with the panel's mean S, A and E.
    public var score: (satisfaction: Double?, accomplishment: Double?, effectiveness: Double?) = (nil, nil, nil)
    /// The same for `customer_sentiment_end` (dialogues where it is defined).
    public var sentimentEnd: (satisfaction: Double?, accomplishment: Double?, effectiveness: Double?) = (nil, nil, nil)
    /// Dialogues with a customer sentiment at the end.
    public var sentimentDialogues = 0
    /// Helpdesk turns, and those the panel found useless (share of HNUG/HNUG* marks < 0.5).
    public var helpdeskTurns = 0
    public var uselessTurns = 0
    /// Turns judged as the reply to a question (a question record's `reply_turn`).
    public var judgedTurns = 0
    /// AUC for panel-useless turns of: a `not_answered` verdict on the turn (every helpdesk turn;
    /// a turn no verdict is about counts as not flagged), and 1 − usefulness (judged turns only).
    public var notAnsweredAUC: Double?
    public var unhelpfulAUC: Double?
    /// Turns flagged `not_answered`, and how many of them the panel found useless.
    public var flagged = 0
    public var flaggedUseless = 0
    /// One line per large disagreement, for error analysis.
    public var disagreements: [String] = []

    /// An empty comparison.
    public init() {}
  }

  /// Compares `results` (one per dialogue, in order) with the panel.
  public static func listening(_ dialogues: [STC3Dialogue], results: [ConversationResult]) -> ListeningAgreement {
    var agreement = ListeningAgreement()
    agreement.dialogues = dialogues.count
    let scores = results.map(\.score.value)
    let s = dialogues.map(\.satisfaction)
    let a = dialogues.map(\.accomplishment)
    let e = dialogues.map(\.effectiveness)
    agreement.score = (Metrics.spearman(scores, s), Metrics.spearman(scores, a), Metrics.spearman(scores, e))
    let withEnd = zip(dialogues, results).compactMap { dialogue, result in
      result.metrics.customerSentimentEnd.map { (dialogue, $0) }
    }
    agreement.sentimentDialogues = withEnd.count
    let ends = withEnd.map(\.1)
    agreement.sentimentEnd = (
      Metrics.spearman(ends, withEnd.map(\.0.satisfaction)), Metrics.spearman(ends, withEnd.map(\.0.accomplishment)),
      Metrics.spearman(ends, withEnd.map(\.0.effectiveness))
    )
    var flags: [Double] = []
    var flagGold: [Bool] = []
    var unhelpful: [Double] = []
    var unhelpfulGold: [Bool] = []
    for (dialogue, result) in zip(dialogues, results) {
      var verdictAt: [Int: AnswerVerdict] = [:]
      var usefulnessAt: [Int: Double] = [:]
      for record in result.questions {
        guard let turn = record.replyTurn else { continue }
        if record.verdict == .notAnswered || verdictAt[turn] == nil { verdictAt[turn] = record.verdict }
        if let usefulness = record.usefulness { usefulnessAt[turn] = min(usefulnessAt[turn] ?? 1, usefulness) }
      }
      for (index, share) in dialogue.usefulness.enumerated() {
        guard let share else { continue }
        let useless = share < 0.5
        agreement.helpdeskTurns += 1
        if useless { agreement.uselessTurns += 1 }
        let flagged = verdictAt[index] == .notAnswered
        if flagged {
          agreement.flagged += 1
          if useless { agreement.flaggedUseless += 1 }
        }
        flags.append(flagged ? 1 : 0)
        flagGold.append(useless)
        if verdictAt[index] != nil { agreement.judgedTurns += 1 }
        if let usefulness = usefulnessAt[index] {
          unhelpful.append(1 - usefulness)
          unhelpfulGold.append(useless)
        }
        if flagged != useless, verdictAt[index] != nil {
          let text = dialogue.conversation.turns[index].text.prefix(140)
          agreement.disagreements.append(
            "turn \(dialogue.conversation.id)#\(index) panel-useful=\(String(format: "%.2f", share)) "
              + "verdict=\(verdictAt[index]?.rawValue ?? "-") usefulness="
              + "\(usefulnessAt[index].map { String(format: "%.2f", $0) } ?? "-"): \(text)")
        }
      }
    }
    agreement.notAnsweredAUC = RankingMetrics.rocAUC(scores: flags, positive: flagGold)
    agreement.unhelpfulAUC = RankingMetrics.rocAUC(scores: unhelpful, positive: unhelpfulGold)
    // Dialogues whose score rank and S rank differ by more than half the file.
    let scoreRanks = Metrics.ranks(scores)
    let sRanks = Metrics.ranks(s)
    let half = Double(dialogues.count) / 2
    for index in dialogues.indices where abs(scoreRanks[index] - sRanks[index]) > half {
      let lapses = results[index].score.breakdown.flatMap(\.lapses).filter { $0.pointsLost >= 0.05 }
        .map { "\($0.lapse) -\(String(format: "%.1f", $0.pointsLost))" }
      agreement.disagreements.append(
        "dialogue \(dialogues[index].conversation.id) score=\(results[index].score.value) "
          + "S=\(String(format: "%.2f", s[index])) A=\(String(format: "%.2f", a[index])): "
          + (lapses.isEmpty ? "no lapse" : lapses.joined(separator: ", ")))
    }
    return agreement
  }

  /// The feature table of the scored dialogues (`--dump-features`).
  public static func features(_ dialogues: [STC3Dialogue], results: [ConversationResult]) -> LapseFeatureTable {
    var table = LapseFeatureTable(ratingNames: ["S", "A", "E", "listening"])
    for (dialogue, result) in zip(dialogues, results) {
      table.add(
        id: dialogue.conversation.id, dataset: "stc3",
        ratings: [dialogue.satisfaction, dialogue.accomplishment, dialogue.effectiveness, nil], result: result)
    }
    return table
  }

  /// The shipped weights' header: what they were fitted on and their cross-validated figures.
  public static func weightsHeader() -> [String] {
    (try? LexiconFile.defaultHeader(ListeningWeights.file)) ?? []
  }

  /// Whether the shipped weights were fitted on a file named like `path` (their header's
  /// `fitted-on:` line names it), so figures on it are in-sample.
  public static func fitted(on path: String, header: [String]) -> Bool {
    let name = URL(fileURLWithPath: path).lastPathComponent
    return header.contains { $0.hasPrefix("fitted-on:") && $0.contains(name) }
  }

  /// The printed listening section.
  public static func report(_ agreement: ListeningAgreement, path: String, header: [String]) -> String {
    func format(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
    let inSample = fitted(on: path, header: header)
    var text = "Listening score against the STC-3 panel: \(path) (\(agreement.dialogues) dialogues)\n"
    text += "  Spearman vs the panel's mean   S      A      E\n"
    text += "    listening score" + (inSample ? " (in-sample)" : "            ")
    text += "  \(format(agreement.score.satisfaction))  \(format(agreement.score.accomplishment))"
    text += "  \(format(agreement.score.effectiveness))\n"
    text += "    customer_sentiment_end       \(format(agreement.sentimentEnd.satisfaction))"
    text += "  \(format(agreement.sentimentEnd.accomplishment))  \(format(agreement.sentimentEnd.effectiveness))"
    text += "  (baseline, \(agreement.sentimentDialogues) dialogues)\n"
    text += "    one grader vs the other 18   \(format(singleGrader.satisfaction))  "
    text += "\(format(singleGrader.accomplishment))  \(format(singleGrader.effectiveness))  (reference, SOURCE.md)\n"
    if inSample {
      text += "  The shipped weights were fitted on this file: the figures above are in-sample.\n"
      text += "  Cross-validated by conversation (Scripts/fit-listening-score.py, from the weights' header):\n"
      for line in header where line.hasPrefix("cv") { text += "    \(line)\n" }
    }
    text += "Non-answer verdicts against panel-useless helpdesk turns "
    text += "(share of HNUG/HNUG* marks < 0.5: \(agreement.uselessTurns) of \(agreement.helpdeskTurns) turns)\n"
    text += "  AUC of not_answered on the turn: \(format(agreement.notAnsweredAUC)) "
    text += "(\(agreement.flagged) turns flagged, \(agreement.flaggedUseless) of them useless; "
    text += "turns no verdict is about count as not flagged)\n"
    text += "  AUC of 1 − usefulness: \(format(agreement.unhelpfulAUC)) "
    text += "(on the \(agreement.judgedTurns) turns judged as a reply to a question)\n"
    return text
  }
}
