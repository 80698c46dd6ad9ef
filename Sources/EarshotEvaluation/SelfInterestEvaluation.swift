import EarshotDetectors
import EarshotModel
import EarshotReaders
import Foundation

/// One labeled conversation of a self-interest evaluation set (`evaluation/self-interest/*/labels.jsonl`).
public struct SelfInterestLabel: Sendable, Hashable, Decodable {
  /// The conversation id.
  public var conversation: String
  /// The most serious pattern: a `SelfInterestPattern` raw value, or `product_info_requested`,
  /// `hard_negative`, `none`.
  public var category: String
  /// Agent turns that pitch.
  public var pitchTurns: [Int]
  /// Agent turns that ask for a survey or rating.
  public var surveyTurns: [Int]
  /// The turn where the problem was resolved, or nil.
  public var resolvedTurn: Int?

  /// Creates a label.
  public init(conversation: String, category: String, pitchTurns: [Int], surveyTurns: [Int], resolvedTurn: Int?) {
    self.conversation = conversation
    self.category = category
    self.pitchTurns = pitchTurns
    self.surveyTurns = surveyTurns
    self.resolvedTurn = resolvedTurn
  }

  private enum CodingKeys: String, CodingKey {
    case conversation, category, pitchTurns, surveyTurns, resolvedTurn
  }

  /// Decodes a label; `pitch_turns` and `survey_turns` may be absent (empty).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    conversation = try container.decode(String.self, forKey: .conversation)
    category = try container.decode(String.self, forKey: .category)
    pitchTurns = try container.decodeIfPresent([Int].self, forKey: .pitchTurns) ?? []
    surveyTurns = try container.decodeIfPresent([Int].self, forKey: .surveyTurns) ?? []
    resolvedTurn = try container.decodeIfPresent(Int.self, forKey: .resolvedTurn)
  }
}

/// What the detectors said about one conversation, in the terms of the labels.
public struct SelfInterestPrediction: Sendable, Hashable {
  /// Patterns found (any turn).
  public var patterns: Set<String>
  /// Agent turns with a pitch finding (any pattern, `info` included).
  public var pitchTurns: Set<Int>
  /// The resolution turn, or nil.
  public var resolvedTurn: Int?
  /// Whether the turn at `resolvedTurn` is the agent's.
  public var resolvedByAgent: Bool
  /// A short description of each finding, for disagreements.
  public var summary: [String]
}

/// `earshot evaluate self-interest`: the self-interest detectors against per-conversation labels.
public enum SelfInterestEvaluation {
  /// The patterns reported one by one, in order.
  public static let patterns = SelfInterestPattern.allCases.map(\.rawValue)
  /// The categories that count as a premature pitch in the issue's targets.
  public static let prematureFamily: Set<String> = ["premature_pitch", "pitch_instead_of_answer", "retention_wall"]

