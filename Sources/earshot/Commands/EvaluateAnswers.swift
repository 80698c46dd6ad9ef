import ArgumentParser
import EarshotDetectors
import EarshotEvaluation
import Foundation

extension Earshot.Evaluate {
  /// `earshot evaluate answers FILE…`: reply ranking against community-QA labels.
  struct EvaluateAnswers: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "answers",
      abstract: "Rank replies by how well they answer the question, against Good/Bad labels (SemEval CQA XML).")

    @Argument(help: "Labeled files, e.g. ../shared/corpora/semeval2016-cqa/SemEval2016-Task3-CQA-QL-train-part2.xml")
    var files: [String]

    @Option(help: "Also write the reply features and lexicon terms as CSV here (for Scripts/fit-reply-ranker.py).")
    var dumpFeatures: String?

    func run() throws {
      let resources = try AnalysisResources.loadDefault()
      for file in files {
        let threads = try AnswerEvaluation.threads(at: file, resources: resources)
        Console.output(AnswerEvaluation.report(AnswerEvaluation.evaluate(threads), file: file, threads: threads.count))
        if let dumpFeatures {
          try Data(AnswerEvaluation.featureCSV(threads).utf8).write(to: URL(fileURLWithPath: dumpFeatures))
        }
      }
    }
  }
}
