import EarshotModel
import EarshotReporters
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

/// A fixed set of scored conversations across agents, companies and two runs, for the report.
enum ReportFixture {
  /// (company, agent, score, findings as (detector, severity, reason, evidence text)); fixed values,
  /// so the golden files do not move when the detectors are tuned.
  static let conversations:
    [(company: String, agent: String, score: Double, findings: [(String, String, String, String)])] = [
      (
        "Acme Broadband", "Carl", 41.5,
        [
          (
            "premature_pitch", "major", "The agent pitched an upgrade before the problem was solved.",
            "Did you know we also have a Premium plan?"
          ),
          ("non_answer", "major", "The question was not answered.", "Why is it down?"),
        ]
      ),
      ("Acme Broadband", "Carl", 100, []),
      ("Acme Broadband", "Dana", 92, [("response_time", "minor", "The customer waited 24 minutes.", "When?")]),
      (
        "Globex <Mobile>", "Eve", 55,
        [("non_answer", "major", "The reply deflects to the FAQ & talks past \"why\".", "Please see our FAQ")]
      ),
      ("Globex <Mobile>", "Eve", 85, []),
    ]

  static func results() throws -> [ConversationResult] {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.dateDecodingStrategy = .iso8601
    return try conversations.enumerated().map { index, item in
      let object: [String: Any] = [
        "schema_version": 1, "tool_version": "0.0.0-test", "conversation_id": "report-\(index)", "channel": "chat",
        "company": item.company, "source_file": "exports/report-\(index).txt", "agents": [item.agent],
        "roles_guessed": false, "turn_count": 3, "started_at": "2024-03-0\(index + 1)T10:00:00Z",
        "score": ["value": item.score, "breakdown": [] as [Any]],
        "findings": item.findings.map { finding in
          [
            "detector": finding.0, "category": "answers", "severity": finding.1, "reason": finding.2,
            "attributes": [:] as [String: String],
            "evidence": [
              [
                "turn": 1, "speaker": item.agent, "role": "agent", "note": "reply",
                "span": ["start": 0, "end": finding.3.utf8.count, "text": finding.3],
              ] as [String: Any]
            ],
          ] as [String: Any]
        },
        "metrics": [
          "customer_turns": 2, "agent_turns": 1, "questions": 1, "non_answers": item.findings.count,
          "premature_pitches": item.findings.contains { $0.0 == "premature_pitch" } ? 1 : 0, "promises_made": 0,
          "promises_kept": 0, "promises_broken": 0, "first_response_seconds": 60 * (index + 1),
        ],
      ]
      return try decoder.decode(ConversationResult.self, from: try JSONSerialization.data(withJSONObject: object))
    }
  }

  static func report() throws -> ListeningReport {
    let results = try results()
    var aggregation = Aggregation()
    var histogram = Array(repeating: 0, count: 10)
    var tallies: [String: (minor: Int, major: Int)] = [:]
    for result in results {
      aggregation.add(result, day: nil)
      histogram[min(Int(result.score.value / 10), 9)] += 1
      for finding in result.findings where finding.severity != .info {
        tallies[finding.detector, default: (0, 0)].minor += finding.severity == .minor ? 1 : 0
        tallies[finding.detector, default: (0, 0)].major += finding.severity == .major ? 1 : 0
      }
    }
    var worst: [GroupKey: [ConversationResult]] = [:]
    for result in results.sorted(by: { $0.score.value < $1.score.value }) {
      for agent in result.agents {
        worst[GroupKey(kind: .agent, company: result.company ?? "", name: agent), default: []].append(result)
      }
    }
    let day = 86_400.0
    let base = Date(timeIntervalSince1970: 1_709_600_000)
    let trend = [
      ListeningReport.TrendPoint(
        runID: 1, finishedAt: base, company: "Acme Broadband", meanScore: 71.5, conversations: 2),
      ListeningReport.TrendPoint(
        runID: 1, finishedAt: base, company: "Globex <Mobile>", meanScore: 88, conversations: 1),
      ListeningReport.TrendPoint(
        runID: 2, finishedAt: base + day, company: "Acme Broadband", meanScore: 76.25, conversations: 3),
      ListeningReport.TrendPoint(
        runID: 2, finishedAt: base + day, company: "Globex <Mobile>", meanScore: 70, conversations: 2),
    ]
    return ListeningReport(
      generatedAt: base + 2 * day,
      latestRun: ListeningReport.Run(id: 2, finishedAt: base + day, summary: "2 new, 0 changed files"),
      aggregation: aggregation, ranking: AgentRanking(), scoreHistogram: histogram,
      findings: tallies.sorted { $0.key < $1.key }.map {
        ListeningReport.FindingTally(detector: $0.key, minor: $0.value.minor, major: $0.value.major)
      }, trend: trend, worstConversations: worst.mapValues { Array($0.prefix(2)) })
  }
}

