import ArgumentParser
import EarshotEvaluation

extension Earshot.Evaluate {
  /// `earshot evaluate listening`: the product's judgments against conversations labeled by the guide.
  struct EvaluateListening: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "listening",
      abstract: "Question verdicts, the listening score, sentiment, pitches and promises against labels.",
      discussion: """
        Reads labels in the schema of labeling-guide.md (JSON Lines, one conversation a line) and \
        scores the data as `earshot batch` does with the default configuration. Prints the share of \
        labeled questions found, Cohen's kappa on the four verdicts and on non-answer yes/no, \
        Spearman of the listening score against the 1–5 judgment and of customer sentiment at the \
        start and the end, and pitch and promise precision and recall.
        """)

    @Option(help: "The labels file (JSON Lines in the guide's schema).")
    var labels = "evaluation/twcs/labels.jsonl"

    @Argument(help: "The labeled data, e.g. ../shared/corpora/twcs/twcs_dev.csv")
    var data: String

    @Flag(help: "List every question, pitch and promise where the product and the labels disagree.")
    var showDisagreements = false

    @Option(
      help: ArgumentHelp(
        "Write one CSV row per found labeled question with a reply (gold verdict and the reply-verdict "
          + "model's features) to this file, for Scripts/fit-reply-verdicts.py.",
        valueName: "file"))
    var dumpVerdictFeatures: String?

    @Option(
      help: ArgumentHelp(
        "Write each conversation's lapse features and listening label as TSV to this file, for "
          + "Scripts/fit-listening-score.py.",
        valueName: "file"))
    var dumpLapseFeatures: String?

    @Option(
      help: ArgumentHelp(
        "Write one CSV row per labeled conversation (gold start and end sentiment and the customer-mood "
          + "model's features of the first and last customer turn) to this file, for Scripts/fit-customer-mood.py.",
        valueName: "file"))
    var dumpMoodFeatures: String?

    @Option(
      help: ArgumentHelp(
        "Write one CSV row per run of customer turns without an explicit question (whether a labeled "
          + "question sits there, and the implicit-request model's features) to this file, for "
          + "Scripts/fit-implicit-requests.py.",
        valueName: "file"))
    var dumpRequestFeatures: String?

    @OptionGroup var verdictModel: VerdictModelOption

    func run() throws {
      let parsed = try GuideLabel.load(labels)
      var table = LapseFeatureTable(ratingNames: ["S", "A", "E", "listening"])
      let model = try verdictModel.load()
      let result = try ListeningEvaluation.evaluate(labels: parsed, dataPath: data, verdictModel: model) {
        label, scored in
        table.add(
          id: label.conversation, dataset: "twcs", ratings: [nil, nil, nil, label.listening.map(Double.init)],
          result: scored)
      }
      Console.output(ListeningEvaluation.report(result, labelsPath: labels, dataPath: data))
      if showDisagreements { Console.output(result.disagreements.joined(separator: "\n") + "\n") }
      if let dumpVerdictFeatures {
        let text = ([ListeningEvaluation.Result.featureHeader] + result.featureRows).joined(separator: "\n") + "\n"
        try text.write(toFile: dumpVerdictFeatures, atomically: true, encoding: .utf8)
      }
      if let dumpRequestFeatures {
        let text = ([ListeningEvaluation.Result.requestHeader] + result.requestRows).joined(separator: "\n") + "\n"
        try text.write(toFile: dumpRequestFeatures, atomically: true, encoding: .utf8)
      }
      if let dumpMoodFeatures {
        let text = ([ListeningEvaluation.Result.moodHeader] + result.moodRows).joined(separator: "\n") + "\n"
        try text.write(toFile: dumpMoodFeatures, atomically: true, encoding: .utf8)
      }
      if let dumpLapseFeatures { try table.tsv.write(toFile: dumpLapseFeatures, atomically: true, encoding: .utf8) }
    }
  }
}
