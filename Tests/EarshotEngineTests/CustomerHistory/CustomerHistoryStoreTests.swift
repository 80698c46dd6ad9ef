import EarshotEngine
import EarshotModel
import EarshotReporters
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

/// The repeat-contact pass over a store: nightly runs (even in several steps, files arriving on
/// different nights) and the report give the same first-contact figures as one batch.
@Suite struct CustomerHistoryStoreTests {
  @Test func nightlyTablesAndTheReportMatchTheBatch() async throws {
    let inputs = try TemporaryDirectory()
    try SupportTranscripts.write(into: inputs)
    let batch = try await CustomerHistoryBatchTests.batch(inputs: inputs)
    let configuration = try CustomerHistoryBatchTests.configuration()

    let work = try TemporaryDirectory()
    let store = work.path("store.sqlite")
    // Night one sees the tweets only; night two the mail too: repeats span runs and units.
    let night = { (inputPaths: [String], out: String) in
      _ = try await NightlyJob(
        inputs: inputPaths, storePath: store, outputDirectory: out, configuration: configuration, jobs: 2
      ).run(report: { Issue.record("unexpected problem: \($0)") })
    }
    try await night([inputs.path("twitter")], work.path("night1"))
    try await night([inputs.path("twitter"), inputs.path("mail")], work.path("night2"))
    for table in ["centers.csv", "companies.csv", "agents.csv"] {
      let fromNightly = try String(contentsOfFile: work.path("night2/\(table)"), encoding: .utf8)
      #expect(fromNightly == (try batch.text(table)), "\(table)")
    }
    let firstNight = try String(contentsOfFile: work.path("night1/centers.csv"), encoding: .utf8)
    #expect(firstNight.split(separator: "\n").count == 2, "only the Social center on night one")

    let report = try StoreReport.load(
      storePath: store, ranking: configuration.aggregation.ranking, generatedAt: Date(timeIntervalSince1970: 0),
      customers: configuration.customers)
    let lisbon = try #require(report.aggregation.rows(.center).first { $0.key.name == "Lisbon" })
    #expect(lisbon.totals.repeatContacts == 1)
    #expect(lisbon.totals.firstContactResolution == 0.75)
    let markdown = MarkdownReport.render(report)
    #expect(markdown.contains("## Centers"))
    #expect(markdown.contains("| Lisbon | 4 |"))
  }
}