  /// Reads a labels file (JSON Lines, blank lines allowed).
  ///
  /// - Throws: `InputDiagnostic` naming the line of a malformed label.
  public static func labels(at path: String) throws -> [SelfInterestLabel] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let decoder = JSONCoding.decoder()
    var labels: [SelfInterestLabel] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      do {
        labels.append(try decoder.decode(SelfInterestLabel.self, from: Data(line.utf8)))
      } catch {
        throw InputDiagnostic(
          file: path, line: number + 1,
          "expected a JSON object with conversation, category, pitch_turns, survey_turns and resolved_turn")
      }
    }
    return labels
  }

  /// Reads every conversation of `path` with the reader its content calls for.
  ///
  /// - Throws: `InputDiagnostic` when no reader accepts the file or the file cannot be read.
  public static func conversations(at path: String) throws -> [Conversation] {
    let file = InputFile(path: path)
    let reader = try ReaderRegistry.builtIn().detect(file)
    var conversations: [Conversation] = []
    try reader.read(file, emit: { conversations.append($0) }, diagnose: { _ in })
    return conversations
  }

  /// Runs the default premature-pitch and survey detectors on `conversation`.
  public static func predict(_ conversation: Conversation, analyzer: ConversationAnalyzer) -> SelfInterestPrediction {
    let analyzed = analyzer.analyze(conversation)
    let detectors = [
      PrematurePitchDetector.description.identifier, SurveyBeforeResolutionDetector.description.identifier,
    ]
    .compactMap { DetectorRegistry.factory(for: $0)?.makeDefault() }
    let findings = detectors.flatMap { $0.findings(in: analyzed) }
    var prediction = SelfInterestPrediction(
      patterns: [], pitchTurns: [], resolvedTurn: analyzed.resolution?.turn,
      resolvedByAgent: analyzed.resolution?.kind.byCustomer == false, summary: [])
    for finding in findings {
      guard let pattern = finding.attributes["pattern"], let turn = finding.evidence.first?.turn else { continue }
      prediction.patterns.insert(pattern)
      if finding.detector == PrematurePitchDetector.description.identifier { prediction.pitchTurns.insert(turn) }
      prediction.summary.append("\(pattern)@\(turn) \"\(finding.evidence[0].span.text.prefix(90))\"")
    }
    return prediction
  }

  /// The evaluation's outcome.
  public struct Result: Sendable {
    /// Labeled conversations, and how many were found in the data.
    public var labeled = 0
    public var matched = 0
    /// Per pattern, conversation level: found anywhere vs the label's category.
    public var perPattern: [String: BinaryScore] = [:]
    /// Any premature pitch (premature, instead of answer, retention wall) vs those three categories.
    public var prematureAny = BinaryScore()
    /// Gold pitch-after-resolution conversations, and how many got a penalized (non-info) pitch finding.
    public var afterResolution = 0
    public var afterResolutionFlaggedPremature = 0
    /// Gold pitch turns, and how many had a pitch finding.
    public var goldPitchTurns = 0
    public var foundPitchTurns = 0
    /// Resolved or not: agreement with the label.
    public var resolved = BinaryScore()
    /// Both resolved: the same turn (or the agent's statement just before the customer's confirmation).
    public var bothResolved = 0
    public var sameResolvedTurn = 0
    /// One line per disagreement.
    public var disagreements: [String] = []
  }

  /// Compares the detectors with `labels` on `conversations`.
  public static func evaluate(
    labels: [SelfInterestLabel], conversations: [Conversation], resources: AnalysisResources
  ) -> Result {
    let analyzer = ConversationAnalyzer(resources: resources)
    var byID: [String: Conversation] = [:]
    for conversation in conversations { byID[conversation.id] = conversation }
    var result = Result()
    for label in labels {
      result.labeled += 1
      guard let conversation = byID[label.conversation] else {
        result.disagreements.append("\(label.conversation): not in the data")
        continue
      }
      result.matched += 1
      let prediction = predict(conversation, analyzer: analyzer)
      var wrong: [String] = []
      for pattern in patterns {
        let gold = label.category == pattern
        let found = prediction.patterns.contains(pattern)
        result.perPattern[pattern, default: BinaryScore()].add(predicted: found, gold: gold)
        if gold != found && (gold || pattern != "pitch_after_resolution") {
          wrong.append(gold ? "missed \(pattern)" : "extra \(pattern)")
        }
      }
      let goldPremature = prematureFamily.contains(label.category)
      let foundPremature = !prediction.patterns.isDisjoint(with: prematureFamily)
      result.prematureAny.add(predicted: foundPremature, gold: goldPremature)
      if label.category == "pitch_after_resolution" {
        result.afterResolution += 1
        if foundPremature { result.afterResolutionFlaggedPremature += 1 }
      }
      result.goldPitchTurns += label.pitchTurns.count
      result.foundPitchTurns += label.pitchTurns.filter { prediction.pitchTurns.contains($0) }.count
      result.resolved.add(predicted: prediction.resolvedTurn != nil, gold: label.resolvedTurn != nil)
      if let gold = label.resolvedTurn, let found = prediction.resolvedTurn {
        result.bothResolved += 1
        // The labels' convention: the agent's statement just before the customer's confirmation agrees.
        if found == gold
          || (prediction.resolvedByAgent && found < gold
            && conversation.turns[found + 1..<gold].allSatisfy { $0.role != .customer })
        {
          result.sameResolvedTurn += 1
        } else {
          wrong.append("resolved turn \(found), label \(gold)")
        }
      } else if (label.resolvedTurn == nil) != (prediction.resolvedTurn == nil) {
        wrong.append(
          "resolved turn \(prediction.resolvedTurn.map(String.init) ?? "none"), label \(label.resolvedTurn.map(String.init) ?? "none")"
        )
      }
      if !wrong.isEmpty {
        let found = prediction.summary.isEmpty ? "no findings" : prediction.summary.joined(separator: "; ")
        result.disagreements.append(
          "\(label.conversation) [\(label.category), pitch turns \(label.pitchTurns)]: \(wrong.joined(separator: ", ")) | \(found)"
        )
      }
    }
    return result
  }

  /// The printed report.
  public static func report(_ result: Result, dataPath: String, labelsPath: String) -> String {
    func format(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? " n/a" }
    func line(_ name: String, _ score: BinaryScore) -> String {
      let padded = name.padding(toLength: 34, withPad: " ", startingAt: 0)
      return "  \(padded) precision \(format(score.precision))  recall \(format(score.recall))  "
        + "(TP \(score.truePositives), FP \(score.falsePositives), FN \(score.falseNegatives))\n"
    }
    func share(_ part: Int, _ whole: Int) -> String {
      whole == 0 ? "n/a" : String(format: "%.2f (%d of %d)", Double(part) / Double(whole), part, whole)
    }
    var text = "Self-interest patterns: \(dataPath) against \(labelsPath)\n"
    text += "  \(result.matched) of \(result.labeled) labeled conversations found in the data\n"
    text += line("any premature pitch (3 patterns)", result.prematureAny)
    for pattern in patterns { text += line(pattern, result.perPattern[pattern] ?? BinaryScore()) }
    text += "  pitch turns found                  \(share(result.foundPitchTurns, result.goldPitchTurns))\n"
    text +=
      "  pitch after resolution flagged as premature: "
      + "\(share(result.afterResolutionFlaggedPremature, result.afterResolution))\n"
    text += line("resolved (yes/no)", result.resolved)
    text += "  resolved turn agrees (both resolved) \(share(result.sameResolvedTurn, result.bothResolved))\n"
    text +=
      "  targets (held-out set): premature precision ≥ 0.85, recall ≥ 0.80; survey recall ≥ 0.70; "
      + "after resolution flagged as premature ≤ 0.10\n"
    return text
  }
}
