import EarshotSentiment
import EarshotText
import Foundation

/// VADER 3.3.2's figures on a corpus, for printing beside Earshot's.
public struct VADERReference: Sendable, Hashable {
  /// Pearson r (gold files only).
  public var pearson: Double?
  /// Accuracy (labeled files only).
  public var accuracy: Double?
  /// 3-class macro-F1.
  public var macroF1: Double
  /// 3-class weighted-F1.
  public var weightedF1: Double?
  /// Where the figures come from.
  public var note: String
}

/// The figures of one evaluation file.
public struct SentimentFileResult: Sendable {
  /// The file name.
  public var name: String
  /// Items scored.
  public var count: Int
  /// Pearson r of the compound score against the human mean (gold files only).
  public var pearson: Double?
  /// Predicted versus gold polarity, classes ordered negative, neutral, positive.
  public var confusion: ConfusionMatrix<Polarity>
  /// VADER's figures on the same kind of file, when known.
  public var references: [VADERReference]
  /// Whether the file is a labeled CSV (accuracy is its headline) rather than a rated gold file.
  public var isLabeled: Bool
  /// Per item: id, gold value (the mean rating, or -1/0/1 for a label) and the compound score.
  public var items: [(id: String, gold: Double, compound: Double)] = []

  /// Tab-separated per-item lines (`file, id, gold, compound, text-free`), for error analysis.
  public var itemLines: [String] {
    items.map { "\(name)\t\($0.id)\t\($0.gold)\t\(String(format: "%.4f", $0.compound))" }
  }
}

/// Runs the sentiment analyzer against human-rated gold files and labeled CSVs.
public enum SentimentEvaluation {
  /// The class order of every confusion matrix.
  public static let classes: [Polarity] = [.negative, .neutral, .positive]

  /// Evaluates `analyzer` on one file (a `*_GroundTruth.txt` gold file or a labeled `.csv`).
  ///
  /// - Throws: `CorpusError` when the file cannot be read or parsed.
  public static func evaluate(_ url: URL, analyzer: SentimentAnalyzer) throws -> SentimentFileResult {
    let text = try SentimentCorpora.read(url)
    let name = url.lastPathComponent
    if name.lowercased().hasSuffix(".csv") {
      return evaluate(
        labeled: try SentimentCorpora.parseLabeledCSV(text, name: url.path), name: name, analyzer: analyzer)
    }
    return evaluate(gold: try SentimentCorpora.parseGold(text, name: url.path), name: name, analyzer: analyzer)
  }

  /// Evaluates the default analyzer, without the optional lexicon layers named in `without`, on
  /// rated gold items.
  ///
  /// - Throws: `LexiconError` when a default lexicon cannot be loaded.
  public static func evaluate(gold items: [SentimentGoldItem], name: String, without: Set<String>) throws
    -> SentimentFileResult
  {
    evaluate(gold: items, name: name, analyzer: try SentimentAnalyzer.loadDefault(additions: [:], without: without))
  }

  /// Evaluates `analyzer` on rated gold items.
  public static func evaluate(gold items: [SentimentGoldItem], name: String, analyzer: SentimentAnalyzer)
    -> SentimentFileResult
  {
    let scores = items.map { analyzer.score(TokenizedText($0.text)).compound }
    let predicted = scores.map(polarity)
    let confusion = ConfusionMatrix(classes: classes, gold: items.map(\.polarity), predicted: predicted)
    var result = SentimentFileResult(
      name: name, count: items.count, pearson: Metrics.pearson(scores, items.map(\.mean)), confusion: confusion,
      references: references(for: name, count: items.count), isLabeled: false)
    result.items = zip(items, scores).map { ($0.id, $0.mean, $1) }
    return result
  }

  /// Evaluates `analyzer` on labeled items.
  public static func evaluate(labeled items: [LabeledSentimentItem], name: String, analyzer: SentimentAnalyzer)
    -> SentimentFileResult
  {
    let scores = items.map { analyzer.score(TokenizedText($0.text)).compound }
    let predicted = scores.map(polarity)
    let confusion = ConfusionMatrix(classes: classes, gold: items.map(\.label), predicted: predicted)
    var result = SentimentFileResult(
      name: name, count: items.count, pearson: nil, confusion: confusion,
      references: references(for: name, count: items.count), isLabeled: true)
    let goldValue: [Polarity: Double] = [.negative: -1, .neutral: 0, .positive: 1]
    result.items = zip(items, scores).map { ($0.id, goldValue[$0.label] ?? 0, $1) }
    return result
  }

  /// The scorer's label with VADER's ±0.05 threshold.
  public static func polarity(_ compound: Double) -> Polarity {
    compound > 0.05 ? .positive : compound < -0.05 ? .negative : .neutral
  }

