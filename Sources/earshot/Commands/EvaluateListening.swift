import ArgumentParser
import EarshotEvaluation

extension Earshot.Evaluate {
  /// `earshot evaluate listening`: findings on real conversations against hand labels.
  struct EvaluateListening: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "listening",
      abstract: "Premature pitches, non-answers and promises against hand-labeled conversations.")

    @Option(help: "The labels file.")
    var labels = "evaluation/twcs/labels.tsv"

    @Argument(help: "The labeled data, e.g. ../shared/corpora/twcs/twcs_dev.csv")
    var data: String

    @Flag(help: "List every conversation where the findings and the labels disagree.")
    var showDisagreements = false

    func run() throws {
      let parsed = try ListeningEvaluation.labels(at: labels)
      let result = try ListeningEvaluation.evaluate(labels: parsed, dataPath: data)
      Console.output(ListeningEvaluation.report(result, labelsPath: labels, dataPath: data))
      if showDisagreements { Console.output(result.disagreements.joined(separator: "\n") + "\n") }
    }
  }
}
