import EarshotModel

/// How lapses turn into the listening score: the fitted points per lapse (`lapses`), and
/// `earshot.yml`'s `weights:` and `penalties:`, which scale them relative to these defaults
/// (`docs/scoring.md`).
public struct ScoringWeights: Codable, Sendable, Hashable {
  /// Each category's share of the score; they need not sum to 100 (they are normalized). A
  /// category's fitted points are multiplied by its normalized weight over its default one.
  public var categories: [ScoreCategory: Double]
  /// Reference points of a major finding; major findings' fitted points are multiplied by this
  /// over the default 50.
  public var majorPenalty: Double
  /// Reference points of a minor finding; minor findings' fitted points are multiplied by this
  /// over the default 20.
  public var minorPenalty: Double
  /// Fitted points per unit of each lapse (`Lexicons/data/listening-weights.tsv`).
  public var lapses: ListeningWeights

  /// The default category weights: the reference the configured ones are compared with.
  public static let defaultCategories: [ScoreCategory: Double] = [
    .answers: 30,
    .timing: 15,
    .responsiveness: 20,
    .promises: 10,
    .knowing: 10,
    .sentiment: 10,
    .conduct: 5,
  ]
  /// The default penalties: the reference the configured ones are compared with.
  public static let defaultMajorPenalty = 50.0
  public static let defaultMinorPenalty = 20.0

  /// The documented defaults (see `docs/scoring.md`).
  public init() {
    categories = Self.defaultCategories
    majorPenalty = Self.defaultMajorPenalty
    minorPenalty = Self.defaultMinorPenalty
    lapses = ListeningWeights.shipped
  }

  /// The weight of `category` (0 when not listed).
  public func weight(of category: ScoreCategory) -> Double { categories[category] ?? 0 }
}
