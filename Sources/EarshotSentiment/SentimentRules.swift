/// The constants of the valence rules, with VADER's published values as a starting point.
///
/// They are fields rather than literals so the evaluation can show what each rule is worth and tests
/// can pin a rule down; the defaults are what `SentimentAnalyzer.loadDefault()` uses.
public struct SentimentRules: Sendable, Hashable, Codable {
  /// Normalization constant: compound = sum / sqrt(sum² + alpha). VADER uses 15.
  public var normalizationAlpha = 15.0
  /// Factor for a negated positive term ("not good"). VADER: -0.74.
  public var negatedPositive = -0.74
  /// Factor for a negated negative term ("not bad", "never fails"): people rate these mildly
  /// positive, not as the mirror image of the negative word.
  public var negatedNegative = -0.5
  /// How many words before a term a negation reaches.
  public var negationWindow = 3
  /// Whether a comma, semicolon, colon or dash ends a negation's reach ("not only that, it is good").
  public var negationStopsAtClause = true
  /// Added to the magnitude of a term written in capitals when the sentence also has lowercase words.
  public var capsBoost = 0.733
  /// Damping of a booster one word further away than adjacent ("very, very good").
  public var boosterDamping1 = 0.95
  /// Damping of a booster two words further away.
  public var boosterDamping2 = 0.9
  /// Added to the magnitude of the sentence sum per "!" (up to `maxExclamations`).
  public var exclamationBoost = 0.292
  /// The most "!" that count.
  public var maxExclamations = 4
  /// Added per "?" when a sentence has two or three of them.
  public var questionBoost = 0.18
  /// Added when a sentence has four or more "?".
  public var questionCap = 0.96
  /// Valence of "like" when it is not a verb of liking ("looks like rain"): VADER gives every "like" 1.5.
  public var prepositionLikeValence = 0.4
  /// Whether "thanks" in an otherwise negative sentence is dropped (politeness or sarcasm in a complaint).
  public var thanksYieldToComplaint = true
  /// Valence of a negation in a sentence with no sentiment word ("I can't log in"); 0 turns the rule off.
  public var bareNegationValence = -0.5
  /// Factor for the sum of a positive sentence ending in "?" (a request, not praise); 1 turns it off.
  public var positiveQuestionScale = 0.5
  /// Weight of terms before a contrastive "but" / "however".
  public var beforeContrast = 0.5
  /// Weight of terms after it.
  public var afterContrast = 1.5

  /// The default rules.
  public init() {}
}
