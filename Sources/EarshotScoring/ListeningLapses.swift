import EarshotModel

/// One measured lapse of a conversation: how much of it there is, and the findings behind it.
///
/// The listening score is 100 minus the points of its lapses (`docs/scoring.md`); the points per
/// unit of each lapse are fitted on human ratings (`Lexicons/data/listening-weights.tsv`).
public struct Lapse: Sendable, Hashable {
  /// The lapse's name as the weights file spells it (`verdict.not_answered`, `finding.promise.major`).
  public var name: String
  /// The score category it counts against.
  public var category: ScoreCategory
  /// How much of it: a count of findings, or a share 0–1 (of questions, of the sentiment range).
  public var amount: Double
  /// The severity of the findings it counts, for finding lapses (penalties scale these).
  public var severity: Severity?
  /// How many findings or question records it stands for.
  public var findings: Int
}

/// Measures the lapses of a conversation from what the pipeline produced: findings, question
/// verdicts and the customer's sentiment. The same code feeds the score and the fitting script's
/// feature dump (`earshot evaluate quality --dump-features`), so what is fitted is what ships.
public enum ListeningLapses {
  /// Names of the lapses that are not finding counts, in output order, with their category.
  public static let measured: [(name: String, category: ScoreCategory)] = [
    ("verdict.not_answered", .answers),
    ("verdict.partial", .answers),
    ("verdict.unanswered", .answers),
    ("reply.unhelpful", .answers),
    ("unresolved", .answers),
    ("sentiment.end", .sentiment),
    ("sentiment.drop", .sentiment),
    ("sentiment.negative_end", .sentiment),
    ("customer.effort", .knowing),
    ("agent.tone", .conduct),
    ("reply.unhelpful_unresolved", .answers),
  ]

  /// The lapse name of a finding count: `finding.<detector>.<severity>`.
  public static func findingLapse(detector: String, severity: Severity) -> String {
    "finding.\(detector).\(severity.rawValue)"
  }

  /// The fallback lapse name for findings of a detector the weights file does not list.
  public static func categoryLapse(_ category: ScoreCategory, severity: Severity) -> String {
    "category.\(category.rawValue).\(severity.rawValue)"
  }

  /// The lapses of one conversation (`docs/scoring.md` lists them):
  /// - `verdict.*`: the share of its question records with that verdict; `reply.unhelpful`: the
  ///   mean 1 − usefulness of the judged replies; `unresolved`: 1 when it has questions and no
  ///   resolution was seen; `reply.unhelpful_unresolved`: the mean 1 − usefulness again when no
  ///   resolution was seen (unhelpful replies cost more when the problem is left open: on the
  ///   ratings, the two together explain more than each alone).
  /// - `sentiment.end`: the customer's mood at their last turn (−1…1, `CustomerMood`), mapped so
  ///   that fully positive is 0 and fully negative is 1; `sentiment.negative_end`: how far below 0
  ///   it is; `sentiment.drop`: its fall from their first turn, halved to 0–1.
  /// - `customer.effort`: customer turns after the first; `agent.tone`: the agents' mean compound
  ///   mapped like `sentiment.end`.
  /// - `finding.<detector>.<severity>`: minor and major findings, counted (in order of appearance).
  /// Lapses with no amount are left out. Without `metrics` only verdicts and findings are measured.
  public static func measure(findings: [Finding], questions: [QuestionRecord], metrics: ConversationMetrics?)
    -> [Lapse]
  {
    let sentimentStart = metrics?.customerSentimentStart
    let sentimentEnd = metrics?.customerSentimentEnd
    let resolved = metrics.map { $0.resolution != nil } ?? true
    var lapses: [Lapse] = []
    let total = Double(questions.count)
    var counts = [AnswerVerdict: Int]()
    var unhelpful = 0.0
    var judged = 0
    for record in questions {
      counts[record.verdict, default: 0] += 1
      if let usefulness = record.usefulness {
        unhelpful += 1 - min(1, max(0, usefulness))
        judged += 1
      }
    }
    func add(_ index: Int, _ amount: Double, _ findings: Int) {
      guard amount > 0 else { return }
      let (name, category) = measured[index]
      lapses.append(Lapse(name: name, category: category, amount: amount, severity: nil, findings: findings))
    }
    if total > 0 {
      add(0, Double(counts[.notAnswered] ?? 0) / total, counts[.notAnswered] ?? 0)
      add(1, Double(counts[.partial] ?? 0) / total, counts[.partial] ?? 0)
      add(2, Double(counts[.unanswered] ?? 0) / total, counts[.unanswered] ?? 0)
      if judged > 0 { add(3, unhelpful / Double(judged), judged) }
      if !resolved {
        add(4, 1, 0)
        if judged > 0 { add(10, unhelpful / Double(judged), judged) }
      }
    }
    if let end = sentimentEnd {
      add(5, (1 - min(1, max(-1, end))) / 2, 0)
      if let start = sentimentStart { add(6, max(0, start - end) / 2, 0) }
      add(7, max(0, -end), 0)
    }
    if let metrics {
      add(8, Double(max(0, metrics.customerTurns - 1)), 0)
      if let tone = metrics.agentSentiment { add(9, (1 - min(1, max(-1, tone))) / 2, 0) }
    }
    for finding in findings where finding.severity != .info {
      let name = findingLapse(detector: finding.detector, severity: finding.severity)
      if let index = lapses.firstIndex(where: { $0.name == name }) {
        lapses[index].amount += 1
        lapses[index].findings += 1
      } else {
        lapses.append(
          Lapse(name: name, category: finding.category, amount: 1, severity: finding.severity, findings: 1))
      }
    }
    return lapses
  }
}
