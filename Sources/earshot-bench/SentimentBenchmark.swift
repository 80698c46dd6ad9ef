import ArgumentParser

/// Sentences/s and MB/s of the sentiment scorer on one core.
struct SentimentBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentiment", abstract: "Sentiment scorer throughput on gold sentences (one core).")

  func run() throws {
    throw ValidationError("not implemented yet")
  }
}
