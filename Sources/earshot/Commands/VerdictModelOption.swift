import ArgumentParser
import EarshotDetectors
import Foundation

/// `--verdict-model DIR` of the evaluation commands: run the product with one fold's reply-verdict
/// model instead of the shipped one, so the listening fit sees out-of-fold verdicts.
struct VerdictModelOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Use the reply-verdict model in this directory (reply-verdicts.tsv, verdict-terms.tsv) instead of "
        + "the shipped one: Scripts/fit-listening-score.py --verdict-folds runs one fold's model at a time.",
      valueName: "dir"))
  var verdictModel: String?

  /// The model in the directory, or nil for the shipped one.
  func load() throws -> VerdictModel? {
    try verdictModel.map { try VerdictModel.load(directory: URL(fileURLWithPath: $0)) }
  }
}
