import EarshotModel
import EarshotReporters
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

/// The report's fixture with centers and customer history: three centers, one customer who came
/// back about the same problem the next day, another who wrote twice about different problems.
enum CentersFixture {
  static let centers = ["Lisbon", "Lisbon", "Porto", "Manila <Night> | Team", "Manila <Night> | Team"]
  static let customers: [(key: String, terms: [UInt32])?] = [
    ("5f1c0e2a9b7d4c3e8a6f0b1d2c3e4f5a", [1_001, 2_002, 3_003]),
    ("5f1c0e2a9b7d4c3e8a6f0b1d2c3e4f5a", [2_002, 3_003, 4_004]),
    nil,
    ("0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d", [7_007, 8_008]),
    ("0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d", [9_009]),
  ]

  static func results() throws -> [ConversationResult] {
    var results = try ReportFixture.results()
    for index in results.indices {
      results[index].center = centers[index]
      if let customer = customers[index] {
        results[index].customerKey = customer.key
        results[index].problemTerms = customer.terms
        results[index].problemTurn = 0
      }
    }
    RepeatContacts.apply(to: &results, settings: RepeatContactSettings())
    return results
  }

  static func report() throws -> ListeningReport {
    var report = try ReportFixture.report()
    var aggregation = Aggregation()
    for result in try results() { aggregation.add(result, day: nil) }
    report.aggregation = aggregation
    return report
  }
}

@Suite struct CentersReportTests {
  @Test func theRepeatContactLandsOnTheEarlierConversation() throws {
    let results = try CentersFixture.results()
    let repeated = results.map { $0.findings.contains { $0.detector == RepeatContacts.detector } }
    #expect(repeated == [true, false, false, false, false])
    let finding = try #require(results[0].findings.last)
    #expect(finding.attributes["later_conversation_id"] == "report-1")
    #expect(finding.attributes["shared_terms"] == "2")
    #expect(finding.attributes["days_later"] == "1.0")
  }

  @Test func centersTableMatchesGoldenFile() throws {
    var aggregation = Aggregation()
    for result in try CentersFixture.results() { aggregation.add(result, day: nil) }
    let csv = CSVTableWriter.groupsCSV(aggregation, kind: .center)
    #expect(try GoldenFile.mismatch(csv, golden: ReporterFixture.snapshot("centers.csv")) == nil)
  }

  @Test func markdownShowsTheCentersSideBySide() throws {
    let markdown = MarkdownReport.render(try CentersFixture.report())
    #expect(try GoldenFile.mismatch(markdown, golden: ReporterFixture.snapshot("report/centers.md")) == nil)
    #expect(markdown.contains("## Centers"))
  }

  @Test func htmlShowsTheCentersSideBySide() throws {
    let html = HTMLReport.render(try CentersFixture.report())
    #expect(try GoldenFile.mismatch(html, golden: ReporterFixture.snapshot("report/centers.html")) == nil)
    #expect(html.contains("<a href=\"#centers\">Centers</a>"))
    #expect(html.contains("Manila &lt;Night&gt; | Team"))
  }

  @Test func withoutCentersTheSectionIsLeftOut() throws {
    let report = try ReportFixture.report()
    #expect(!MarkdownReport.render(report).contains("## Centers"))
    #expect(!HTMLReport.render(report).contains("id=\"centers\""))
  }
}
