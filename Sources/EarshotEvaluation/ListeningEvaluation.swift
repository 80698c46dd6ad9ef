import EarshotDetectors
import EarshotModel
import EarshotReaders
import EarshotScoring
import EarshotText
import Foundation

/// Precision and recall of one binary judgment against labels.
public struct BinaryScore: Sendable {
  public var truePositives = 0
  public var falsePositives = 0
  public var falseNegatives = 0
  public var trueNegatives = 0

  /// Counts one judgement.
  public mutating func add(predicted: Bool, gold: Bool) {
    switch (predicted, gold) {
    case (true, true): truePositives += 1
    case (true, false): falsePositives += 1
    case (false, true): falseNegatives += 1
    case (false, false): trueNegatives += 1
    }
  }

  /// TP / (TP + FP), nil when nothing was predicted.
  public var precision: Double? {
    truePositives + falsePositives > 0 ? Double(truePositives) / Double(truePositives + falsePositives) : nil
  }
  /// TP / (TP + FN), nil when there is no positive label.
  public var recall: Double? {
    truePositives + falseNegatives > 0 ? Double(truePositives) / Double(truePositives + falseNegatives) : nil
  }
}

/// `earshot evaluate listening`: what the product ships (question verdicts, the listening score,
/// customer sentiment, pitches, promises) against conversations labeled by `labeling-guide.md`.
public enum ListeningEvaluation {
  /// The evaluation's outcome.
  public struct Result: Sendable {
    /// Labeled conversations, and how many were found in the data.
    public var labeled = 0
    public var matched = 0
    /// Labeled questions, and how many the product found (a record in the same customer turns).
    public var labeledQuestions = 0
    public var foundQuestions = 0
    /// Records the product made that no label matches.
    public var extraQuestions = 0
    /// (gold, predicted) verdicts of the found questions.
    public var verdicts: [(gold: AnswerVerdict, predicted: AnswerVerdict)] = []
    /// (listening 1–5, score 0–100).
    public var listening: [(gold: Double, score: Double)] = []
    /// (label −2…+2, customer sentiment −1…1) at the start and at the end.
    public var sentimentStart: [(gold: Double, predicted: Double)] = []
    public var sentimentEnd: [(gold: Double, predicted: Double)] = []
    /// Conversation-level premature pitch.
    public var prematurePitch = BinaryScore()
    /// Promises by turn.
    public var promises = BinaryScore()
    /// (gold, predicted) status of promises found on the labeled turn.
    public var promiseStatus: [(gold: PromiseStatus, predicted: PromiseStatus)] = []
    /// One line per disagreement, for error analysis.
    public var disagreements: [String] = []
    /// One CSV row per found labeled question: conversation, tweet id, gold verdict, gold type,
    /// whether the product saw a reply, then the reply-verdict model's features (`featureHeader`;
    /// all 0 without a reply) and the reply's terms (`TermBag.dumpField`), for refitting it.
    public var featureRows: [String] = []
    /// One CSV row per labeled conversation with a customer turn: conversation, gold start and end
    /// (−2…+2, empty when unlabeled), the primary customer's turn count, then the mood model's
    /// features of their first turn (`start_…`) and of their last turn (`end_…`), then the two
    /// turns' wording terms (`TermBag.dumpField`), for `Scripts/fit-customer-mood.py`.
    public var moodRows: [String] = []
    /// One CSV row per run of customer turns without an explicit question: conversation, the run's
    /// first tweet id, whether a labeled question sits in the run (1/0), then the implicit-request
    /// model's features (`RequestFeatures.names`) and the run's terms, for
    /// `Scripts/fit-implicit-requests.py`.
    public var requestRows: [String] = []
    /// The header of `requestRows`.
    public static var requestHeader: String {
      (["conversation", "tweet_id", "gold"] + RequestFeatures.names + ["terms"]).joined(separator: ",")
    }
    /// The header of `moodRows`.
    public static var moodHeader: String {
      (["conversation", "gold_start", "gold_end", "customer_turns"] + CustomerMoodFeatures.names.map { "start_" + $0 }
        + CustomerMoodFeatures.names.map { "end_" + $0 } + ["start_terms", "end_terms"]).joined(separator: ",")
    }
    /// The header of `featureRows`.
    public static var featureHeader: String {
      (["conversation", "tweet_id", "verdict", "gold_type", "replied"] + VerdictFeatures.names + ["reply_terms"])
        .joined(separator: ",")
    }

