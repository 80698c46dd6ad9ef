import EarshotDetectors
import EarshotModel
import EarshotReaders
import EarshotText
import Testing

@Suite struct CorpusStatisticsTests {
  let canned =
    "Agent: We are sorry for any inconvenience caused. Please send us a DM with your account details and we will look into it."

  func conversations(_ count: Int, agentLine: (Int) -> String) throws -> [Conversation] {
    try (0..<count).map { index in
      try #require(
        try ChatLogReader().parse(text: "Customer: problem number \(index) with my router\n\(agentLine(index))").first)
    }
  }

  @Test func nearDuplicateRepliesBecomeTemplates() throws {
    var builder = CorpusStatisticsBuilder(stopwords: DetectorHarness.resources.lexicons.stopwords)
    for conversation in try conversations(6, agentLine: { _ in canned }) { builder.add(conversation) }
    let statistics = builder.build(templateMinimumConversations: 5)
    // A light edit is still the same template.
    let edited = TokenizedText(
      "We are so sorry for any inconvenience caused. Please send us a DM with your account details and we will look into it."
    )
    let fingerprint = try #require(SimHash.fingerprint(edited))
    #expect(statistics.isTemplate(fingerprint))
    #expect(statistics.templateUses(fingerprint) == 6)
    let other = try #require(
      SimHash.fingerprint(
        TokenizedText("Hold the reset button for ten seconds, then open the router page and log in again.")))
    #expect(!statistics.isTemplate(other))
  }

  @Test func rareStemsWeighMore() throws {
    var builder = CorpusStatisticsBuilder(stopwords: DetectorHarness.resources.lexicons.stopwords)
    for conversation in try conversations(
      150, agentLine: { "Agent: router fix \($0 % 7 == 0 ? "firmware" : "restart")" })
    {
      builder.add(conversation)
    }
    let statistics = builder.build()
    #expect(statistics.documents == 300)
    #expect(statistics.idf("firmwar") > statistics.idf("router"))
    #expect(CorpusStatistics.empty.idf("firmwar") > CorpusStatistics.empty.idf("fix"))
  }

  @Test func cannedReplyIsANonAnswer() throws {
    var builder = CorpusStatisticsBuilder(stopwords: DetectorHarness.resources.lexicons.stopwords)
    for conversation in try conversations(6, agentLine: { _ in canned }) { builder.add(conversation) }
    let resources = DetectorHarness.resources.with(corpus: builder.build())
    let conversation = try #require(
      try ChatLogReader().parse(text: "Customer: When does the store on Main Street open on Sunday?\n\(canned)").first)
    let findings = NonAnswerDetector().findings(in: ConversationAnalyzer(resources: resources).analyze(conversation))
    let finding = try #require(findings.first)
    #expect(finding.reason.contains("canned reply used in 6 conversations"), "\(finding.reason)")
  }
}
