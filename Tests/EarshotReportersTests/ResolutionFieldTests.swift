import EarshotDetectors
import EarshotModel
import EarshotReaders
import EarshotScoring
import Foundation
import Testing

/// `resolved_turn` and `resolution` in the per-conversation result (schema version 2).
@Suite struct ResolutionFieldTests {
  static func result(_ chatLog: String) throws -> ConversationResult {
    let conversation = try #require(try ChatLogReader().parse(text: chatLog, path: "resolution.txt").first)
    let scorer = ConversationScorer(
      analyzer: ConversationAnalyzer(resources: try AnalysisResources.loadDefault()),
      detectors: DetectorRegistry.builtIn.map { $0.makeDefault() }, weights: ScoringWeights(),
      toolVersion: "0.0.0-test")
    return scorer.score(conversation).result
  }

  @Test func aConfirmedFixIsWrittenInSortedPositionAsJSONEncoderWritesIt() throws {
    let result = try Self.result(
      """
      Customer: My router keeps dropping the connection every evening.
      Agent: I've moved your router to a less crowded channel. Could you test it tonight?
      Customer: Tested it all evening, it works now. Thanks!
      """)
    #expect(result.schemaVersion >= 3)
    #expect(result.resolvedTurn == 2)
    #expect(result.resolution == "customer_confirmed")
    let json = result.compactJSON()
    #expect(json == (try ResultJSONTests.reference(result)))
    let metrics = try #require(json.range(of: "\"metrics\":"))
    let resolution = try #require(json.range(of: "\"resolution\":\"customer_confirmed\",\"resolved_turn\":2,"))
    let roles = try #require(json.range(of: "\"roles_guessed\":"))
    #expect(metrics.lowerBound < resolution.lowerBound && resolution.upperBound <= roles.lowerBound)
  }

  @Test func anUnresolvedConversationLeavesBothKeysOut() throws {
    let result = try Self.result(
      """
      Customer: My router keeps dropping the connection every evening.
      Agent: I've reset your line, it should be working now.
      Customer: Still not working, it dropped again at 8pm.
      """)
    #expect(result.resolvedTurn == nil)
    #expect(result.resolution == nil)
    let json = result.compactJSON()
    #expect(json == (try ResultJSONTests.reference(result)))
    #expect(!json.contains("\"resolved_turn\""))
    #expect(!json.contains("\"resolution\":\"agent"))
  }
}
