import EarshotModel
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotReporters

/// report.md quotes names, reasons, evidence, ids and file names from transcripts: none of it may
/// become Markdown or HTML.
@Suite struct MarkdownEscapingTests {
  @Test func codeSpansUseALongerFenceThanAnyBacktickRunInside() {
    #expect(MarkdownText.code("conv-1") == "`conv-1`")
    #expect(MarkdownText.code("a`b") == "``a`b``")
    #expect(MarkdownText.code("x``y`") == "``` x``y` ```")
    #expect(MarkdownText.code("`") == "`` ` ``")
    #expect(MarkdownText.code("two\nlines") == "`two lines`")
  }

  @Test func textEscapesHTMLAndMarkdown() {
    #expect(MarkdownText.text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    #expect(MarkdownText.text("a | b *c* [d](e) `f` \\ ~g~") == #"a \| b \*c\* \[d\](e) \`f\` \\ \~g\~"#)
    #expect(MarkdownText.text("premature_pitch _x_") == #"premature_pitch \_x\_"#)
    #expect(MarkdownText.text("line\nbreak\u{1B}") == "line break ")
    #expect(MarkdownText.text("Tom & Jerry's") == "Tom &amp; Jerry's")
  }

  @Test func hostileTranscriptMatchesGoldenFile() throws {
    let markdown = MarkdownReport.render(try HostileReport.report())
    #expect(try GoldenFile.mismatch(markdown, golden: ReporterFixture.snapshot("report/hostile.md")) == nil)
    // What an attacker controls never opens HTML or breaks out of its code span.
    #expect(!markdown.contains("<script"))
    #expect(!markdown.contains("<img"))
    #expect(markdown.contains("``conv`1``"))
  }
}

/// One conversation whose every quoted field is hostile.
enum HostileReport {
  static func report() throws -> ListeningReport {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.dateDecodingStrategy = .iso8601
    let evidence = "<script>alert('x')</script> see *this* | [link](http://evil)\nnext line"
    let object: [String: Any] = [
      "schema_version": 1, "tool_version": "0.0.0-test", "conversation_id": "conv`1", "channel": "chat",
      "company": "Acme <b>Bold</b> | Co", "source_file": "exports/`rm -rf`.txt", "agents": ["Eve *star* <img src=x>"],
      "roles_guessed": false, "turn_count": 2, "started_at": "2024-03-01T10:00:00Z",
      "score": ["value": 40.0, "breakdown": [] as [Any]],
      "findings": [
        [
          "detector": "non_answer", "category": "answers", "severity": "major",
          "reason": "Talked past <i>the</i> question `again`", "attributes": [:] as [String: String],
          "evidence": [
            [
              "turn": 1, "speaker": "Eve *star* <img src=x>", "role": "agent", "note": "reply",
              "span": ["start": 0, "end": evidence.utf8.count, "text": evidence],
            ] as [String: Any]
          ],
        ] as [String: Any]
      ],
      "metrics": [
        "customer_turns": 1, "agent_turns": 1, "questions": 1, "non_answers": 1, "premature_pitches": 0,
        "promises_made": 0, "promises_kept": 0, "promises_broken": 0, "first_response_seconds": 60,
      ],
    ]
    let result = try decoder.decode(ConversationResult.self, from: try JSONSerialization.data(withJSONObject: object))
    var aggregation = Aggregation()
    aggregation.add(result, day: nil)
    let key = GroupKey(kind: .agent, company: result.company ?? "", name: result.agents[0])
    return ListeningReport(
      generatedAt: Date(timeIntervalSince1970: 1_709_800_000),
      latestRun: ListeningReport.Run(
        id: 1, finishedAt: Date(timeIntervalSince1970: 1_709_790_000), summary: "1 new <file>"),
      aggregation: aggregation, ranking: AgentRanking(), scoreHistogram: [0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
      findings: [ListeningReport.FindingTally(detector: "non_answer", minor: 0, major: 1)], trend: [],
      worstConversations: [key: [result]])
  }
}
