import EarshotDetectors
import EarshotModel
import EarshotReaders
import EarshotReporters
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

/// Scores a fixed conversation so reporter output can be compared with golden files.
enum ReporterFixture {
  static let chatLog = """
    # id: golden-1
    # channel: chat
    # company: Acme "Quoted", Inc
    # date: 2024-03-04
    [10:15] Customer Priya: My internet has been down since yesterday. Why is it down?
    [10:16] Agent Carl: Did you know we also have a Premium plan? You can upgrade today for 20% off.
    [10:19] Agent Carl: There is an outage in your area; engineers expect it fixed by 2pm today.
    [10:20] Customer Priya: OK, thanks.
    """

  static func scored() throws -> (ConversationResult, Conversation) {
    let conversation = try #require(try ChatLogReader().parse(text: chatLog, path: "golden.txt").first)
    let scorer = ConversationScorer(
      analyzer: ConversationAnalyzer(resources: try AnalysisResources.loadDefault()),
      detectors: DetectorRegistry.builtIn.map { $0.makeDefault() }, weights: ScoringWeights(), toolVersion: "0.0.0-test"
    )
    return (scorer.score(conversation).result, conversation)
  }

  static func snapshot(_ name: String) throws -> URL {
    let folder = try #require(Bundle.module.url(forResource: "Snapshots", withExtension: nil))
    // Compare against the source tree's copy so re-recording updates the file under version control.
    let source = PackagePaths.root.appendingPathComponent("Tests/EarshotReportersTests/Snapshots/\(name)")
    return FileManager.default.fileExists(atPath: source.deletingLastPathComponent().path)
      ? source : folder.appendingPathComponent(name)
  }
}

@Suite struct ReporterTests {
  @Test func jsonResultMatchesGoldenFile() throws {
    let (result, _) = try ReporterFixture.scored()
    let json = try JSONResultEncoder.pretty(result)
    let mismatch = try GoldenFile.mismatch(json, golden: ReporterFixture.snapshot("golden-1.json"))
    #expect(mismatch == nil, "\(mismatch ?? "")")
  }

  @Test func jsonResultIsVersionedAndRoundTrips() throws {
    let (result, _) = try ReporterFixture.scored()
    let line = try JSONResultEncoder.line(result)
    #expect(!line.dropLast().contains("\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["schema_version"] as? Int == ConversationResult.schemaVersion)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.dateDecodingStrategy = .iso8601
    #expect(try decoder.decode(ConversationResult.self, from: Data(line.utf8)) == result)
  }

  @Test func terminalViewMatchesGoldenFile() throws {
    let (result, conversation) = try ReporterFixture.scored()
    let text = TerminalReporter(colors: false).render(result, conversation: conversation)
    let mismatch = try GoldenFile.mismatch(text, golden: ReporterFixture.snapshot("golden-1.txt"))
    #expect(mismatch == nil, "\(mismatch ?? "")")
    #expect(text.contains("premature_pitch"))
    #expect(text.contains("\"Did you know we also have a Premium plan? You can upgrade today for 20% off.\""))
  }

  @Test func csvTablesQuoteAndMatchGoldenFiles() throws {
    let (result, _) = try ReporterFixture.scored()
    var aggregation = Aggregation()
    aggregation.add(result, day: "2024-03-04")
    let agents = CSVTableWriter.agentsCSV(aggregation, ranking: AgentRanking())
    let companies = CSVTableWriter.groupsCSV(aggregation, kind: .company)
    #expect(try GoldenFile.mismatch(agents, golden: ReporterFixture.snapshot("agents.csv")) == nil)
    #expect(try GoldenFile.mismatch(companies, golden: ReporterFixture.snapshot("companies.csv")) == nil)
    #expect(companies.contains("\"Acme \"\"Quoted\"\", Inc\""))
  }

  @Test func csvRowQuoting() {
    #expect(CSVTableWriter.row(["a", "b,c", "say \"hi\"", "x\ny"]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"")
  }
}
