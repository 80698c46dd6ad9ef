import EarshotText
import Testing

@testable import EarshotSentiment

/// Pass 1 counts the tokens it skips as neutral before pass 2 sees any term; a term of several
/// words then takes back the count of the skipped words inside it, which count as nothing of
/// their own. The neutral share of a sentence shows whether that bookkeeping is right.
@Suite struct SkippedTokenTests {
  let analyzer: SentimentAnalyzer

  init() throws {
    analyzer = try SentimentAnalyzer.loadDefault()
  }

  func valence(_ phrase: String) -> Double? {
    analyzer.lexicon.valences.terms.first { $0.words.joined(separator: " ") == phrase }?.value
  }

  @Test func wordsInsideATermAreNotCountedAsNeutral() throws {
    // "of" starts longer terms but not one that continues with "death": on its own pass 1 would
    // skip it as neutral; inside the idiom it is part of one cue.
    let value = try #require(valence("kiss of death"))
    #expect(value < 0)
    let score = analyzer.score(TokenizedText("he got the kiss of death"))
    // Neutral: he, got, the. Negative mass: the idiom's valence plus one.
    let mass = -value + 1
    #expect(score.neutral == 3 / (mass + 3))
    #expect(score.negative == mass / (mass + 3))
    #expect(score.positive == 0)
  }

  @Test func aTermAfterSkippedWordsKeepsTheirCount() throws {
    let value = try #require(valence("kiss of death"))
    // Eight skipped words before the idiom, and punctuation (not counted) after it.
    let score = analyzer.score(TokenizedText("then the table and the chair got the kiss of death ."))
    let mass = -value + 1
    #expect(score.neutral == 8 / (mass + 8))
    #expect(score.negative == mass / (mass + 8))
  }
}
