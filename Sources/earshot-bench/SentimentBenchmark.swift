import ArgumentParser
import EarshotEvaluation
import EarshotSentiment
import Foundation

/// Sentences/s and MB/s of the sentiment scorer on one core.
struct SentimentBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentiment", abstract: "Sentiment scorer throughput on gold sentences (one core).")

  @Argument(help: "A folder of *_GroundTruth.txt gold files (or the files themselves).")
  var paths: [String]

  @Option(help: "Run each measurement for at least this many seconds.")
  var seconds: Double = 5

  func run() throws {
    var texts: [String] = []
    for url in try SentimentCorpora.expand(paths) where url.lastPathComponent.hasSuffix("_GroundTruth.txt") {
      let text = try String(contentsOf: url, encoding: .utf8)
      texts += try SentimentCorpora.parseGold(text, name: url.path).map(\.text)
    }
    guard !texts.isEmpty else { throw ValidationError("no *_GroundTruth.txt gold sentences under \(paths)") }
    let analyzer = try SentimentAnalyzer.loadDefault()
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    print("sentiment benchmark: \(texts.count) gold sentences, \(bytes) bytes, one core, ≥\(seconds) s per row")
    var endToEnd: SentimentThroughput?
    let rows: [(String, SentimentThroughput.Work)] = [
      ("tokenize + score", .tokenizeAndScore), ("TokenizedText + score", .tokenizedTextAndScore),
      ("score only (pre-tokenized)", .scoreOnly),
    ]
    for (label, work) in rows {
      let result = SentimentThroughput.measure(texts, analyzer: analyzer, minimumSeconds: seconds, work: work)
      if work == .tokenizeAndScore { endToEnd = result }
      let figures = String(
        format: "%10.0f sentences/s  %7.2f MB/s  %7.2f MB/s of CPU time  (%d passes, %.2f s)",
        result.textsPerSecond, result.megabytesPerSecond, result.megabytesPerCPUSecond, result.passes, result.seconds)
      print("  \(label.padding(toLength: 28, withPad: " ", startingAt: 0))\(figures)")
    }
    if let peak = SentimentThroughput.peakResidentBytes() {
      print(String(format: "  peak memory (VmHWM): %.1f MB", Double(peak) / 1_048_576))
    }
    // One line for Scripts/bench-sentiment.sh, which sets it beside VADER's.
    if let endToEnd {
      print(
        String(
          format: "earshot tokenize+score MB/s: wall %.3f cpu %.3f", endToEnd.megabytesPerSecond,
          endToEnd.megabytesPerCPUSecond))
    }
  }
}
