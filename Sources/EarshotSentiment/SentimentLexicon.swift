import EarshotText

/// The word lists the sentiment analyzer uses.
public struct SentimentLexicon: Sendable {
  /// Words and phrases with a valence from -4 to +4.
  public var valences: PhraseMatcher<Double>
  /// Words that flip the valence of what follows.
  public var negations: TermTable<Bool>
  /// Intensifiers (positive) and dampeners (negative).
  public var boosters: PhraseMatcher<Double>

  /// Creates a lexicon from its parts.
  public init(valences: PhraseMatcher<Double>, negations: TermTable<Bool>, boosters: PhraseMatcher<Double>) {
    self.valences = valences
    self.negations = negations
    self.boosters = boosters
  }

  /// The default lexicon files, in the order they are layered (later files override earlier ones).
  public static let defaultValenceFiles = ["sentiment/vader.tsv", "sentiment/support-phrases.tsv"]

  /// Loads the default lexicons shipped in `Lexicons/data/sentiment`, plus `additions` (term → valence).
  ///
  /// - Throws: `LexiconError` when a file is missing or malformed.
  public static func loadDefault(additions: [String: Double] = [:]) throws -> SentimentLexicon {
    var valences = PhraseMatcher<Double>()
    for name in defaultValenceFiles {
      for entry in try LexiconFile.loadDefault(name) {
        guard let value = entry.value else {
          throw LexiconError(file: name, line: entry.line, message: "expected a valence after the tab")
        }
        valences.add(entry.term, value)
      }
    }
    for (term, value) in additions.sorted(by: { $0.key < $1.key }) { valences.add(term, value) }
    var negations = TermTable<Bool>(capacity: 64)
    for entry in try LexiconFile.loadDefault("sentiment/negations.tsv") { negations.set(entry.term, true) }
    var boosters = PhraseMatcher<Double>()
    for entry in try LexiconFile.loadDefault("sentiment/boosters.tsv") { boosters.add(entry.term, entry.value ?? 0) }
    return SentimentLexicon(valences: valences, negations: negations, boosters: boosters)
  }
}
