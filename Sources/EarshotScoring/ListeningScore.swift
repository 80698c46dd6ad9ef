import EarshotDetectors
import EarshotModel

/// One category's part of a listening score.
public struct ScoreComponent: Codable, Sendable, Hashable {
  /// The category (`answers`, `timing`, …).
  public var category: ScoreCategory
  /// Its weight, normalized so all weights sum to 1.
  public var weight: Double
  /// The category's own score, 0–100.
  public var score: Double
  /// Points this category took off the overall 100.
  public var pointsLost: Double
  /// Findings that counted against it (minor and major).
  public var findings: Int
}

/// The listening score of one conversation with its breakdown.
public struct ListeningScore: Codable, Sendable, Hashable {
  /// 0–100; 100 means no lapse was found.
  public var value: Double
  /// Every category, in a fixed order, so the score always shows where points went.
  public var breakdown: [ScoreComponent]

  /// Scores `findings` with `weights`: each category starts at 100, loses the penalty of each
  /// minor or major finding (floored at 0), and the score is the weighted mean of categories.
  public init(findings: [Finding], weights: ScoringWeights) {
    let total = ScoreCategory.allCases.reduce(0) { $0 + weights.weight(of: $1) }
    var components: [ScoreComponent] = []
    var value = 0.0
    for category in ScoreCategory.allCases {
      let counted = findings.filter { $0.category == category && $0.severity != .info }
      let penalty = counted.reduce(0.0) { sum, finding in
        sum + (finding.severity == .major ? weights.majorPenalty : weights.minorPenalty)
      }
      let score = max(0, 100 - penalty)
      let weight = total > 0 ? weights.weight(of: category) / total : 0
      value += weight * score
      components.append(
        ScoreComponent(
          category: category, weight: weight, score: score, pointsLost: weight * (100 - score),
          findings: counted.count))
    }
    self.value = (value * 10).rounded() / 10
    self.breakdown = components
  }
}
