/// A sentiment score in VADER's convention.
public struct SentimentScore: Codable, Sendable, Hashable {
  /// Normalized valence in [-1, 1]; below -0.05 is negative, above 0.05 positive.
  public var compound: Double
  /// Share of sentiment mass that is positive, in [0, 1].
  public var positive: Double
  /// Share of tokens without sentiment, in [0, 1].
  public var neutral: Double
  /// Share of sentiment mass that is negative, in [0, 1].
  public var negative: Double

  /// Creates a score.
  public init(compound: Double, positive: Double, neutral: Double, negative: Double) {
    self.compound = compound
    self.positive = positive
    self.neutral = neutral
    self.negative = negative
  }

  /// A neutral score.
  public static let neutral = SentimentScore(compound: 0, positive: 0, neutral: 1, negative: 0)

  /// The three-way label with VADER's ±0.05 threshold.
  public var polarity: Polarity {
    compound > 0.05 ? .positive : compound < -0.05 ? .negative : .neutral
  }
}

/// Positive, neutral or negative.
public enum Polarity: String, Codable, Sendable, CaseIterable {
  case positive, neutral, negative
}

/// A lexicon term found in a text, with the valence it contributed: the evidence behind a score.
public struct SentimentCue: Codable, Sendable, Hashable {
  /// The matched bytes in the text.
  public var byteRange: Range<Int>
  /// The valence after negation, boosters and emphasis.
  public var valence: Double
  /// Whether a negation flipped it.
  public var negated: Bool

  /// Creates a cue.
  public init(byteRange: Range<Int>, valence: Double, negated: Bool) {
    self.byteRange = byteRange
    self.valence = valence
    self.negated = negated
  }
}
