import EarshotModel

/// How findings turn into the listening score; `earshot.yml`'s `weights:` and `penalties:` set these.
public struct ScoringWeights: Codable, Sendable, Hashable {
  /// Each category's share of the score; they need not sum to 100 (they are normalized).
  public var categories: [ScoreCategory: Double]
  /// Points a major finding takes from its category's 100.
  public var majorPenalty: Double
  /// Points a minor finding takes from its category's 100.
  public var minorPenalty: Double

  /// The documented defaults (see `docs/scoring.md`).
  public init() {
    categories = [
      .answers: 30,
      .timing: 15,
      .responsiveness: 20,
      .promises: 10,
      .knowing: 10,
      .sentiment: 10,
      .conduct: 5,
    ]
    majorPenalty = 50
    minorPenalty = 20
  }

  /// The weight of `category` (0 when not listed).
  public func weight(of category: ScoreCategory) -> Double { categories[category] ?? 0 }
}
