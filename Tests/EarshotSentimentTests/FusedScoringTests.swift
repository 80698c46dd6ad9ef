import EarshotTestSupport
import EarshotText
import Foundation
import Testing

@testable import EarshotSentiment

/// `SentimentAnalyzer.score(utf8:)` tokenizes into scratch memory and scores each sentence as the
/// splitter finds it; it must give, to the bit, what scoring a `TokenizedText` gives (which
/// `ScoreIdentityTests` pins to the recorded digests).
@Suite struct FusedScoringTests {
  let scorer: ConversationSentiment

  init() throws {
    scorer = try ConversationSentiment.loadDefault()
  }

  func expectSameScores(_ records: [[UInt8]], _ source: String) {
    var mismatches = 0
    for (line, record) in records.enumerated() {
      let tokenized = TokenizedText(bytes: record)
      for analyzer in [scorer.customerAnalyzer, scorer.agentAnalyzer] {
        let expected = analyzer.score(tokenized)
        let fused = analyzer.score(utf8: record)
        let same =
          fused.compound.bitPattern == expected.compound.bitPattern
          && fused.positive.bitPattern == expected.positive.bitPattern
          && fused.neutral.bitPattern == expected.neutral.bitPattern
          && fused.negative.bitPattern == expected.negative.bitPattern
        if !same, mismatches < 5 {
          mismatches += 1
          Issue.record("\(source) line \(line + 1): score(utf8:) \(fused) but score(TokenizedText) \(expected)")
        }
      }
    }
  }

  @Test func bundledCorporaFixturesAndSyntheticTextScoreAlikeBothWays() throws {
    var total = 0
    for (folder, label) in [
      (PackagePaths.corpora, "corpora"),
      (PackagePaths.root.appendingPathComponent("Tests/EarshotReadersTests/Fixtures"), "fixtures"),
    ] {
      for (relative, data) in try ScoreIdentityTests.files(under: folder) {
        let records = ScoreIdentityTests.lines(data)
        total += records.count
        expectSameScores(records, "\(label)/\(relative)")
      }
    }
    let synthetic = SyntheticText.records(count: 6_000, seed: 0xF05E_D5C0)
    expectSameScores(synthetic, "synthetic")
    #expect(total > 1_000, "the bundled corpora and reader fixtures were not found")
  }

  @Test(
    .enabled(
      if: SharedCorpora.exists(ScoreIdentityTests.goldSentences),
      "needs ../shared/corpora/sentiment-gold (the VADER gold files) beside the package root"))
  func goldSentencesScoreAlikeBothWays() throws {
    let folder = SharedCorpora.root.appendingPathComponent(ScoreIdentityTests.goldSentences)
    for (relative, data) in try ScoreIdentityTests.files(under: folder) where relative.hasSuffix("_GroundTruth.txt") {
      let texts = ScoreIdentityTests.lines(data).compactMap { line -> [UInt8]? in
        let columns = line.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
        return columns.count == 3 ? Array(columns[2]) : nil
      }
      expectSameScores(texts, relative)
    }
  }

  /// Texts past 64 KiB are tokenized into growing arrays instead of scratch memory.
  @Test func textsLongerThan64KiBScoreAlikeBothWays() {
    let lines = SyntheticText.records(count: 4_000, seed: 0x10_6E57)
    var long: [UInt8] = []
    for line in lines where long.count < 200_000 { long += line + [0x0A] }
    #expect(long.count > 1 << 16)
    expectSameScores([long, Array(long.prefix(1 << 16)), Array(long.prefix((1 << 16) + 1))], "long synthetic text")
  }

  @Test func emptyAndPunctuationOnlyTextsAreNeutral() throws {
    let analyzer = scorer.customerAnalyzer
    for text in ["", " ", "\n\n", ",,,,", "...", "😀😀"] {
      let record = Array(text.utf8)
      #expect(analyzer.score(utf8: record) == analyzer.score(TokenizedText(bytes: record)), "\(text)")
    }
    #expect(analyzer.score(utf8: Array("".utf8)).compound == 0)
    #expect(analyzer.score(utf8: Array("This is great :)".utf8)).compound > 0.5)
  }
}
