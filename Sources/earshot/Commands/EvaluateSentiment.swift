import ArgumentParser
import EarshotEvaluation
import EarshotSentiment
import Foundation

extension Earshot.Evaluate {
  /// `earshot evaluate sentiment`: the sentiment scorer against human-rated gold sets.
  struct EvaluateSentiment: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sentiment",
      abstract: "Sentiment against human-rated gold files.",
      discussion: """
        Reads VADER-format gold files (ID<TAB>MEAN<TAB>TEXT, *_GroundTruth.txt) and labeled CSVs with \
        'airline_sentiment' and 'text' columns, and prints Pearson r, 3-class macro- and weighted-F1 \
        (or accuracy for labeled files) beside VADER 3.3.2's figures.
        """)

    @Argument(help: "Gold files, labeled CSV files, or folders holding them.")
    var paths: [String] = []

    @Option(help: "Score this text instead and print each sentence's score and cues.")
    var explain: String?

    @Option(
      name: .customLong("without"),
      help: "Leave out an optional lexicon layer (\(SentimentLexicon.optionalLayers.joined(separator: ", ")), or all).")
    var without: [String] = []

    @Option(help: "Write per-item scores (file, id, gold, compound) as TSV to this path (first run only).")
    var items: String?

    @Flag(help: "Also run once without each optional layer, and once without all of them.")
    var ablations = false

    func run() async throws {
      if let explain {
        let analyzer = try SentimentAnalyzer.loadDefault(additions: [:], without: excluded)
        print(SentimentEvaluation.explain(explain, analyzer: analyzer))
        return
      }
      let urls = try SentimentCorpora.expand(paths)
      guard !urls.isEmpty else { throw ValidationError("no *_GroundTruth.txt or .csv files under \(paths)") }
      var runs: [(title: String, without: Set<String>)] = [(title(for: excluded), excluded)]
      if ablations {
        for layer in SentimentLexicon.optionalLayers where !excluded.contains(layer) {
          let set = excluded.union([layer])
          runs.append((title(for: set), set))
        }
        let all = Set(SentimentLexicon.optionalLayers)
        if all != excluded { runs.append((title(for: all), all)) }
      }
      for (offset, run) in runs.enumerated() {
        let analyzer = try SentimentAnalyzer.loadDefault(additions: [:], without: run.without)
        var results: [SentimentFileResult] = []
        for url in urls { results.append(try SentimentEvaluation.evaluate(url, analyzer: analyzer)) }
        if offset == 0, let items {
          let lines = results.flatMap(\.itemLines).joined(separator: "\n") + "\n"
          try lines.write(toFile: items, atomically: true, encoding: .utf8)
        }
        if offset > 0 { print("") }
        print(SentimentEvaluation.report(results, title: run.title))
      }
    }

    var excluded: Set<String> {
      without.contains("all") ? Set(SentimentLexicon.optionalLayers) : Set(without)
    }

    func title(for set: Set<String>) -> String {
      set.isEmpty
        ? "== Earshot sentiment, all lexicon layers"
        : "== Earshot sentiment without \(set.sorted().joined(separator: ", "))"
    }
  }
}
