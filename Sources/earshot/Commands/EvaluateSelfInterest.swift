import ArgumentParser
import EarshotDetectors
import EarshotEvaluation

extension Earshot.Evaluate {
  /// `earshot evaluate self-interest DATA LABELS`: pitch timing, retention walls and surveys against labels.
  struct EvaluateSelfInterest: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "self-interest",
      abstract: "Premature pitches, retention walls and surveys before resolution against per-conversation labels.")

    @Argument(help: "The conversations, e.g. evaluation/self-interest/dev/conversations.jsonl")
    var data: String

    @Argument(help: "The labels (JSON Lines), e.g. evaluation/self-interest/dev/labels.jsonl")
    var labels: String

    @Flag(help: "List every conversation where the findings and the labels disagree.")
    var showDisagreements = false

    func run() throws {
      let parsed = try SelfInterestEvaluation.labels(at: labels)
      let conversations = try SelfInterestEvaluation.conversations(at: data)
      let result = SelfInterestEvaluation.evaluate(
        labels: parsed, conversations: conversations, resources: try AnalysisResources.loadDefault())
      Console.output(SelfInterestEvaluation.report(result, dataPath: data, labelsPath: labels))
      if showDisagreements { Console.output(result.disagreements.joined(separator: "\n") + "\n") }
    }
  }
}
