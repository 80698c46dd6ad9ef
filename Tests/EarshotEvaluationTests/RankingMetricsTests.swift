import EarshotEvaluation
import Testing

@Suite struct RankingMetricsTests {
  @Test func averagePrecisionByHand() throws {
    // Ranked: relevant, not, relevant → (1/1 + 2/3) / 2.
    let precision = try #require(
      RankingMetrics.averagePrecision(scores: [0.9, 0.5, 0.7], relevant: [true, true, false]))
    #expect(abs(precision - (1 + 2.0 / 3) / 2) < 1e-12)
    #expect(RankingMetrics.averagePrecision(scores: [1, 2], relevant: [false, false]) == nil)
  }

  @Test func tiesKeepTheGivenOrder() {
    #expect(RankingMetrics.averagePrecision(scores: [0, 0], relevant: [false, true]) == 0.5)
  }

  @Test func meanSkipsRankingsWithoutRelevantItems() {
    let map = RankingMetrics.meanAveragePrecision([([1, 0], [true, false]), ([1, 0], [false, false])])
    #expect(map == 100)
  }

  @Test func aucByHandWithTies() throws {
    #expect(RankingMetrics.rocAUC(scores: [0.9, 0.8, 0.1], positive: [true, true, false]) == 1)
    #expect(RankingMetrics.rocAUC(scores: [0.1, 0.9], positive: [true, false]) == 0)
    #expect(RankingMetrics.rocAUC(scores: [0.5, 0.5], positive: [true, false]) == 0.5)
    #expect(RankingMetrics.rocAUC(scores: [0.5], positive: [true]) == nil)
  }
}
