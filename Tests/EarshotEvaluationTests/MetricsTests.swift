import Testing

@testable import EarshotEvaluation

/// The metrics on hand-computed examples.
@Suite struct MetricsTests {
  @Test func pearsonOnHandComputedExample() throws {
    // means 2.5 and 2.5; covariance sum 4; variance sums 5 and 5 → r = 4 / 5.
    let r = try #require(Metrics.pearson([1, 2, 3, 4], [1, 3, 2, 4]))
    #expect(abs(r - 0.8) < 1e-12)
    #expect(Metrics.pearson([1, 2, 3], [2, 4, 6]).map { abs($0 - 1) < 1e-12 } == true)
    #expect(Metrics.pearson([1, 2, 3], [3, 2, 1]).map { abs($0 + 1) < 1e-12 } == true)
  }

  @Test func pearsonUndefinedCases() {
    #expect(Metrics.pearson([1, 1, 1], [1, 2, 3]) == nil)
    #expect(Metrics.pearson([1], [1]) == nil)
    #expect(Metrics.pearson([1, 2], [1, 2, 3]) == nil)
  }

  @Test func accuracy() {
    #expect(Metrics.accuracy(gold: ["a", "b", "c", "a"], predicted: ["a", "b", "a", "b"]) == 0.5)
    #expect(Metrics.accuracy(gold: [String](), predicted: []) == 0)
  }

  @Test func confusionMatrixAndF1() {
    // gold:      n n n p p u
    // predicted: n n p p u n
    let matrix = ConfusionMatrix(
      classes: ["n", "u", "p"], gold: ["n", "n", "n", "p", "p", "u"], predicted: ["n", "n", "p", "p", "u", "n"])
    #expect(matrix.counts == [[2, 0, 1], [1, 0, 0], [0, 1, 1]])
    #expect(matrix.total == 6)
    // n: precision 2/3, recall 2/3, F1 2/3. u: 0. p: precision 1/2, recall 1/2, F1 1/2.
    #expect(abs(matrix.precision(0) - 2.0 / 3) < 1e-12)
    #expect(abs(matrix.recall(0) - 2.0 / 3) < 1e-12)
    #expect(abs(matrix.f1(0) - 2.0 / 3) < 1e-12)
    #expect(matrix.f1(1) == 0)
    #expect(abs(matrix.f1(2) - 0.5) < 1e-12)
    #expect(abs(matrix.macroF1 - (2.0 / 3 + 0 + 0.5) / 3) < 1e-12)
    // weighted by support 3, 1, 2.
    #expect(abs(matrix.weightedF1 - (2.0 / 3 * 3 + 0 + 0.5 * 2) / 6) < 1e-12)
    #expect(abs(matrix.accuracy - 3.0 / 6) < 1e-12)
  }

  @Test func classNeverSeenCountsAsZeroInMacroF1() {
    let matrix = ConfusionMatrix(classes: ["a", "b", "c"], gold: ["a", "b"], predicted: ["a", "b"])
    #expect(matrix.f1(2) == 0)
    #expect(abs(matrix.macroF1 - 2.0 / 3) < 1e-12)
    #expect(matrix.weightedF1 == 1)
  }

  @Test func labelsOutsideTheClassesAreIgnored() {
    let matrix = ConfusionMatrix(classes: ["a", "b"], gold: ["a", "z"], predicted: ["a", "a"])
    #expect(matrix.total == 1)
  }
}
