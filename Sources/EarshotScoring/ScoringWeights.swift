import EarshotDetectors

/// How findings turn into the listening score; `earshot.yml`'s `weights:` and `penalties:` set these.
public struct ScoringWeights: Codable, Sendable, Hashable {
  /// Each category's share of the score; they need not sum to 100 (they are normalized).
  public var categories: [String: Double]
  /// Points a major finding takes from its category's 100.
  public var majorPenalty: Double
  /// Points a minor finding takes from its category's 100.
  public var minorPenalty: Double

  /// The documented defaults (see `docs/scoring.md`).
  public init() {
    categories = [
      ScoreCategory.answers.rawValue: 30,
      ScoreCategory.timing.rawValue: 15,
      ScoreCategory.responsiveness.rawValue: 20,
      ScoreCategory.promises.rawValue: 10,
      ScoreCategory.knowing.rawValue: 10,
      ScoreCategory.sentiment.rawValue: 10,
      ScoreCategory.conduct.rawValue: 5,
    ]
    majorPenalty = 50
    minorPenalty = 20
  }

  /// The weight of `category` (0 when not listed).
  public func weight(of category: String) -> Double { categories[category] ?? 0 }
}
