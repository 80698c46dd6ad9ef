import EarshotText

/// Emotion categories reported for support conversations.
public enum Emotion: String, Codable, Sendable, CaseIterable, Hashable {
  case frustrated, disappointed, anxious, relieved, grateful, calm
}

/// An emotion cue found in a text: the evidence behind an emotion label.
public struct EmotionCue: Codable, Sendable, Hashable {
  /// The category.
  public var emotion: Emotion
  /// How sure the cue is (0–1), from the lexicon.
  public var weight: Double
  /// The matched bytes in the text.
  public var byteRange: Range<Int>
  /// The matched words as written.
  public var text: String

  /// Creates a cue.
  public init(emotion: Emotion, weight: Double, byteRange: Range<Int>, text: String) {
    self.emotion = emotion
    self.weight = weight
    self.byteRange = byteRange
    self.text = text
  }
}

/// Emotion cue words and phrases (`sentiment/emotions.tsv`), matched on tokens.
public struct EmotionLexicon: Sendable {
  /// One entry's category and weight.
  public struct Entry: Sendable, Hashable {
    /// The category.
    public var emotion: Emotion
    /// How sure the cue is (0–1).
    public var weight: Double
  }

  /// Terms and their categories.
  public var terms: PhraseMatcher<Entry>
  /// Words that cancel a cue right after them ("not worried").
  public var negations: TermTable<Bool>

  /// Creates a lexicon from its parts.
  public init(terms: PhraseMatcher<Entry>, negations: TermTable<Bool>) {
    self.terms = terms
    self.negations = negations
  }

  /// Loads `sentiment/emotions.tsv` and the default negations.
  ///
  /// - Throws: `LexiconError` for a missing file or an unknown category.
  public static func loadDefault() throws -> EmotionLexicon {
    var terms = PhraseMatcher<Entry>()
    let name = "sentiment/emotions.tsv"
    for entry in try LexiconFile.loadDefault(name) {
      guard let category = entry.extra.first, let emotion = Emotion(rawValue: category) else {
        throw LexiconError(
          file: name, line: entry.line,
          message: "expected a category (\(Emotion.allCases.map(\.rawValue).joined(separator: ", "))) in column 3")
      }
      terms.add(entry.term, Entry(emotion: emotion, weight: entry.value ?? 1))
    }
    var negations = TermTable<Bool>(capacity: 96)
    for entry in try LexiconFile.loadDefault("sentiment/negations.tsv") { negations.set(entry.term, true) }
    return EmotionLexicon(terms: terms, negations: negations)
  }

  /// The emotion cues in `text`, skipping those negated by one of the two words before them.
  public func cues(in text: TokenizedText) -> [EmotionCue] {
    let matches = terms.matches(in: text)
    guard !matches.isEmpty else { return [] }
    return text.bytes.withUnsafeBufferPointer { bytes in
      var result: [EmotionCue] = []
      for match in matches {
        let start = match.tokenRange.lowerBound
        var negated = false
        for previous in stride(from: start - 1, through: max(0, start - 2), by: -1) {
          let token = text.tokens[previous]
          if token.kind == .punctuation { break }
          if negations.value(bytes, token.range) != nil { negated = true }
        }
        if negated { continue }
        result.append(
          EmotionCue(
            emotion: match.value.emotion, weight: match.value.weight, byteRange: match.byteRange,
            text: text.string(match.byteRange)))
      }
      return result
    }
  }
}