    /// Cohen's kappa on the four verdicts of found questions.
    public var verdictKappa: Double? { Metrics.kappa(verdicts.map(\.gold), verdicts.map(\.predicted)) }
    /// Cohen's kappa on non-answer yes/no (not answered or unanswered) for found questions.
    public var nonAnswerKappa: Double? {
      Metrics.kappa(verdicts.map { Self.isNonAnswer($0.gold) }, verdicts.map { Self.isNonAnswer($0.predicted) })
    }
    static func isNonAnswer(_ verdict: AnswerVerdict) -> Bool { verdict == .notAnswered || verdict == .unanswered }
  }

  /// Scores the conversations of `dataPath` as `earshot batch` does with the default configuration
  /// (corpus statistics from the first 2,000 conversations) and compares with `labels`.
  ///
  /// `scored` sees every labeled conversation's result (for `--dump-features`).
  ///
  /// - Throws: `InputDiagnostic` when the data cannot be read.
  ///
  /// - Parameter verdictModel: a reply-verdict model to use instead of the shipped one (one fold's
  ///   model, so that the listening fit sees out-of-fold verdicts).
  public static func evaluate(
    labels: [GuideLabel], dataPath: String, verdictModel: VerdictModel? = nil,
    scored: ((GuideLabel, ConversationResult) -> Void)? = nil
  ) throws -> Result {
    let file = InputFile(path: dataPath)
    let reader = try ReaderRegistry.builtIn().detect(file)
    var conversations: [Conversation] = []
    try reader.read(file, emit: { conversations.append($0) }, diagnose: { _ in })
    var resources = try AnalysisResources.loadDefault()
    if let verdictModel { resources = resources.with(replyVerdicts: verdictModel) }
    var builder = CorpusStatisticsBuilder(stopwords: resources.lexicons.stopwords)
    for conversation in conversations.prefix(2_000) { builder.add(conversation) }
    let scorer = ConversationScorer(
      analyzer: ConversationAnalyzer(resources: resources.with(corpus: builder.build())),
      detectors: DetectorRegistry.builtIn.map { $0.makeDefault() }, weights: ScoringWeights(), toolVersion: "evaluation"
    )
    var bySource: [String: Conversation] = [:]
    for conversation in conversations {
      for turn in conversation.turns { if let id = turn.sourceID { bySource[id] = conversation } }
    }
    var result = Result()
    for label in labels {
      result.labeled += 1
      guard let conversation = bySource[label.conversation] else { continue }
      result.matched += 1
      let (conversationResult, analyzed) = scorer.score(conversation)
      scored?(label, conversationResult)
      compare(label, conversationResult, analyzed, into: &result)
    }
    return result
  }