@Suite struct ReportTests {
  @Test func htmlMatchesGoldenFile() throws {
    let html = HTMLReport.render(try ReportFixture.report())
    #expect(try GoldenFile.mismatch(html, golden: ReporterFixture.snapshot("report/report.html")) == nil)
  }

  @Test func markdownMatchesGoldenFile() throws {
    let markdown = MarkdownReport.render(try ReportFixture.report())
    #expect(try GoldenFile.mismatch(markdown, golden: ReporterFixture.snapshot("report/report.md")) == nil)
  }

  @Test func htmlIsSelfContained() throws {
    let html = HTMLReport.render(try ReportFixture.report())
    for external in ["<script src", "<link", "src=", "@import", "url(", "https://"] {
      #expect(!html.contains(external), "\(external)")
    }
    // The only URL is the SVG namespace, which browsers never fetch.
    let urls = html.components(separatedBy: "http://").dropFirst().map { $0.prefix(22) }
    #expect(urls.allSatisfy { $0 == "www.w3.org/2000/svg\" v" })
    #expect(html.contains("<svg"))
    #expect(html.contains("Globex &lt;Mobile&gt;"))
    #expect(!html.contains("Globex <Mobile>"))
  }

  @Test func everyAgentLinkHasItsAnchor() throws {
    let html = HTMLReport.render(try ReportFixture.report())
    let links = Set(
      html.components(separatedBy: "href=\"#agent-").dropFirst().compactMap { $0.split(separator: "\"").first })
    let anchors = Set(
      html.components(separatedBy: "id=\"agent-").dropFirst().compactMap { $0.split(separator: "\"").first })
    #expect(!links.isEmpty)
    #expect(links == anchors)
  }

  @Test func renderingIsStable() throws {
    let report = try ReportFixture.report()
    #expect(HTMLReport.render(report) == HTMLReport.render(report))
  }
}

/// A report over 100,000 conversations and 5,000 agents stays one small page.
@Suite struct LargeReportTests {
  static func report() throws -> ListeningReport {
    let samples = try ReportFixture.results()
    var aggregation = Aggregation()
    var worst: [GroupKey: [ConversationResult]] = [:]
    for index in 0..<100_000 {
      var result = samples[index % samples.count]
      let agent = index % 5_000 == 4_999 ? "</script><b>Mallory" : "Agent \(index % 5_000)"
      result.agents = [agent]
      result.company = "Company \(index % 50)"
      result.score.value = Double((index * 7919) % 101)
      aggregation.add(result, day: nil)
      let key = GroupKey(kind: .agent, company: result.company ?? "", name: agent)
      if worst[key, default: []].count < 3 { worst[key, default: []].append(result) }
    }
    return ListeningReport(
      generatedAt: Date(timeIntervalSince1970: 1_709_600_000), latestRun: nil, aggregation: aggregation,
      ranking: AgentRanking(), scoreHistogram: Array(repeating: 10_000, count: 10), findings: [], trend: [],
      worstConversations: worst)
  }

  @Test func pagesStayUnderOneMegabyteAndKeepEveryAgentSearchable() throws {
    let report = try Self.report()
    let html = HTMLReport.render(report)
    let markdown = MarkdownReport.render(report)
    #expect(html.utf8.count < 1_000_000, "report.html is \(html.utf8.count) bytes")
    #expect(markdown.utf8.count < 100_000, "report.md is \(markdown.utf8.count) bytes")
    // Every agent is in the searchable data, one row each.
    let data = try #require(
      html.components(separatedBy: "<script type=\"application/json\" id=\"agent-data\">").last?
        .components(separatedBy: "</script>").first)
    let rows = try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [[Any]]
    #expect(rows?.count == 5_000)
    #expect(rows?.first?.first as? Int == 1)
    // A name cannot close the script element or inject markup.
    #expect(!html.contains("</script><b>Mallory"))
    #expect(data.contains("\\u003c/script\\u003e\\u003cb\\u003eMallory"))
    // The tables show the best and the worst, and say where the rest are.
    #expect(markdown.contains("4980 more agents"))
    #expect(markdown.contains("`agents.csv`"))
    #expect(html.contains("4980 more agents"))
  }
}
