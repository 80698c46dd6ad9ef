import EarshotTestSupport
import Foundation
import Testing

/// Inputs that once stopped a whole run with a runtime trap (exit 132): each must now be reported
/// with its file and place (exit 2) while every other file is still scored.
@Suite struct HostileInputTests {
  /// The reproducers of issue 15, kept as reader fixtures (relative to the package root).
  static let folder = "Tests/EarshotReadersTests/Fixtures/hostile"

  /// Each reproducer, the place its diagnostic must name, and words of what was expected there.
  static let reproducers: [(file: String, place: String, expected: String)] = [
    ("min-chatlog-hour-huge2.txt", "min-chatlog-hour-huge2.txt:4:2: error:", "expected a time such as 10:32"),
    ("min-genesys-timeshift-1e300.xml", "min-genesys-timeshift-1e300.xml:2: error:", "turn 2: expected a time between"),
    (
      "min-json-wait-1e300.json", "min-json-wait-1e300.json:1:172: error: at turns[1].at",
      "expected epoch seconds or milliseconds between years 1 and 9999"
    ),
  ]

  @Test(arguments: reproducers.map(\.file))
  func scoreReportsTheReproducerAndExitsTwo(_ name: String) throws {
    let reproducer = try #require(Self.reproducers.first { $0.file == name })
    let run = try EarshotProcess.run(["score", "\(Self.folder)/\(name)"])
    #expect(run.status == 2, "stderr: \(run.stderr)")
    #expect(run.stderr.contains(reproducer.place), "stderr: \(run.stderr)")
    #expect(run.stderr.contains(reproducer.expected), "stderr: \(run.stderr)")
  }

  @Test func batchScoresTheGoodFilesBesideEveryReproducer() throws {
    let input = try TemporaryDirectory()
    for reproducer in Self.reproducers {
      try FileManager.default.copyItem(
        atPath: PackagePaths.root.appendingPathComponent("\(Self.folder)/\(reproducer.file)").path,
        toPath: input.path(reproducer.file))
    }
    for good in ["chat/02-premature-upsell.txt", "json/09-listened-email.json"] {
      try FileManager.default.copyItem(
        atPath: PackagePaths.corpora.appendingPathComponent(good).path,
        toPath: input.path(URL(fileURLWithPath: good).lastPathComponent))
    }
    let output = try TemporaryDirectory()
    let run = try EarshotProcess.run(["batch", input.url.path, "--out", output.url.path])
    #expect(run.status == 2, "stderr: \(run.stderr)")
    let conversations = try String(contentsOfFile: output.path("conversations.jsonl"), encoding: .utf8)
    #expect(conversations.split(separator: "\n").count == 2)
    #expect(conversations.contains("\"conversation_id\":\"globex-mail-009\""))
    let diagnostics = try String(contentsOfFile: output.path("diagnostics.jsonl"), encoding: .utf8)
    for reproducer in Self.reproducers {
      #expect(diagnostics.contains(reproducer.file), "no diagnostic for \(reproducer.file): \(diagnostics)")
    }
    #expect(diagnostics.contains("\"line\":4"))
  }

  @Test func aTimeZoneBeyondAnyOffsetIsADiagnosticNotAnOverflow() throws {
    let input = try TemporaryDirectory()
    let path = try input.write(
      "zone.txt",
      """
      # id: z
      # timezone: +999999999999999999
      [10:15] Customer Dana: where is my order?
      [10:16] Agent Bob: checking
      """)
    let run = try EarshotProcess.run(["score", path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("zone.txt:2: error: expected a time zone"), "stderr: \(run.stderr)")
  }

  @Test func slackAndIntercomTimesBeyondTheCalendarAreDiagnostics() throws {
    let input = try TemporaryDirectory()
    try input.write("slack/users.json", #"[{"id":"U1","name":"dana"},{"id":"U2","name":"bob"}]"#)
    try input.write("slack/channels.json", #"[{"id":"C1","name":"support"}]"#)
    try input.write(
      "slack/support/2024-03-04.json",
      #"[{"type":"message","user":"U1","text":"where is my order?","ts":"1709542920.000100"},"#
        + #"{"type":"message","user":"U2","text":"it ships today","ts":"1e300"}]"#)
    try input.write(
      "intercom.json",
      #"{"type":"conversation","id":"147","created_at":1400850973,"#
        + #""user":{"type":"user","id":"u1"},"conversation_message":{"type":"chat","body":"<p>Where is my order?</p>","#
        + #""author":{"type":"user","id":"u1"}},"conversation_parts":{"conversation_parts":[{"id":"1","#
        + #""part_type":"comment","body":"<p>It ships today.</p>","created_at":"inf","#
        + #""author":{"type":"admin","id":"25"}}]}}"#)
    let output = try TemporaryDirectory()
    let run = try EarshotProcess.run(["batch", input.url.path, "--out", output.url.path])
    #expect(run.status == 2, "stderr: \(run.stderr)")
    // The readers name the value's line and column and leave that time empty.
    #expect(
      run.stderr.contains("2024-03-04.json:1:145: error: at [1].ts: expected epoch seconds"), "stderr: \(run.stderr)")
    #expect(
      run.stderr.contains("intercom.json:1:322: error: at conversation_parts.conversation_parts[0].created_at"),
      "stderr: \(run.stderr)")
  }

  @Test func aDeadlineBeyondTheCalendarIsNotChecked() throws {
    let input = try TemporaryDirectory()
    let path = try input.write(
      "promise.txt",
      """
      # id: p
      # date: 2024-03-04
      [10:15] Customer Dana: where is my refund?
      [10:16] Agent Bob: I will email you within 99999999999999999999999 days.
      [10:17] Agent Bob: Or within inf hours, or within nan weeks.
      """)
    let run = try EarshotProcess.run(["score", "--format", "json", path])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("\"conversation_id\" : \"p\"") || run.stdout.contains("\"conversation_id\":\"p\""))
  }

  @Test func anElementWithTooManyAttributesIsRefusedWithItsLine() throws {
    let input = try TemporaryDirectory()
    let attributes = (0..<1_500).map { " a\($0)=\"x\"" }.joined()
    let path = try input.write(
      "attributes.xml",
      """
      <?xml version="1.0"?>
      <chatTranscript startAt="2024-03-04T10:00:00Z" sessionId="s"><newParty userId="1"><userInfo userType="CLIENT"/></newParty>
      <message userId="1" timeShift="1"\(attributes)><msgText>where is my order?</msgText></message>
      </chatTranscript>
      """)
    let run = try EarshotProcess.run(["score", path])
    #expect(run.status == 2)
    #expect(
      run.stderr.contains("attributes.xml:3: error: an element has more than 1000 attributes"), "stderr: \(run.stderr)")
  }

  @Test func turnsBeyondTheConfiguredLimitAreLeftOutWithADiagnostic() throws {
    let input = try TemporaryDirectory()
    let configuration = try input.write("earshot.yml", "version: 1\ninput:\n  max_turns: 2\n")
    let path = try input.write(
      "long.txt",
      """
      # id: long
      Customer: where is my order?
      Agent: it ships today.
      Customer: thanks!
      Agent: you're welcome.
      """)
    let run = try EarshotProcess.run(["score", "--config", configuration, "--format", "json", path])
    #expect(run.status == 2)
    #expect(
      run.stderr.contains("long.txt:4: error: conversation 'long' has 4 turns, more than the limit of 2"),
      "stderr: \(run.stderr)")
    #expect(run.stdout.contains("\"customer_turns\" : 1") || run.stdout.contains("\"customer_turns\":1"))
  }
}
