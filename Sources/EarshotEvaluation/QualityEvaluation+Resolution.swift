import EarshotDetectors
import EarshotModel
import Foundation

/// The resolution section of `earshot evaluate quality`: `resolved_turn` against the panel's
/// `HNUG*`/`CNUG*` solution labels.
extension QualityEvaluation {
  /// Agreement of resolution tracking with the panel.
  public struct ResolutionAgreement: Sendable {
    /// Dialogues compared.
    public var dialogues = 0
    /// Resolved (Earshot) against resolved (the panel: some turn marked as the solution by at
    /// least `threshold` of the annotators).
    public var resolved = BinaryScore()
    /// The share of the panel's solution threshold.
    public var threshold = 0.5
    /// Dialogues both call resolved, and how many put it at the same turn or one turn apart (the
    /// helpdesk's statement and the customer's confirmation of it).
    public var bothResolved = 0
    public var sameTurn = 0
    public var withinOneTurn = 0
    /// Mean share of annotators marking Earshot's resolved turn as a solution turn.
    public var meanPanelShareAtTurn: Double?
    /// Pearson correlation of "resolved" (1/0) with the panel's mean A (task accomplishment).
    public var correlationWithAccomplishment: Double?
  }

  /// Compares `resolved_turn` with the panel on `dialogues`.
  public static func resolution(
    _ dialogues: [STC3Dialogue], resources: AnalysisResources, threshold: Double = 0.5
  ) -> ResolutionAgreement {
    let analyzer = ConversationAnalyzer(resources: resources)
    var result = ResolutionAgreement()
    result.threshold = threshold
    var shares: [Double] = []
    var resolvedFlags: [Double] = []
    var accomplishment: [Double] = []
    for dialogue in dialogues {
      result.dialogues += 1
      let found = analyzer.analyze(dialogue.conversation).resolution?.turn
      let panel = dialogue.solutionTurn(threshold: threshold)
      result.resolved.add(predicted: found != nil, gold: panel != nil)
      resolvedFlags.append(found == nil ? 0 : 1)
      accomplishment.append(dialogue.accomplishment)
      if let found { shares.append(dialogue.solution[found]) }
      if let found, let panel {
        result.bothResolved += 1
        if found == panel { result.sameTurn += 1 }
        if abs(found - panel) <= 1 { result.withinOneTurn += 1 }
      }
    }
    result.meanPanelShareAtTurn = shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
    result.correlationWithAccomplishment = Metrics.pearson(resolvedFlags, accomplishment)
    return result
  }

  /// The printed resolution section.
  public static func report(_ result: ResolutionAgreement, path: String) -> String {
    func format(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "n/a" }
    func share(_ part: Int, _ whole: Int) -> String {
      whole == 0 ? "n/a" : String(format: "%.2f (%d of %d)", Double(part) / Double(whole), part, whole)
    }
    let score = result.resolved
    var text = "Quality against the STC-3 panel: \(path) (\(result.dialogues) dialogues)\n"
    text += "Resolution (resolved_turn against HNUG*/CNUG* marked by ≥ \(format(result.threshold)) of annotators)\n"
    text +=
      "  resolved: precision \(format(score.precision))  recall \(format(score.recall))  "
      + "(TP \(score.truePositives), FP \(score.falsePositives), FN \(score.falseNegatives), TN \(score.trueNegatives))\n"
    text += "  same turn as the panel's first solution turn: \(share(result.sameTurn, result.bothResolved))\n"
    text += "  within one turn: \(share(result.withinOneTurn, result.bothResolved))\n"
    text +=
      "  mean share of annotators marking Earshot's resolved turn as a solution: "
      + "\(format(result.meanPanelShareAtTurn))\n"
    text += "  correlation of resolved (1/0) with mean A: \(format(result.correlationWithAccomplishment))\n"
    return text
  }
}
