import EarshotDetectors
import EarshotModel
import EarshotPrivacy
import EarshotReaders
import EarshotScoring
import Foundation
import Testing

/// The transform the pipeline applies after scoring: a real conversation scored by every detector,
/// then redacted. Nothing personal may reach the JSON; the findings must be the same findings.
@Suite struct ResultRedactionTests {
  static let chatLog = """
    # id: privacy-1
    # channel: chat
    # company: Acme
    # date: 2024-03-04
    [10:15] Customer jane.doe@example.com: Why was my card 4111 1111 1111 1111 charged twice for order #112-4455667-8899001? Please call me on 020 7946 0958.
    [10:16] Agent Carl: Did you know we also have a Premium plan? You can upgrade today for 20% off.
    [10:18] Customer jane.doe@example.com: I asked why I was charged twice. Refund it to GB82 WEST 1234 5698 7654 32 or call +1 (202) 555-0173.
    [10:25] Agent Carl: I will look into it and get back to you by 2pm today.
    [10:26] Customer jane.doe@example.com: ok. my email is jane.doe@example.com if that helps
    """

  static let personal = [
    "jane.doe@example.com", "4111 1111 1111 1111", "020 7946 0958", "GB82 WEST 1234 5698 7654 32",
    "(202) 555-0173", "7946 0958", "1111 1111",
  ]

  static func scored() throws -> (ConversationResult, Conversation) {
    let conversation = try #require(try ChatLogReader().parse(text: chatLog, path: "privacy.txt").first)
    let scorer = ConversationScorer(
      analyzer: ConversationAnalyzer(resources: try AnalysisResources.loadDefault()),
      detectors: DetectorRegistry.builtIn.map { $0.makeDefault() }, weights: ScoringWeights(), toolVersion: "0.0.0-test"
    )
    return (scorer.score(conversation).result, conversation)
  }

  /// The result as `conversations.jsonl` and the store write it.
  static func json(_ result: ConversationResult) throws -> String {
    String(decoding: try JSONCoding.encoder().encode(result), as: UTF8.self)
  }

  @Test func nothingPersonalReachesTheJSONAndTheFindingsStayTheSame() throws {
    let (result, conversation) = try Self.scored()
    let original = try Self.json(result)
    // The detectors quoted personal data in their evidence: redaction has something to do.
    #expect(Self.personal.prefix(3).allSatisfy { original.contains($0) })
    let (redacted, redactedConversation) = defaultRedactor.redacting(result, conversation: conversation)
    let json = try Self.json(redacted)
    for value in Self.personal { #expect(!json.contains(value), "\(value) left in \(json)") }
    #expect(defaultRedactor.matches(in: json).isEmpty)
    #expect(json.contains("[CARD]") && json.contains("[PHONE]"))
    // Order numbers and the rest of the evidence stay readable.
    #expect(json.contains("#112-4455667-8899001"))
    // The same findings, pointing at the same words of the original transcript.
    #expect(redacted.findings.count == result.findings.count)
    // Question records quote the customer's words too.
    #expect(result.questions.contains { $0.evidence.contains { $0.span.text.contains("4111 1111 1111 1111") } })
    #expect(redacted.questions.map(\.verdict) == result.questions.map(\.verdict))
    #expect(
      redacted.questions.map { $0.evidence.map(\.span.start) } == result.questions.map { $0.evidence.map(\.span.start) }
    )
    for (before, after) in zip(result.findings, redacted.findings) {
      #expect(before.detector == after.detector && before.category == after.category)
      #expect(before.severity == after.severity)
      #expect(before.evidence.map(\.turn) == after.evidence.map(\.turn))
      #expect(before.evidence.map(\.span.start) == after.evidence.map(\.span.start))
      #expect(before.evidence.map(\.span.end) == after.evidence.map(\.span.end))
    }
    #expect(redacted.score == result.score)
    #expect(redacted.metrics == result.metrics)
    // Turns as the store and the terminal view show them.
    for turn in redactedConversation.turns {
      #expect(defaultRedactor.matches(in: turn.text).isEmpty, "\(turn.text)")
      #expect(!turn.speaker.contains("@"))
    }
    #expect(redactedConversation.turns[0].text.contains("[EMAIL]") == false)
    #expect(redactedConversation.turns[0].text.contains("my card [CARD] charged twice"))
    #expect(redactedConversation.turns[4].text == "ok. my email is [EMAIL] if that helps")
    // Agents keep their ids (the report ranks agents by them); the customer's id was her address.
    #expect(
      redactedConversation.participants.filter { $0.role == .agent }
        == conversation.participants.filter { $0.role == .agent })
    #expect(conversation.participants.contains { $0.id.contains("jane.doe@example.com") })
    #expect(!redactedConversation.participants.contains { $0.id.contains("@") })
    #expect(redacted.agents == result.agents)
  }

  @Test func aSpanThatCutsAPhoneNumberStillLosesItsDigits() throws {
    let text = "Our office is on 020 7946 0958 today"
    let turn = Turn(index: 0, speaker: "c", role: .customer, text: text)
    let conversation = Conversation(
      id: "cut", channel: .chat, sourceFile: "cut.txt", participants: [Participant(id: "c", role: .customer)],
      turns: [turn])
    // The span ends inside the number: "…on 020 7946".
    let evidence = Evidence(turn: turn, range: 0..<25)
    let finding = Finding(detector: "x", category: .answers, severity: .minor, reason: "r", evidence: [evidence])
    let (result, _) = try Self.scored()
    var cut = result
    cut.findings = [finding]
    let redacted = defaultRedactor.redacting(cut, conversation: conversation).result
    #expect(evidence.span.text == "Our office is on 020 7946")
    #expect(redacted.findings[0].evidence[0].span.text == "Our office is on [PHONE]")
    // Without the turns, the span alone is all there is to go by: seven digits are no phone shape.
    #expect(defaultRedactor.redacting(cut).findings[0].evidence[0].span.text == "Our office is on 020 7946")
  }

  /// Batch and nightly redact only the result (`redactingResult`), scanning only the turns the
  /// evidence quotes: what they write must be what redacting the whole conversation gives.
  @Test(arguments: [
    PrivacySettings(), PrivacySettings(patterns: ["order": #"#\d{3}-\d{7}"#]),
    PrivacySettings(email: false, card: false),
  ])
  func redactingTheResultAloneWritesTheSameJSON(settings: PrivacySettings) throws {
    let redactor = try Redactor(settings: settings)
    let (result, conversation) = try Self.scored()
    let whole = redactor.redacting(result, conversation: conversation).result
    let alone = redactor.redactingResult(result, conversation: conversation)
    #expect(try Self.json(alone) == Self.json(whole))
    // Something was redacted, so the comparison is not between two untouched results.
    #expect(try Self.json(alone) != Self.json(result))
    // A span that cuts a number is still redacted from its whole turn, as `redacting` does.
    let text = "Our office is on 020 7946 0958 today"
    let turn = Turn(index: 0, speaker: "c", role: .customer, text: text)
    let cutConversation = Conversation(
      id: "cut", channel: .chat, sourceFile: "cut.txt", participants: [Participant(id: "c", role: .customer)],
      turns: [turn])
    var cut = result
    cut.findings = [
      Finding(
        detector: "x", category: .answers, severity: .minor, reason: "r",
        evidence: [Evidence(turn: turn, range: 0..<25)])
    ]
    cut.questions = []
    #expect(
      try Self.json(redactor.redactingResult(cut, conversation: cutConversation))
        == Self.json(redactor.redacting(cut, conversation: cutConversation).result))
  }
}
