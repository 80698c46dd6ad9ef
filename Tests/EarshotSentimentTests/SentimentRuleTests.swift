import EarshotText
import Testing

@testable import EarshotSentiment

/// Each valence rule on minimal pairs.
@Suite struct SentimentRuleTests {
  let analyzer: SentimentAnalyzer

  init() throws {
    analyzer = try SentimentAnalyzer.loadDefault()
  }

  func compound(_ text: String) -> Double {
    analyzer.score(TokenizedText(text)).compound
  }

  @Test func lexiconWordsCarryTheirSign() {
    #expect(compound("good") > 0.05)
    #expect(compound("terrible") < -0.05)
    #expect(compound("the table") == 0)
  }

  @Test func negationFlipsAndDamps() {
    #expect(compound("not good") < -0.05)
    #expect(compound("not bad") > 0.05)
    // "not bad" is milder than "good": a negated negative is damped more than a negated positive.
    #expect(compound("not bad") < compound("good"))
    #expect(compound("it isn't good") < -0.05)
    #expect(compound("it isn’t good") < -0.05)  // typographic apostrophe
  }

  @Test func negationReachesThreeWordsWithinTheClause() {
    #expect(compound("not a very good day") < 0)
    #expect(compound("not only that, it is good") > 0)
  }

  @Test func doubleNegationCancels() {
    #expect(compound("I am not unhappy") > 0.05)
    #expect(compound("never fails") > 0.05)
  }

  @Test func neverSoIsEmphasisNotNegation() {
    #expect(compound("never so good") > compound("good"))
    #expect(compound("never good") < 0)
  }

  @Test func leastNegatesButAtLeastDoesNot() {
    #expect(compound("the least compelling") < 0)
    #expect(compound("at least compelling") > 0)
  }

  @Test func boostersAndDampeners() {
    #expect(compound("very good") > compound("good"))
    #expect(compound("kind of good") < compound("good"))
    #expect(compound("kind of good") > 0.05)
    #expect(compound("very bad") < compound("bad"))
  }

  @Test func capitalsEmphasizeInMixedCase() {
    #expect(compound("The food was GOOD") > compound("The food was good"))
    // All-caps text is not emphasis, just caps lock.
    #expect(compound("THE FOOD WAS GOOD") == compound("the food was good"))
  }

  @Test func exclamationAndQuestionMarks() {
    #expect(compound("GOOD!!!") > compound("good"))
    #expect(compound("good!") > compound("good"))
    #expect(compound("good!!!!!!!!") == compound("good!!!!"))  // at most four count
    #expect(compound("bad??") < compound("bad"))  // a positive question is a request: see below
  }

  @Test func contrastiveButWeighsTheSecondClause() {
    #expect(compound("good, but slow") < compound("good"))
    #expect(compound("good, but terrible") < 0)
    #expect(compound("terrible, but good") > 0)
    #expect(compound("The plot was bad; however, the acting was great") > 0)
  }

  @Test func emoticonsAndEmoji() {
    #expect(compound("ok :)") > compound("ok"))
    #expect(compound("ok :(") < 0)
    #expect(compound("😊") > 0.05)
    #expect(compound("😢") < -0.05)
    #expect(compound("👍🏽") > 0.05)  // skin-tone modifier falls back to the base emoji
    #expect(compound("&lt;3") > 0.05)  // HTML-escaped heart
  }

  @Test func splitEmoticonsNeedNoSpaces() {
    #expect(compound(":l") < 0)
    #expect(compound(": l") == 0)
  }

  @Test func hashtagsAreLookedUp() {
    #expect(compound("#fail") < -0.05)
  }

  @Test func idiomsReplaceTheirWords() {
    #expect(compound("Glee is the shit") > 0.05)
    #expect(compound("I can't wait") > 0.05)
    #expect(compound("thanks for nothing") < -0.05)
    #expect(compound("yeah right") < -0.05)
  }

  @Test func likeAsPrepositionIsWeak() {
    #expect(compound("it looks like rain") < 0.2)
    #expect(compound("it looks like rain") < compound("I like rain"))
    #expect(compound("I like it") > 0.05)
    #expect(compound("I don't like it") < -0.05)
  }

  @Test func positiveQuestionsAreRequests() {
    #expect(compound("Is there special assistance?") < compound("There is special assistance."))
    #expect(compound("Is there special assistance?") > 0)
    // A negative question keeps its weight: "why is it broken?" is a complaint.
    #expect(compound("Why is it broken?") < compound("It is broken."))
  }

  @Test func bareNegationReportsAFailure() {
    #expect(compound("I can't log in") < -0.05)
    #expect(compound("I can log in") == 0)
  }

  @Test func thanksDoesNotOffsetAComplaint() {
    #expect(compound("Thanks for the terrible delay") < compound("The terrible delay") + 1e-9)
    #expect(compound("Thanks for the help") > 0.05)
  }

  @Test func proportionsSumToOne() {
    let score = analyzer.score(TokenizedText("The food was good but the service was terrible."))
    #expect(abs(score.positive + score.neutral + score.negative - 1) < 1e-9)
  }

  @Test func longTextsDoNotSaturate() {
    let three = String(repeating: "This is terrible. ", count: 3)
    let fifty = String(repeating: "This is terrible. ", count: 50)
    #expect(abs(compound(fifty) - compound(three)) < 1e-9)
    #expect(compound(fifty) > -0.95)
    // One positive sentence among many neutral ones keeps its sign and strength.
    let diluted = "Thanks, that was great. " + String(repeating: "The parcel is in the box. ", count: 40)
    #expect(abs(compound(diluted) - compound("Thanks, that was great.")) < 1e-9)
  }

  @Test func scoreSentencesAndAggregate() {
    let text = TokenizedText("Great service. The box arrived. Awful packaging!")
    let sentences = analyzer.scoreSentences(text)
    #expect(sentences.count == 3)
    #expect(sentences[1] == .neutral)
    #expect(SentimentAnalyzer.aggregate(sentences) == analyzer.score(text))
  }

  @Test func cuesPointAtTheWords() {
    let text = TokenizedText("It is not good.")
    let cues = analyzer.cues(text)
    #expect(cues.count == 1)
    #expect(cues.first.map { text.string($0.byteRange) } == "good")
    #expect(cues.first?.negated == true)
    #expect((cues.first?.valence ?? 0) < 0)
  }

  @Test func polarityThresholds() {
    #expect(SentimentScore(compound: 0.06, positive: 1, neutral: 0, negative: 0).polarity == .positive)
    #expect(SentimentScore(compound: 0.05, positive: 1, neutral: 0, negative: 0).polarity == .neutral)
    #expect(SentimentScore(compound: -0.06, positive: 0, neutral: 0, negative: 1).polarity == .negative)
  }
}
