import ArgumentParser
import EarshotEngine
import EarshotModel
import EarshotStore
import Foundation

extension Earshot {
  /// `earshot nightly INPUTS... [--store PATH] [--out DIR]`: score only what changed since last night.
  struct Nightly: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score only the files that are new or changed since the last run, into the store.",
      discussion: """
        Keeps runs, files (size, modification time, SHA-256), results, findings and per-run aggregates in a \
        SQLite store. A file is scored again when its content changed, and every file is scored again when \
        the configuration, the lexicons, the tool version or the result schema changed. Files that \
        disappeared are marked removed. Give the same input paths every night: files are known by path. \
        With --out, the run's agents.csv, companies.csv, channels.csv, days.csv, centers.csv and \
        nightly.json are written there. See docs/store.md.

        Store: --store, else store.url, else store.path in earshot.yml, else \
        $XDG_DATA_HOME/earshot/earshot.sqlite (~/.local/share/earshot/earshot.sqlite). A \
        postgres://user@host:port/database URL uses a PostgreSQL store (password from PGPASSWORD or \
        ~/.pgpass / PGPASSFILE); with --shard K/N, N processes fill one PostgreSQL store at once.

        \(ExitCodes.nightlyHelpText)
        """)

    @Argument(help: "Transcript files or folders.", completion: .directory)
    var inputs: [String]

    @Option(
      help: "The store: a SQLite file, or postgres://user@host:port/database.",
      completion: .file(extensions: ["sqlite"]))
    var store: String?

    @Option(help: "Score only shard K of N (for example 2/8), split by a stable hash of each unit's key.")
    var shard: String?

    @Option(name: .shortAndLong, help: "Also write the run's tables to this folder.")
    var out: String?

    @Option(name: .shortAndLong, help: "Files processed in parallel; the default is this machine's core count.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var configurationOptions: ConfigurationOptions

    func validate() throws {
      if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
      if let shard, Batch.parseShard(shard) == nil {
        throw ValidationError("--shard expects K/N with 1 ≤ K ≤ N, for example 2/8; found '\(shard)'")
      }
    }

    func run() async throws {
      let configuration = try configurationOptions.load()
      let storePath = StorePathOption.resolve(store, configuration: configuration)
      let job = NightlyJob(
        inputs: inputs, storePath: storePath, outputDirectory: out, configuration: configuration, jobs: jobs,
        shard: shard.flatMap(Batch.parseShard))
      let progress = ProgressBar(enabled: Console.stderrIsTerminal)
      let summary: NightlySummary
      do {
        summary = try await job.run(report: RunReporting.diagnosticPrinter(progress), progress: progress.update)
      } catch {
        throw RunReporting.exitCode(for: error, progress: progress, storePath: StoreLocation.redacted(storePath))
      }
      progress.clear()
      for line in summary.lines { Console.error(line) }
      if summary.exitCode != .ok { throw ExitCode(summary.exitCode.rawValue) }
    }
  }
}

/// Where the store is: `--store`, else `store.url`, else `store.path` in the configuration, else the
/// XDG default. A `postgres://` URL is a PostgreSQL store, anything else a SQLite path.
enum StorePathOption {
  static func resolve(_ option: String?, configuration: EarshotConfiguration) -> String {
    if let option { return option }
    if let url = configuration.store.url, !url.isEmpty { return url }
    if let configured = configuration.store.path {
      return configured.hasPrefix("~/") ? NSHomeDirectory() + configured.dropFirst() : configured
    }
    return EarshotStore.defaultPath()
  }
}
