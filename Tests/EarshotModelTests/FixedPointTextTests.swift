import EarshotModel
import Foundation
import Testing

@Suite struct FixedPointTextTests {
  /// Values whose rounding is easy to get wrong: exact binary ties (0.125), decimal "ties" that are
  /// just below or above in binary (0.615, 2.675), signed zero, huge values and non-numbers.
  static let awkward: [Double] = [
    0, -0.0, 0.125, 0.375, -0.125, 0.615, 2.675, 1.005, 0.045, 99.995, 0.5, 1.5, 2.5, -2.5, 1e-9,
    123_456_789.987_654, 1e22, 1e300, -1e300, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
    .infinity, -.infinity, .nan,
  ]

  @Test func matchesFoundationFormattingOnAwkwardValues() {
    for value in Self.awkward {
      for decimals in 0...4 {
        #expect(
          FixedPointText.string(value, decimals: decimals) == String(format: "%.\(decimals)f", value),
          "\(value) with \(decimals) decimals")
      }
    }
  }

  @Test func matchesFoundationFormattingOnScoresAndRates() {
    // Scores, rates and moods as the detectors and tables write them: thousandths and their neighbours.
    for step in -3_000...3_000 {
      for value in [Double(step) / 1_000, Double(step) / 1_000 + 0.000_5, Double(step) * 0.033_3] {
        for decimals in 1...3 {
          #expect(FixedPointText.string(value, decimals: decimals) == String(format: "%.\(decimals)f", value))
        }
      }
    }
  }
}
