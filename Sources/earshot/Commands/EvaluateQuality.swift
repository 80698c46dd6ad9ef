import ArgumentParser
import EarshotDetectors
import EarshotEvaluation
import Foundation

extension Earshot.Evaluate {
  /// `earshot evaluate quality STC3_JSON`: the listening score, the verdicts and resolution tracking
  /// against the STC-3 panel.
  struct EvaluateQuality: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "quality",
      abstract: "The listening score, non-answer verdicts and resolution against the STC-3 panel.",
      discussion: """
        Scores every dialogue as `earshot batch` does with the default configuration and prints \
        Spearman of the listening score against the panel's mean S, A and E, beside the \
        customer_sentiment_end baseline and a single grader's agreement, then the AUC of the \
        not_answered verdicts and of 1 − usefulness for the helpdesk turns the panel found useless. \
        When the shipped weights were fitted on this file, its figures are labeled in-sample and \
        the cross-validated ones from the fitting script are printed beside them. Last, resolution \
        tracking (`resolved_turn`) against the turns the panel marked as the solution (HNUG*/CNUG*).
        """)

    @Argument(help: "The STC-3 DCH-1 JSON, e.g. \(STC3Dialogues.defaultPath)")
    var stc3: String

    @Option(help: "Share of annotators that makes a turn the panel's solution turn.")
    var threshold = 0.5

    @Flag(help: "List dialogues ranked far from the panel and turns where verdict and panel disagree.")
    var showDisagreements = false

    @Option(
      help: "Also write each dialogue's lapse features and ratings as TSV here (for Scripts/fit-listening-score.py).")
    var dumpFeatures: String?

    @OptionGroup var verdictModel: VerdictModelOption

    func run() throws {
      let dialogues = try STC3Dialogues.load(stc3)
      let model = try verdictModel.load()
      let results = try QualityEvaluation.score(dialogues, verdictModel: model)
      let agreement = QualityEvaluation.listening(dialogues, results: results)
      Console.output(QualityEvaluation.report(agreement, path: stc3, header: QualityEvaluation.weightsHeader()))
      let resolution = QualityEvaluation.resolution(
        dialogues, resources: try AnalysisResources.loadDefault(), threshold: threshold)
      Console.output(QualityEvaluation.report(resolution, path: stc3))
      if showDisagreements { Console.output(agreement.disagreements.joined(separator: "\n") + "\n") }
      if let dumpFeatures {
        try QualityEvaluation.features(dialogues, results: results).tsv.write(
          toFile: dumpFeatures, atomically: true, encoding: .utf8)
      }
    }
  }
}
