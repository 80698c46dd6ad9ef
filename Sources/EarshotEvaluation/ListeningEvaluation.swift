import EarshotDetectors
import EarshotModel
import EarshotReaders
import EarshotScoring
import Foundation

/// One hand-labeled conversation of `evaluation/twcs/labels.tsv`.
public struct ListeningLabel: Sendable, Hashable {
  /// The smallest tweet id of the conversation.
  public var conversationID: String
  /// `yes`, `no` or `skip`.
  public var prematurePitch: String
  /// `none`, `kept`, `broken`, `open` or `skip`.
  public var promise: String
  /// `yes`, `no`, `partly`, `none`, `unanswered` or `skip`.
  public var questionAnswered: String
}

/// Precision and recall of one binary finding against labels.
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

/// `earshot evaluate listening`: the detectors' findings on real conversations against hand labels
/// (premature pitch, first question answered, first promise status).
public enum ListeningEvaluation {
  /// Reads the labels file (tab-separated, `#` comments, a header row).
  ///
  /// - Throws: `CorpusError`-style `InputDiagnostic` naming the line of a malformed row.
  public static func labels(at path: String) throws -> [ListeningLabel] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var labels: [ListeningLabel] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      if fields.first == "conversation_id" { continue }
      guard fields.count >= 5 else {
        throw InputDiagnostic(
          file: path, line: number + 1,
          "expected conversation_id, company, premature_pitch, promise, question_answered separated by tabs")
      }
      labels.append(
        ListeningLabel(
          conversationID: fields[0], prematurePitch: fields[2], promise: fields[3], questionAnswered: fields[4]))
    }
    return labels
  }

  /// The evaluation's outcome.
  public struct Result: Sendable {
    public var labeled = 0
    public var matched = 0
    public var prematurePitch = BinaryScore()
    public var nonAnswer = BinaryScore()
    public var promiseDetected = BinaryScore()
    /// Gold status → predicted status counts, over conversations where both saw a promise.
    public var promiseStatus: [String: [String: Int]] = [:]
    /// One line per disagreement (detector, conversation, gold, what was found), for error analysis.
    public var disagreements: [String] = []
  }

  /// Scores the conversations of `dataPath` with the default detectors and compares with `labels`.
  ///
  /// - Throws: `InputDiagnostic` when the data cannot be read.
  public static func evaluate(labels: [ListeningLabel], dataPath: String) throws -> Result {
    let file = InputFile(path: dataPath)
    let reader = try ReaderRegistry.builtIn().detect(file)
    var conversations: [Conversation] = []
    try reader.read(file, emit: { conversations.append($0) }, diagnose: { _ in })
    let resources = try AnalysisResources.loadDefault()
    var builder = CorpusStatisticsBuilder(stopwords: resources.lexicons.stopwords)
    for conversation in conversations { builder.add(conversation) }
    let analyzer = ConversationAnalyzer(resources: resources.with(corpus: builder.build()))
    let detectors = DetectorRegistry.builtIn.map { $0.makeDefault() }
    var byTweet: [String: Conversation] = [:]
    for conversation in conversations {
      for turn in conversation.turns { if let id = turn.attributes["tweet_id"] { byTweet[id] = conversation } }
    }
    var result = Result()
    for label in labels where label.prematurePitch != "skip" {
      result.labeled += 1
      guard let conversation = byTweet[label.conversationID] else { continue }
      result.matched += 1
      let analyzed = analyzer.analyze(conversation)
      let findings = detectors.flatMap { $0.findings(in: analyzed) }
      let pitch = findings.first { $0.detector == "premature_pitch" }
      result.prematurePitch.add(predicted: pitch != nil, gold: label.prematurePitch == "yes")
      if (pitch != nil) != (label.prematurePitch == "yes") {
        result.disagreements.append(
          "premature_pitch \(label.conversationID) gold=\(label.prematurePitch) found=\(pitch?.evidence.first?.span.text ?? "-")"
        )
      }
      let firstQuestion = analyzed.questions.first
      let predictedNonAnswer =
        firstQuestion.map { question in
          analyzed.replies(to: question.turn).isEmpty
            || findings.contains {
              $0.detector == "non_answer" && $0.verdict == .notAnswered
                && $0.evidence.first?.turn == question.turn
            }
        } ?? false
      let goldNonAnswer = label.questionAnswered == "no" || label.questionAnswered == "unanswered"
      result.nonAnswer.add(predicted: predictedNonAnswer, gold: goldNonAnswer)
      if predictedNonAnswer != goldNonAnswer {
        let question = firstQuestion.map { analyzed.texts[$0.turn].string($0.byteRange) } ?? "-"
        let reply = firstQuestion.flatMap { analyzed.replies(to: $0.turn).first?.text } ?? "-"
        result.disagreements.append(
          "non_answer \(label.conversationID) gold=\(label.questionAnswered) predicted=\(predictedNonAnswer) "
            + "question=\(question.prefix(100)) || reply=\(reply.prefix(140))")
      }
      let promise = findings.first { $0.detector == "promise" }
      result.promiseDetected.add(predicted: promise != nil, gold: label.promise != "none")
      if (promise != nil) != (label.promise != "none") {
        let agentText = conversation.turns.filter { $0.role == .agent }.map(\.text).joined(separator: " | ")
        result.disagreements.append(
          "promise \(label.conversationID) gold=\(label.promise) found=\(promise?.evidence.first?.span.text ?? "-") "
            + "agent=\(agentText.prefix(300))")
      }
      if let promise, label.promise != "none" {
        let status = (promise.promiseStatus ?? .open).rawValue
        result.promiseStatus[label.promise, default: [:]][status, default: 0] += 1
      }
    }
    return result
  }

  /// The printed report.
  public static func report(_ result: Result, labelsPath: String, dataPath: String) -> String {
    func format(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? " n/a" }
    func line(_ name: String, _ score: BinaryScore) -> String {
      let padded = name.padding(toLength: 30, withPad: " ", startingAt: 0)
      return "  \(padded) precision \(format(score.precision))  recall \(format(score.recall))  "
        + "(TP \(score.truePositives), FP \(score.falsePositives), FN \(score.falseNegatives), "
        + "TN \(score.trueNegatives))\n"
    }
    var text = "Listening findings: \(dataPath) against \(labelsPath)\n"
    text += "  \(result.matched) of \(result.labeled) labeled conversations found in the data\n"
    text += line("premature_pitch", result.prematurePitch)
    text += line("non_answer (first question)", result.nonAnswer)
    text += line("promise detected", result.promiseDetected)
    for gold in ["kept", "broken", "open"] {
      let row = result.promiseStatus[gold, default: [:]].sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      text += "  promise labeled \(gold): predicted \(row.isEmpty ? "none" : row.joined(separator: ", "))\n"
    }
    text += "  targets: precision ≥ 0.80 for premature_pitch and non_answer\n"
    return text
  }
}
