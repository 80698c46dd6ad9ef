import EarshotDetectors
import EarshotModel
import EarshotReaders
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

/// `ConversationResult.compactJSON()` replaces `JSONEncoder` on the batch and store paths; it must
/// write the same bytes, for real results and for values chosen to break a hand-written encoder.
@Suite struct ResultJSONTests {
  /// The encoder configuration `conversations.jsonl` was written with before the hand-written one.
  static func reference(_ result: ConversationResult) throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(result), as: UTF8.self)
  }

  @Test func everyResultOfTheSampleCorporaEncodesAsJSONEncoderDoes() throws {
    let analyzer = ConversationAnalyzer(resources: try AnalysisResources.loadDefault())
    let scorer = ConversationScorer(
      analyzer: analyzer, detectors: DetectorRegistry.builtIn.map { $0.makeDefault() }, weights: ScoringWeights(),
      toolVersion: "0.0.0-test")
    let registry = ReaderRegistry.builtIn()
    let files = try #require(FileManager.default.enumerator(atPath: PackagePaths.corpora.path))
    var compared = 0
    for case let relative as String in files {
      let file = InputFile(path: PackagePaths.corpora.appendingPathComponent(relative).path)
      guard let reader = try? registry.detect(file) else { continue }
      try reader.read(
        file,
        emit: { conversation in
          let result = scorer.score(conversation).result
          let expected = try? Self.reference(result)
          #expect(result.compactJSON() == expected, "\(relative): \(conversation.id)")
          compared += 1
        }, diagnose: { _ in })
    }
    #expect(compared >= 12)
  }

  @Test func awkwardStringsNumbersDatesAndAbsentFieldsEncodeAsJSONEncoderDoes() throws {
    let (scored, _) = try ReporterFixture.scored()
    let strings = [
      "", "plain", "quote \" and backslash \\ and slash /", "\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1F}\u{7F}",
      "é 😀 \u{2028}\u{2029} \u{FFFD} 中文", "#fail @team http://example.com/a?b=c&d",
    ]
    let numbers: [Double] = [
      0, -0.0, 1, 100, 72.5, 0.1, 1e-7, 1e21, 1e16, 123_456_789_012_345_678, 0.300_000_000_000_000_04, -3.25,
      .infinity, -.infinity, .nan, 1e15, 9_007_199_254_740_993, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
      // Whole numbers are written as integers below 10^15: both sides of that bound, and negatives.
      -100, 999_999_999_999_999, -999_999_999_999_999, 1e15 + 1, -1e15, 4_503_599_627_370_496, 0.5, -1,
    ]
    let dates = [
      Date(timeIntervalSince1970: 1_709_283_600.999), Date(timeIntervalSince1970: 0),
      Date(timeIntervalSince1970: -1_000_000_000.25), Date(timeIntervalSince1970: 4_102_444_800),
    ]
    for (index, text) in strings.enumerated() {
      var result = scored
      result.company = index % 2 == 0 ? text : nil
      result.channel = text
      result.agents = [text, "b", "A"]
      result.startedAt = index < dates.count ? dates[index] : nil
      result.findings[0].reason = text
      result.findings[0].attributes = [text: text, "B": "1", "a_b": "2", "a-b": "3", "é": "4", "Z": "5"]
      result.findings[0].evidence[0].note = index % 2 == 0 ? nil : text
      result.findings[0].evidence[0].span.text = text
      result.metrics.resolution = index % 3 == 0 ? nil : text
      result.resolution = index % 3 == 1 ? nil : text
      result.resolvedTurn = index % 2 == 0 ? nil : index * 7
      result.center = index % 2 == 1 ? nil : text
      result.customerKey = index % 3 == 2 ? nil : "0f\(index)a"
      result.problemTerms = index % 3 == 2 ? nil : [0, 7, UInt32.max, UInt32(index) << 20]
      result.problemTurn = index % 3 == 2 ? nil : index
      #expect(result.compactJSON() == (try Self.reference(result)), "string \(index)")
    }
    for number in numbers {
      var result = scored
      result.score.value = number
      result.score.breakdown[0].weight = number
      result.score.breakdown[0].pointsLost = -number
      result.metrics.agentSentiment = number
      result.metrics.firstResponseSeconds = number.isFinite ? nil : number
      result.metrics.longestWaitSeconds = number
      result.metrics.customerSentimentStart = nil
      #expect(result.compactJSON() == (try Self.reference(result)), "number \(number)")
    }
    // Integers are written digit by digit: the extremes and negatives as `JSONEncoder` writes them.
    for integer in [0, -1, 7, 10, -10, 1_000_000_007, Int.max, Int.min] {
      var result = scored
      result.problemTurn = integer
      result.resolvedTurn = integer / -3
      result.findings[0].evidence[0].span.start = integer
      #expect(result.compactJSON() == (try Self.reference(result)), "integer \(integer)")
    }
  }
}