  /// VADER 3.3.2's figures for a file: on the full original files (published in the corpus's
  /// SOURCE.md) and, when `count` matches the development half, measured on that half with
  /// `Scripts/vader-reference.py`.
  public static func references(for name: String, count: Int) -> [VADERReference] {
    let table: [(prefix: String, full: (Double, Double, Double), dev: (Int, Double, Double, Double))] = [
      ("tweets", (0.872, 0.640, 0.948), (2100, 0.877, 0.633, 0.952)),
      ("movieReviewSnippets", (0.427, 0.398, 0.590), (5303, 0.428, 0.395, 0.587)),
      ("amazonReviewSnippets", (0.590, 0.454, 0.626), (1854, 0.576, 0.442, 0.617)),
      ("nytEditorialSnippets", (0.503, 0.434, 0.549), (2595, 0.515, 0.439, 0.547)),
    ]
    if name.hasPrefix("Tweets"), name.hasSuffix(".csv") {
      guard count == 10268 else { return [] }
      return [
        VADERReference(
          pearson: nil, accuracy: 0.484, macroF1: 0.448, weightedF1: 0.508, note: "VADER 3.3.2, this file")
      ]
    }
    guard let row = table.first(where: { name.hasPrefix($0.prefix) }) else { return [] }
    var result = [
      VADERReference(
        pearson: row.full.0, accuracy: nil, macroF1: row.full.1, weightedF1: row.full.2,
        note: "VADER 3.3.2, full file")
    ]
    if count == row.dev.0 {
      result.append(
        VADERReference(
          pearson: row.dev.1, accuracy: nil, macroF1: row.dev.2, weightedF1: row.dev.3,
          note: "VADER 3.3.2, this dev half"))
    }
    return result
  }

  /// A plain-text table of `results`, one block per file.
  public static func report(_ results: [SentimentFileResult], title: String) -> String {
    var lines = [title]
    func format(_ value: Double?) -> String {
      guard let value else { return "    -" }
      return String(format: "%5.3f", value)
    }
    for result in results {
      lines.append("")
      lines.append("\(result.name) (\(result.count) items)")
      let matrix = result.confusion
      if result.isLabeled {
        lines.append(
          "  \("scorer".padding(toLength: 28, withPad: " ", startingAt: 0))  accuracy  macro-F1  weighted-F1")
        lines.append(
          "  \("Earshot".padding(toLength: 28, withPad: " ", startingAt: 0))     \(format(matrix.accuracy))     "
            + "\(format(matrix.macroF1))        \(format(matrix.weightedF1))")
        for reference in result.references {
          lines.append(
            "  \(reference.note.padding(toLength: 28, withPad: " ", startingAt: 0))     \(format(reference.accuracy))"
              + "     \(format(reference.macroF1))        \(format(reference.weightedF1))")
        }
      } else {
        lines.append(
          "  \("scorer".padding(toLength: 28, withPad: " ", startingAt: 0))  Pearson r  macro-F1  weighted-F1")
        lines.append(
          "  \("Earshot".padding(toLength: 28, withPad: " ", startingAt: 0))      \(format(result.pearson))     "
            + "\(format(matrix.macroF1))        \(format(matrix.weightedF1))")
        for reference in result.references {
          lines.append(
            "  \(reference.note.padding(toLength: 28, withPad: " ", startingAt: 0))      \(format(reference.pearson))"
              + "     \(format(reference.macroF1))        \(format(reference.weightedF1))")
        }
      }
      let header = classes.map { $0.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined()
      lines.append("  confusion (rows gold, columns predicted): \(header)")
      for (row, label) in classes.enumerated() {
        let cells = matrix.counts[row].map { String($0).padding(toLength: 9, withPad: " ", startingAt: 0) }.joined()
        lines.append("    \(label.rawValue.padding(toLength: 38, withPad: " ", startingAt: 0))\(cells)")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Each sentence of `text` with its score and the cues behind it (for `--explain`).
  public static func explain(_ text: String, analyzer: SentimentAnalyzer) -> String {
    let tokenized = TokenizedText(text)
    var lines: [String] = []
    let cues = analyzer.cues(tokenized)
    for (sentence, score) in zip(tokenized.sentences, analyzer.scoreSentences(tokenized)) {
      lines.append(
        "sentence \"\(tokenized.string(sentence.byteRange))\": compound \(String(format: "%.4f", score.compound))"
          + " pos \(String(format: "%.3f", score.positive)) neu \(String(format: "%.3f", score.neutral))"
          + " neg \(String(format: "%.3f", score.negative))")
      for cue in cues where sentence.byteRange.contains(cue.byteRange.lowerBound) {
        lines.append(
          "  \(tokenized.string(cue.byteRange)) \(String(format: "%+.3f", cue.valence))\(cue.negated ? " (negated)" : "")"
        )
      }
    }
    let total = analyzer.score(tokenized)
    lines.append("text: compound \(String(format: "%.4f", total.compound)) \(total.polarity.rawValue)")
    return lines.joined(separator: "\n")
  }
}