  static func compare(
    _ label: GuideLabel, _ scored: ConversationResult, _ analyzed: AnalyzedConversation, into result: inout Result
  ) {
    let turns = analyzed.turns
    let turnOfSource = Dictionary(turns.compactMap { turn in turn.sourceID.map { ($0, turn.index) } }) { a, _ in a }
    // A labeled question is found when a record sits in the same run of customer turns.
    var block = Array(repeating: -1, count: turns.count)
    var current = 0
    for turn in turns {
      if turn.role.isCompanySide { current += 1 } else { block[turn.index] = current }
    }
    var labeledBlocks = Set<Int>()
    for question in label.questions {
      if let turn = turnOfSource[question.tweetId], block[turn] >= 0 { labeledBlocks.insert(block[turn]) }
    }
    for candidate in analyzed.implicitRequestCandidates() {
      let fields = [
        label.conversation, turns[candidate.turn].sourceID ?? "",
        labeledBlocks.contains(block[candidate.turn]) ? "1" : "0",
      ]
      result.requestRows.append(
        (fields + candidate.features.map { String(format: "%.6g", $0) } + [TermBag.dumpField(candidate.terms)])
          .joined(separator: ","))
    }
    var matchedRecords = Set<Int>()
    for question in label.questions {
      result.labeledQuestions += 1
      guard let turn = turnOfSource[question.tweetId],
        let record = scored.questions.first(where: { block[$0.turn] == block[turn] && block[turn] >= 0 })
      else {
        result.disagreements.append(
          "question-missed \(label.conversation) #\(question.tweetId) gold=\(question.verdict.rawValue): "
            + (turnOfSource[question.tweetId].map { String(turns[$0].text.prefix(140)) } ?? "-"))
        continue
      }
      result.foundQuestions += 1
      matchedRecords.insert(record.turn)
      // Questions without a reply are dumped too (features all 0), so the fit can report the
      // four-way figures over every found question.
      let inputs = record.replyTurn == nil ? nil : analyzed.verdictInputs(forQuestionAt: record.turn)
      let fields = [
        label.conversation, question.tweetId, question.verdict.rawValue, question.type, inputs == nil ? "0" : "1",
      ]
      let numbers = inputs?.features ?? Array(repeating: 0, count: VerdictFeatures.names.count)
      let terms = inputs?.terms ?? []
      result.featureRows.append(
        (fields + numbers.map { String(format: "%.6g", $0) } + [TermBag.dumpField(terms)]).joined(separator: ","))
      result.verdicts.append((question.verdict, record.verdict))
      if question.verdict != record.verdict {
        let reply = record.replyTurn.map { String(turns[$0].text.prefix(160)) } ?? "-"
        result.disagreements.append(
          "verdict \(label.conversation) #\(question.tweetId) gold=\(question.verdict.rawValue) "
            + "predicted=\(record.verdict.rawValue) usefulness=\(record.usefulness.map { String($0) } ?? "-") "
            + "q=\(turns[record.turn].text.prefix(140)) || reply=\(reply)")
      }
    }
    for record in scored.questions where !matchedRecords.contains(record.turn) {
      result.extraQuestions += 1
      result.disagreements.append(
        "question-unlabeled \(label.conversation) #\(record.sourceId ?? "-") type=\(record.type): "
          + String(turns[record.turn].text.prefix(140)))
    }
    if let listening = label.listening { result.listening.append((Double(listening), scored.score.value)) }
    if let gold = label.customerSentimentStart, let predicted = scored.metrics.customerSentimentStart {
      result.sentimentStart.append((Double(gold), predicted))
    }
    if let gold = label.customerSentimentEnd, let predicted = scored.metrics.customerSentimentEnd {
      result.sentimentEnd.append((Double(gold), predicted))
    }
    moodRows(label, analyzed, into: &result)
    let pitches = scored.findings.filter { $0.detector == "premature_pitch" && $0.severity != .info }
    result.prematurePitch.add(predicted: !pitches.isEmpty, gold: label.prematurePitch)
    if pitches.isEmpty == label.prematurePitch {
      result.disagreements.append(
        "premature_pitch \(label.conversation) gold=\(label.prematurePitch) found=\(pitches.first?.evidence.first?.span.text ?? "-")"
      )
    }
    let promiseFindings = scored.findings.filter { $0.detector == "promise" }
    var promiseTurns: [String: PromiseStatus] = [:]
    for finding in promiseFindings {
      if let source = finding.evidence.first?.sourceId { promiseTurns[source] = finding.promiseStatus ?? .open }
    }
    let labeledTurns = Set(label.promises.map(\.turnId))
    for promise in label.promises {
      result.promises.add(predicted: promiseTurns[promise.turnId] != nil, gold: true)
      if let predicted = promiseTurns[promise.turnId] { result.promiseStatus.append((promise.status, predicted)) }
    }
    for (turn, _) in promiseTurns where !labeledTurns.contains(turn) {
      result.promises.add(predicted: true, gold: false)
    }
  }

  /// Adds the mood features row of `label`'s conversation and a disagreement line where the start
  /// or end mood is off the label by a class or more.
  static func moodRows(_ label: GuideLabel, _ analyzed: AnalyzedConversation, into result: inout Result) {
    let positions = CustomerMood.primaryCustomerPositions(analyzed.turns)
    guard let first = positions.first, let last = positions.last else { return }
    let start = CustomerMoodFeatures.values(analyzed, at: first, others: Array(positions.dropFirst()))
    let end = CustomerMoodFeatures.values(analyzed, at: last, others: Array(positions.dropLast()))
    let fields =
      [
        label.conversation, label.customerSentimentStart.map(String.init) ?? "",
        label.customerSentimentEnd.map(String.init) ?? "", String(positions.count),
      ]
      + (start + end).map { String(format: "%.6g", $0) }
      + [
        TermBag.dumpField(analyzed.wordingTerms(ofTurnAt: first)),
        TermBag.dumpField(analyzed.wordingTerms(ofTurnAt: last)),
      ]
    result.moodRows.append(fields.joined(separator: ","))
    let mood = analyzed.customerMood
    for (name, gold, predicted, position) in [
      ("start", label.customerSentimentStart, mood?.start, first), ("end", label.customerSentimentEnd, mood?.end, last),
    ] {
      guard let gold, let predicted, abs(Double(gold) / 2 - predicted) >= 0.5 else { continue }
      result.disagreements.append(
        "sentiment-\(name) \(label.conversation) #\(analyzed.turns[position].sourceID ?? "-") gold=\(gold) "
          + "predicted=\(String(format: "%.2f", predicted)) (×2 \(String(format: "%.1f", 2 * predicted))): "
          + String(analyzed.turns[position].text.prefix(160)))
    }
  }

