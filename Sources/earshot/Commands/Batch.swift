import ArgumentParser
import EarshotEngine
import EarshotModel
import Foundation

extension Earshot {
  /// `earshot batch DIR --out DIR`: every transcript under a folder.
  struct Batch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score every transcript under the given files and folders.",
      discussion: """
        Reads folders recursively (hidden files and documentation such as README or SOURCE.md are \
        skipped and counted), detects each file's format, and writes to the output folder: \
        conversations.jsonl (one result per line), agents.csv, companies.csv, channels.csv, days.csv, \
        centers.csv, diagnostics.jsonl, summary.json and, last, manifest.json. A file that cannot be \
        read is reported on stderr with its location; the rest of the batch goes on. With customers: in \
        earshot.yml, repeat contacts are found over all the batch's results at the end (first-contact \
        resolution in the tables). With --shard K/N it also writes units.jsonl; `earshot merge` makes \
        the N shard folders into one batch output.

        \(ExitCodes.helpText)
        """)

    @Argument(help: "Transcript files or folders.", completion: .directory)
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The output folder.")
    var out: String

    @Option(name: .shortAndLong, help: "Files processed in parallel; the default is this machine's core count.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Read every file as this format instead of detecting it.")
    var inputFormat: String?

    @Option(help: "Run only shard K of N (for example 2/8), split by a stable hash of the file path.")
    var shard: String?

    @OptionGroup var configurationOptions: ConfigurationOptions

    func validate() throws {
      if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
      for input in inputs where !FileManager.default.fileExists(atPath: input) {
        throw ValidationError("\(input): no such file or folder")
      }
      if let shard, Self.parseShard(shard) == nil {
        throw ValidationError("--shard expects K/N with 1 ≤ K ≤ N, for example 2/8; found '\(shard)'")
      }
    }

    static func parseShard(_ text: String) -> (index: Int, count: Int)? {
      let parts = text.split(separator: "/")
      guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
        (1...count).contains(index)
      else { return nil }
      return (index, count)
    }

    func run() async throws {
      let configuration = try configurationOptions.load()
      let job = BatchJob(
        inputs: inputs, outputDirectory: out, configuration: configuration, jobs: jobs, forcedFormat: inputFormat,
        shard: shard.flatMap(Self.parseShard))
      let progress = ProgressBar(enabled: Console.stderrIsTerminal)
      let summary: BatchSummary
      do {
        summary = try await job.run(report: RunReporting.diagnosticPrinter(progress), progress: progress.update)
      } catch {
        throw RunReporting.exitCode(for: error, progress: progress)
      }
      progress.clear()
      if summary.filesFound == 0 {
        Console.error("warning: no input files found under \(inputs.joined(separator: ", "))")
      }
      Console.error(summary.line)
      Console.error(
        "Wrote \(out)/conversations.jsonl, agents.csv, companies.csv, channels.csv, days.csv, centers.csv, summary.json"
      )
      if summary.exitCode != .ok { throw ExitCode(summary.exitCode.rawValue) }
    }
  }
}
