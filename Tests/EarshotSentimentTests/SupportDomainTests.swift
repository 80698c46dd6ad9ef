import EarshotModel
import EarshotText
import Testing

@testable import EarshotSentiment

/// VADER's known misses and the support-domain lexicons.
@Suite struct SupportDomainTests {
  let analyzer: SentimentAnalyzer

  init() throws {
    analyzer = try SentimentAnalyzer.loadDefault()
  }

  func compound(_ text: String) -> Double {
    analyzer.score(TokenizedText(text)).compound
  }

  @Test func vaderKnownMisses() {
    #expect(compound("no problem") > 0.05)
    #expect(compound("No problems at all, thanks") > 0.05)
    #expect(compound("kindly refund my money") < 0)  // "kindly" is a request, not praise
    #expect(compound("please help") == 0)
    #expect(compound("no worries") > 0.05)
  }

  @Test(arguments: [
    "It is still not working.", "This is the third time I call about this.", "I was on hold for an hour.",
    "I want to cancel my account.", "I want a refund.", "Please escalate this.", "My flight was delayed again.",
    "Nobody answers, I keep getting hung up on.",
  ])
  func supportComplaintsAreNegative(_ text: String) {
    #expect(compound(text) < -0.05, "\(text)")
  }

  @Test(arguments: [
    "That did the trick, thanks!", "It's finally fixed.", "It works now.", "Problem solved.",
  ])
  func supportResolutionsArePositive(_ text: String) {
    #expect(compound(text) > 0.05, "\(text)")
  }

  @Test func wordsInsideAPhraseNegateNothingLater() {
    let text = TokenizedText("It's still not working :( I've been on hold for an hour.")
    #expect(analyzer.cues(text).allSatisfy { !$0.negated })
    #expect(analyzer.cues(text).allSatisfy { $0.valence < 0 })
  }

  @Test func layersCanBeLeftOut() throws {
    let general = try SentimentAnalyzer.loadDefault(additions: [:], without: ["support-phrases", "support-overrides"])
    // Only the bare-negation rule is left: negative, but much weaker than the support phrase.
    #expect(general.score(TokenizedText("still not working")).compound > compound("still not working") + 0.2)
    #expect(general.score(TokenizedText("kindly")).compound > 0)
    #expect(general.lexicon.layers.count == SentimentLexicon.defaultValenceFiles.count - 2)
  }

  @Test func unknownLayerIsAnError() {
    #expect(throws: (any Error).self) { try SentimentLexicon.loadDefault(additions: [:], without: ["nope"]) }
  }

  @Test func userAdditionsOverrideEveryFile() throws {
    let lexicon = try SentimentLexicon.loadDefault(additions: ["earshot": 3, "kindly": 2, "ticket closed": -1])
    let custom = SentimentAnalyzer(lexicon: lexicon)
    #expect(custom.score(TokenizedText("earshot")).compound > 0.05)
    #expect(custom.score(TokenizedText("kindly")).compound > 0.05)
    #expect(custom.score(TokenizedText("the ticket closed")).compound < -0.05)
  }

  @Test func publicInitStillWorks() {
    var valences = PhraseMatcher<Double>()
    valences.add("splendid", 3)
    var negations = TermTable<Bool>()
    negations.set("not", true)
    let lexicon = SentimentLexicon(valences: valences, negations: negations, boosters: PhraseMatcher<Double>())
    let custom = SentimentAnalyzer(lexicon: lexicon)
    #expect(custom.score(TokenizedText("splendid")).compound > 0.05)
    #expect(custom.score(TokenizedText("not splendid")).compound < -0.05)
  }
}

/// Per-side sentiment, trajectory and emotions of a conversation.
@Suite struct ConversationSentimentTests {
  let scorer: ConversationSentiment

  init() throws {
    scorer = try ConversationSentiment.loadDefault()
  }

  func conversation(_ turns: [(ParticipantRole, String)]) -> Conversation {
    Conversation(
      id: "c1", channel: .chat, sourceFile: "test",
      participants: [Participant(id: "cust", role: .customer), Participant(id: "agent", role: .agent)],
      turns: turns.enumerated().map { index, turn in
        Turn(index: index, speaker: turn.0 == .customer ? "cust" : "agent", role: turn.0, text: turn.1)
      })
  }

  @Test func sidesTrajectoryAndEmotions() {
    let report = scorer.analyze(
      conversation([
        (.customer, "My router is still not working and I'm so frustrated."),
        (.agent, "I'm sorry to hear that. I understand how frustrating this is."),
        (.customer, "This is the third time I call."),
        (.agent, "I have reset the line from our side."),
        (.customer, "Ok, that did the trick! Thank you so much."),
      ]))
    #expect(report.turns.count == 5)
    #expect(report.customer.turnCount == 3)
    #expect(report.agent.turnCount == 2)
    // Formulaic agent empathy is not the agent's own negativity.
    #expect(report.turns[1].score.compound == 0)
    #expect(report.turns[0].score.compound < -0.05)
    #expect(report.turns[4].score.compound > 0.05)
    #expect(report.trajectory?.direction == .improved)
    #expect(report.trajectory?.startTurns == [0])
    #expect(report.trajectory?.endTurns == [4])
    let firstTurn = Array("My router is still not working and I'm so frustrated.".utf8)
    let frustrated = report.turns[0].emotions.filter { $0.emotion == .frustrated }
    #expect(frustrated.map { String(decoding: firstTurn[$0.byteRange], as: UTF8.self) }.contains("frustrated"))
    #expect(report.turns[4].emotions.contains { $0.emotion == .grateful })
    #expect(report.turns[4].emotions.contains { $0.emotion == .relieved })
  }

  @Test func negatedEmotionIsIgnored() throws {
    let lexicon = try EmotionLexicon.loadDefault()
    #expect(lexicon.cues(in: TokenizedText("I'm not worried at all")).isEmpty)
    #expect(lexicon.cues(in: TokenizedText("I'm worried")).first?.emotion == .anxious)
  }

  @Test func trajectoryNeedsTwoCustomerTurns() {
    let report = scorer.analyze(conversation([(.customer, "Hello"), (.agent, "Hi, how can I help?")]))
    #expect(report.trajectory == nil)
  }
}
