import ArgumentParser
import EarshotEvaluation
import Foundation

/// MB/s of the PII redactor alone on real turn texts, one core.
struct RedactionBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "redaction", abstract: "PII redactor throughput on the turn texts of real transcripts (one core).")

  @Argument(help: "Transcript files or folders, e.g. ../shared/corpora/twcs/twcs_dev.csv")
  var paths: [String]

  @Option(help: "Run the measurement for at least this many seconds.")
  var seconds: Double = 5

  func run() throws {
    let texts = RedactionCorpusCheck.turnTexts(at: paths)
    guard !texts.isEmpty else { throw ValidationError("no conversations read from \(paths)") }
    let redactor = try RedactionEvaluation.defaultRedactor()
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    print("redaction benchmark: \(texts.count) turns, \(bytes) bytes, one core, ≥\(seconds) s")
    let figures = RedactionCorpusCheck.throughput(texts, redactor: redactor, minimumSeconds: seconds)
    print(
      String(
        format: "  redact (default settings)  %7.1f MB/s  (%d passes, %.2f s)", figures.megabytesPerSecond,
        figures.passes, figures.seconds))
  }
}
