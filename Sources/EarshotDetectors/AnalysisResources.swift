import EarshotSentiment
import EarshotText

/// Everything detectors read but never change: the sentiment analyzer and the phrase lexicons.
public struct AnalysisResources: Sendable {
  /// The sentiment scorer.
  public let sentiment: SentimentAnalyzer
  /// Phrase lists for questions, sales, deflections, resolution, promises and no-nos.
  public let lexicons: DetectorLexicons
  /// Word rarity and template replies of the run's corpus.
  public var corpus: CorpusStatistics
  /// Reply usefulness at or above which a question counts as answered (`detectors.non_answer.answered_threshold`).
  /// The verdicts no longer read it (the fitted model in `reply-verdicts.tsv` decides); it stays
  /// until the configuration key is retired.
  public var answeredThreshold = 0.45
  /// Reply usefulness at or above which a reply at least engages the problem (`detectors.non_answer.partly_threshold`).
  public var partialThreshold = 0.25

  /// Creates resources from their parts.
  public init(sentiment: SentimentAnalyzer, lexicons: DetectorLexicons, corpus: CorpusStatistics = .empty) {
    self.sentiment = sentiment
    self.lexicons = lexicons
    self.corpus = corpus
  }

  /// The same resources with another reply-verdict model (one fold's, for cross-validation).
  public func with(replyVerdicts model: VerdictModel) -> AnalysisResources {
    var lexicons = lexicons
    lexicons.replyVerdicts = model
    return AnalysisResources(sentiment: sentiment, lexicons: lexicons, corpus: corpus)
  }

  /// The same resources with `corpus` statistics.
  public func with(corpus: CorpusStatistics) -> AnalysisResources {
    var copy = self
    copy.corpus = corpus
    return copy
  }

  /// Loads the default lexicons, with user additions layered on top.
  ///
  /// - Throws: `LexiconError` when a lexicon file is missing or malformed.
  public static func loadDefault(additions: LexiconAdditions = LexiconAdditions()) throws -> AnalysisResources {
    AnalysisResources(
      sentiment: SentimentAnalyzer(lexicon: try SentimentLexicon.loadDefault(additions: additions.sentiment)),
      lexicons: try DetectorLexicons.loadDefault(additions: additions))
  }
}

/// Terms users add to the default lexicons through configuration.
public struct LexiconAdditions: Sendable, Hashable, Codable {
  /// Extra sentiment terms and valences (-4 to +4).
  public var sentiment: [String: Double]
  /// Extra sales-offer phrases.
  public var sales: [String]
  /// Extra deflection phrases.
  public var deflections: [String]
  /// Phrases that must never be said.
  public var noNos: [String]

  /// Creates additions.
  public init(sentiment: [String: Double] = [:], sales: [String] = [], deflections: [String] = [], noNos: [String] = [])
  {
    self.sentiment = sentiment
    self.sales = sales
    self.deflections = deflections
    self.noNos = noNos
  }
}
