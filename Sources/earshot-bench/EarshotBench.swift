import ArgumentParser

/// Benchmarks that print throughput (MB/s, items/s) and peak memory. Build with `-c release`.
@main
struct EarshotBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "earshot-bench",
    abstract: "Measure Earshot's throughput and peak memory.",
    subcommands: [SentimentBenchmark.self, BatchBenchmark.self, RedactionBenchmark.self, StageBenchmark.self]
  )
}
