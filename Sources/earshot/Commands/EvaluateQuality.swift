import ArgumentParser
import EarshotDetectors
import EarshotEvaluation

extension Earshot.Evaluate {
  /// `earshot evaluate quality STC3_JSON`: Earshot's judgments against the STC-3 panel.
  struct EvaluateQuality: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "quality",
      abstract: "Resolution tracking against the STC-3 panel's solution labels (HNUG*/CNUG*).")

    @Argument(help: "The STC-3 DCH-1 JSON, e.g. \(STC3Dialogues.defaultPath)")
    var stc3: String

    @Option(help: "Share of annotators that makes a turn the panel's solution turn.")
    var threshold = 0.5

    func run() throws {
      let dialogues = try STC3Dialogues.load(stc3)
      let resources = try AnalysisResources.loadDefault()
      let resolution = QualityEvaluation.resolution(dialogues, resources: resources, threshold: threshold)
      Console.output(QualityEvaluation.report(resolution, path: stc3))
    }
  }
}
