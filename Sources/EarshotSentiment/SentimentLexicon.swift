import EarshotText

/// The word lists the sentiment analyzer uses.
///
/// Valence files are layered: a later file (or a user addition) replaces an earlier file's entry for
/// the same term, so a domain file can neutralize a general word by giving it `0`.
public struct SentimentLexicon: Sendable {
  /// Words and phrases with a valence from -4 to +4.
  public var valences: PhraseMatcher<Double>
  /// Words that flip the valence of what follows.
  public var negations: TermTable<Bool>
  /// Intensifiers (positive) and dampeners (negative).
  public var boosters: PhraseMatcher<Double>
  /// Single-token terms of `valences`, for lookups on part of a token (a hashtag's word, an emoji
  /// without its skin-tone modifier) and for "is this word a sentiment word" checks.
  public var words: TermTable<Double>
  /// The valence files loaded, in layer order (for reports).
  public var layers: [String]

  /// Creates a lexicon from its parts.
  public init(valences: PhraseMatcher<Double>, negations: TermTable<Bool>, boosters: PhraseMatcher<Double>) {
    self.valences = valences
    self.negations = negations
    self.boosters = boosters
    self.words = TermTable<Double>()
    self.layers = []
  }

  /// An empty lexicon with the default negation and booster lists.
  init(negations: TermTable<Bool>, boosters: PhraseMatcher<Double>) {
    self.init(valences: PhraseMatcher<Double>(), negations: negations, boosters: boosters)
  }

  /// Adds a term or replaces its valence.
  public mutating func add(_ term: String, _ valence: Double) {
    valences.add(term, valence)
    let tokens = Tokenizer.tokenize(term)
    if tokens.count == 1 { words.set(term, valence) }
  }

  /// The default valence files, in the order they are layered (later files override earlier ones).
  ///
  /// `vader.tsv` is the general base; the others are Earshot's own layers, each removable by its
  /// short name (the file name without `.tsv`) so its effect can be measured.
  public static let defaultValenceFiles = [
    "sentiment/vader.tsv", "sentiment/emoji.tsv", "sentiment/idioms.tsv", "sentiment/support-overrides.tsv",
    "sentiment/support-phrases.tsv",
  ]

  /// The short names of the optional layers (every default file but the VADER base).
  public static var optionalLayers: [String] {
    defaultValenceFiles.dropFirst().map(layerName)
  }

  /// `sentiment/support-phrases.tsv` → `support-phrases`.
  public static func layerName(_ file: String) -> String {
    var name = file.split(separator: "/").last.map(String.init) ?? file
    if name.hasSuffix(".tsv") { name.removeLast(4) }
    return name
  }

  /// Loads the default lexicons shipped in `Lexicons/data/sentiment`, plus `additions` (term → valence).
  ///
  /// - Parameters:
  ///   - additions: user terms; they override every file.
  ///   - without: short names of optional layers to leave out (see `optionalLayers`).
  /// - Throws: `LexiconError` when a file is missing or malformed.
  public static func loadDefault(
    additions: [String: Double] = [:], without: Set<String> = []
  ) throws -> SentimentLexicon {
    try loadDefault(additions: additions, without: without, extraFiles: [])
  }

  /// Like `loadDefault(additions:without:)`, with `extraFiles` (default-lexicon names such as
  /// `sentiment/agent-overrides.tsv`) layered after the defaults and before `additions`.
  public static func loadDefault(
    additions: [String: Double], without: Set<String>, extraFiles: [String]
  ) throws -> SentimentLexicon {
    let unknown = without.subtracting(optionalLayers)
    if let name = unknown.sorted().first {
      throw LexiconError(
        file: name, line: nil,
        message: "no such sentiment layer; expected one of \(optionalLayers.joined(separator: ", "))")
    }
    var negations = TermTable<Bool>(capacity: 96)
    for entry in try LexiconFile.loadDefault("sentiment/negations.tsv") { negations.set(entry.term, true) }
    var boosters = PhraseMatcher<Double>()
    for entry in try LexiconFile.loadDefault("sentiment/boosters.tsv") {
      guard let value = entry.value else {
        throw LexiconError(file: "sentiment/boosters.tsv", line: entry.line, message: "expected a value after the tab")
      }
      boosters.add(entry.term, value)
    }
    var lexicon = SentimentLexicon(negations: negations, boosters: boosters)
    let files = defaultValenceFiles.filter { !without.contains(layerName($0)) } + extraFiles
    for name in files {
      for entry in try LexiconFile.loadDefault(name) {
        guard let value = entry.value else {
          throw LexiconError(file: name, line: entry.line, message: "expected a valence after the tab")
        }
        guard (-4...4).contains(value) else {
          throw LexiconError(file: name, line: entry.line, message: "valence \(value) is outside -4...4")
        }
        lexicon.add(entry.term, value)
      }
      lexicon.layers.append(name)
    }
    for (term, value) in additions.sorted(by: { $0.key < $1.key }) { lexicon.add(term, value) }
    return lexicon
  }
}