  /// The cross-validated figures quoted in the header of the shipped customer-mood model.
  static func moodCrossValidation() -> String? {
    guard let header = try? LexiconFile.defaultHeader("customer-mood.tsv"),
      let start = header.firstIndex(where: { $0.hasPrefix("Cross-validated") })
    else { return nil }
    let text = header[start...].prefix { !$0.hasPrefix("feature") }.joined(separator: " ")
    guard let colon = text.range(of: "labels: ") else { return nil }
    return String(text[colon.upperBound...])
  }

  /// The printed report.
  public static func report(_ result: Result, labelsPath: String, dataPath: String) -> String {
    func format(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
    func share(_ part: Int, _ whole: Int) -> String {
      whole > 0 ? String(format: "%.1f%%", 100 * Double(part) / Double(whole)) : "n/a"
    }
    var text = "Listening judgments: \(dataPath) against \(labelsPath)\n"
    text += "  conversations: \(result.matched) of \(result.labeled) labeled found in the data\n"
    text += "  questions found: \(result.foundQuestions) of \(result.labeledQuestions) labeled "
    text += "(\(share(result.foundQuestions, result.labeledQuestions))); \(result.extraQuestions) records unlabeled\n"
    // The shipped reply-verdict model was fitted on these labels of this file: say so.
    if (dataPath as NSString).lastPathComponent == "twcs_dev.csv" {
      text += "  questions found and verdicts are IN-SAMPLE here: the implicit-request and reply-verdict models "
      text += "were fitted on evaluation/twcs/labels.jsonl over twcs_dev.csv (cross-validated figures: "
      text += "docs/evaluation.md)\n"
    }
    text +=
      "  verdict (4-way) kappa \(format(result.verdictKappa)); non-answer yes/no kappa \(format(result.nonAnswerKappa))"
    text += "; agreement \(share(result.verdicts.filter { $0.gold == $0.predicted }.count, result.verdicts.count))\n"
    let classes = AnswerVerdict.allCases
    let matrix = ConfusionMatrix(
      classes: classes, gold: result.verdicts.map(\.gold), predicted: result.verdicts.map(\.predicted))
    text +=
      "    gold \\ predicted  "
      + classes.map { $0.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0) }
      .joined() + "\n"
    for (row, verdict) in classes.enumerated() {
      text += "    " + verdict.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)
      text += matrix.counts[row].map { String($0).padding(toLength: 13, withPad: " ", startingAt: 0) }.joined() + "\n"
    }
    text += "  listening score vs the 1–5 judgment: Spearman "
    text += "\(format(Metrics.spearman(result.listening.map(\.gold), result.listening.map(\.score)))) "
    text += "on \(result.listening.count)"
    let header = QualityEvaluation.weightsHeader()
    if QualityEvaluation.fitted(on: labelsPath, header: header) {
      // The score's weights were fitted on these labels: quote the fit's cross-validated figure.
      let cv = header.first { $0.hasPrefix("cv") }?.split(separator: ";")
        .first { $0.contains("twcs listening") }?.trimmingCharacters(in: .whitespaces)
      text += " (in-sample: the score's weights were fitted on these labels; cross-validated by conversation "
      text += "\(cv ?? "n/a"), listening-weights.tsv)"
    }
    text += "\n"
    text +=
      "  customer sentiment, Spearman: start \(format(Metrics.spearman(result.sentimentStart.map(\.gold), result.sentimentStart.map(\.predicted)))), "
    text += "end \(format(Metrics.spearman(result.sentimentEnd.map(\.gold), result.sentimentEnd.map(\.predicted))))"
    text += " on \(result.sentimentEnd.count)"
    if (dataPath as NSString).lastPathComponent == "twcs_dev.csv" {
      // The customer-mood model was fitted on these labels: say so, and quote its cross-validated figures.
      text += " (in-sample: customer-mood.tsv was fitted on these labels; cross-validated by conversation: "
      text += "\(moodCrossValidation() ?? "see the file's header"))"
    }
    text += "\n"
    func line(_ name: String, _ score: BinaryScore) -> String {
      "  \(name): precision \(format(score.precision)), recall \(format(score.recall)) "
        + "(TP \(score.truePositives), FP \(score.falsePositives), FN \(score.falseNegatives))\n"
    }
    text += line("premature pitch (conversation)", result.prematurePitch)
    text += line("promises (turn)", result.promises)
    text += "  promise status on found promises: kappa "
    text += "\(format(Metrics.kappa(result.promiseStatus.map(\.gold), result.promiseStatus.map(\.predicted)))) "
    text += "on \(result.promiseStatus.count)\n"
    return text
  }
}
