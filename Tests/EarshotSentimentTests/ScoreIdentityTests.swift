import EarshotTestSupport
import EarshotText
import Foundation
import Testing

@testable import EarshotSentiment

/// Speed work on the tokenizer and the scorer must not change a single result: every token,
/// sentence, score (to the bit), cue and emotion cue of the bundled corpora, the readers' fixtures,
/// synthetic edge-case text and (when present) the shared gold sentences is digested per block of
/// lines and compared with the digests recorded from the code before the change
/// (`Golden/identity-*.txt`; `EARSHOT_RECORD_GOLDEN=1` records them again).
@Suite struct ScoreIdentityTests {
  static let golden = PackagePaths.root.appendingPathComponent("Tests/EarshotSentimentTests/Golden")
  static let goldSentences = "sentiment-gold"

  @Test func bundledAndSyntheticTextScoresAsRecorded() throws {
    var sources: [(name: String, records: [[UInt8]])] = []
    for (folder, label) in [
      (PackagePaths.corpora, "corpora"),
      (PackagePaths.root.appendingPathComponent("Tests/EarshotReadersTests/Fixtures"), "fixtures"),
    ] {
      for (relative, data) in try Self.files(under: folder) {
        sources.append(("\(label)/\(relative)", Self.lines(data)))
      }
    }
    sources.append(("synthetic", SyntheticText.records(count: 6_000, seed: 0x5EED_1234)))
    #expect(sources.count > 40, "the bundled corpora and reader fixtures were not found")
    #expect(sources.reduce(0) { $0 + $1.records.count } > 7_000)
    try compare(sources, golden: "identity-bundled.txt")
  }

  @Test(
    .enabled(
      if: SharedCorpora.exists(goldSentences),
      "needs ../shared/corpora/sentiment-gold (the VADER gold files) beside the package root"))
  func goldSentencesScoreAsRecorded() throws {
    var sources: [(name: String, records: [[UInt8]])] = []
    for (relative, data) in try Self.files(under: SharedCorpora.root.appendingPathComponent(Self.goldSentences))
    where relative.hasSuffix("_GroundTruth.txt") {
      // The text column, as `earshot evaluate sentiment` and the benchmark score it.
      let texts = Self.lines(data).compactMap { line -> [UInt8]? in
        let columns = line.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
        return columns.count == 3 ? Array(columns[2]) : nil
      }
      sources.append(("sentiment-gold/\(relative)", texts))
    }
    #expect(sources.reduce(0) { $0 + $1.records.count } > 10_000)
    try compare(sources, golden: "identity-sentiment-gold.txt")
  }

  // MARK: - Digests

  static let blockSize = 200

  /// One line per block of `blockSize` records: source, record range, FNV-1a digest of everything
  /// the text and sentiment modules say about them.
  func compare(_ sources: [(name: String, records: [[UInt8]])], golden name: String) throws {
    let scorer = try ConversationSentiment.loadDefault()
    var out = ""
    for source in sources {
      var start = 0
      while start < source.records.count {
        let end = min(start + Self.blockSize, source.records.count)
        var digest = Digest()
        for record in source.records[start..<end] { digest.add(record, scorer) }
        out += "\(source.name)\t\(start + 1)-\(end)\t\(String(digest.value, radix: 16))\n"
        start = end
      }
    }
    if let mismatch = try GoldenFile.mismatch(out, golden: Self.golden.appendingPathComponent(name)) {
      Issue.record("\(mismatch)")
    }
  }

  static func files(under folder: URL) throws -> [(String, Data)] {
    let base = folder.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
    var found: [(String, Data)] = []
    for case let relative as String in walker {
      var isFolder: ObjCBool = false
      let path = base + "/" + relative
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
        let data = FileManager.default.contents(atPath: path)
      else { continue }
      found.append((relative, data))
    }
    return found.sorted { $0.0 < $1.0 }
  }

  static func lines(_ data: Data) -> [[UInt8]] {
    data.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
  }
}

/// FNV-1a over the tokens, sentences, scores (bit patterns), cues and emotion cues of records.
struct Digest {
  var value: UInt64 = 0xCBF2_9CE4_8422_2325

  mutating func mix(_ word: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) {
      value = (value ^ ((word >> UInt64(shift)) & 0xFF)) &* 0x0000_0100_0000_01B3
    }
  }
  mutating func mix(_ int: Int) { mix(UInt64(bitPattern: Int64(int))) }
  mutating func mix(_ double: Double) { mix(double.bitPattern) }
  mutating func mix(_ score: SentimentScore) {
    for part in [score.compound, score.positive, score.neutral, score.negative] { mix(part) }
  }

  mutating func add(_ record: [UInt8], _ scorer: ConversationSentiment) {
    let text = TokenizedText(bytes: record)
    mix(text.tokens.count)
    for token in text.tokens {
      mix(Int(token.kind.rawValue))
      mix(token.start)
      mix(token.end)
      mix((token.isAllCaps ? 2 : 0) + (token.isContraction ? 1 : 0))
    }
    mix(text.sentences.count)
    for sentence in text.sentences {
      for bound in [sentence.tokenRange.lowerBound, sentence.tokenRange.upperBound] { mix(bound) }
      for bound in [sentence.byteRange.lowerBound, sentence.byteRange.upperBound] { mix(bound) }
    }
    for analyzer in [scorer.customerAnalyzer, scorer.agentAnalyzer] {
      mix(analyzer.score(text))
      for score in analyzer.scoreSentences(text) { mix(score) }
      for sentence in text.sentences { mix(analyzer.score(text, tokenRange: sentence.tokenRange)) }
      for cue in analyzer.cues(text) {
        mix(cue.byteRange.lowerBound)
        mix(cue.byteRange.upperBound)
        mix(cue.valence)
        mix(cue.negated ? 1 : 0)
      }
    }
    for cue in scorer.emotions?.cues(in: text) ?? [] {
      mix(Emotion.allCases.firstIndex(of: cue.emotion) ?? -1)
      mix(cue.weight)
      mix(cue.byteRange.lowerBound)
      mix(cue.byteRange.upperBound)
    }
  }
}
