import ArgumentParser
import EarshotEngine
import EarshotModel
import EarshotReporters
import EarshotScoring
import EarshotStore
import Foundation

extension Earshot {
  /// `earshot report [--store PATH] --out DIR`: Markdown and HTML reports from the store.
  struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write report.md and a self-contained report.html from the store.",
      discussion: """
        Reads the store that `earshot nightly` fills and writes, to the output folder, report.md and \
        report.html: the agent ranking with intervals (chart), the score distribution, findings by kind, \
        a table per company, the centers side by side (when centers: is configured), trends across \
        nightly runs, and each agent's worst conversations with the evidence. The HTML page needs no network (charts are inline SVG).

        \(ExitCodes.helpText)
        """)

    @Option(
      help:
        "The store: a SQLite file or postgres://user@host:port/database (default: store.url or store.path in earshot.yml, else the XDG data folder)."
    )
    var store: String?

    @Option(name: .shortAndLong, help: "The output folder.")
    var out: String

    @Option(help: "How many of each agent's worst conversations to show.")
    var worst: Int = 3

    @OptionGroup var configurationOptions: ConfigurationOptions

    func validate() throws {
      if worst < 0 { throw ValidationError("--worst must be 0 or more") }
    }

    func run() async throws {
      let configuration = try configurationOptions.load()
      let storePath = StorePathOption.resolve(store, configuration: configuration)
      let shownStore = StoreLocation.redacted(storePath)
      guard PostgresStoreURL.isPostgres(storePath) || FileManager.default.fileExists(atPath: storePath) else {
        Console.error("error: no store at \(storePath); run `earshot nightly` first or pass --store")
        throw ExitCode(EarshotExitCode.failure.rawValue)
      }
      do {
        let report = try StoreReport.load(
          storePath: storePath, ranking: configuration.aggregation.ranking, generatedAt: Date(), worstPerAgent: worst,
          privacy: configuration.privacy, customers: configuration.customers)
        let writer = try ReportWriter(directory: URL(fileURLWithPath: out)) { ReporterRegistry.report(in: $0) }
        try writer.finish(
          RunTotals(aggregation: report.aggregation, ranking: configuration.aggregation.ranking, report: report))
        Console.error(
          "Wrote \(out)/report.md, report.html and the agents, companies, channels, days and centers tables")
      } catch {
        Console.error(ErrorLine.text(for: error, storePath: shownStore))
        throw ExitCode(EarshotExitCode.failure.rawValue)
      }
    }
  }
}
