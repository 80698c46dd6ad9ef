import EarshotText

/// Rule-based valence scoring in the spirit of VADER: lexicon valences adjusted for negation,
/// boosters, capitals, contrastive "but" and exclamation marks, normalized per sentence.
///
/// A text's score is the mean of its sentences' scores, so long turns do not saturate.
public struct SentimentAnalyzer: Sendable {
  /// The word lists.
  public let lexicon: SentimentLexicon

  /// Normalization constant: compound = sum / sqrt(sum² + alpha).
  static let alpha = 15.0
  static let negationFactor = -0.74
  static let capsBoost = 0.733
  static let exclamationBoost = 0.292

  /// Creates an analyzer over `lexicon`.
  public init(lexicon: SentimentLexicon) {
    self.lexicon = lexicon
  }

  /// Creates an analyzer over the default lexicons.
  public static func loadDefault() throws -> SentimentAnalyzer {
    SentimentAnalyzer(lexicon: try SentimentLexicon.loadDefault())
  }

  /// The score of a whole text: the mean over its sentences that carry sentiment.
  public func score(_ text: TokenizedText) -> SentimentScore {
    let sentences = scoreSentences(text)
    let carrying = sentences.filter { $0.compound != 0 }
    guard !carrying.isEmpty else { return .neutral }
    let count = Double(carrying.count)
    return SentimentScore(
      compound: carrying.reduce(0) { $0 + $1.compound } / count,
      positive: carrying.reduce(0) { $0 + $1.positive } / count,
      neutral: carrying.reduce(0) { $0 + $1.neutral } / count,
      negative: carrying.reduce(0) { $0 + $1.negative } / count)
  }

  /// One score per sentence of `text`.
  public func scoreSentences(_ text: TokenizedText) -> [SentimentScore] {
    text.sentences.map { scoreSentence(text, $0).score }
  }

  /// The lexicon terms behind the score, with their adjusted valences.
  public func cues(_ text: TokenizedText) -> [SentimentCue] {
    text.sentences.flatMap { scoreSentence(text, $0).cues }
  }

  func scoreSentence(_ text: TokenizedText, _ sentence: Sentence) -> (score: SentimentScore, cues: [SentimentCue]) {
    text.bytes.withUnsafeBufferPointer { bytes in
      let tokens = text.tokens
      let range = sentence.tokenRange
      let hasMixedCase = range.contains { tokens[$0].kind == .word && !tokens[$0].isAllCaps }
      var cues: [SentimentCue] = []
      var cueTokens: [Int] = []
      var index = range.lowerBound
      var butIndex: Int?
      while index < range.upperBound {
        let token = tokens[index]
        if token.kind == .word, text.token(token, equals: "but") { butIndex = index }
        guard let match = lexicon.valences.longestMatch(bytes, tokens, at: index, limit: range.upperBound) else {
          index += 1
          continue
        }
        var valence = match.value
        // Boosters directly before the term.
        if index > range.lowerBound, let booster = boosterBefore(bytes, tokens, index, range.lowerBound) {
          valence += valence > 0 ? booster : -booster
        }
        if hasMixedCase, match.tokenRange.count == 1, token.isAllCaps {
          valence += valence > 0 ? SentimentAnalyzer.capsBoost : -SentimentAnalyzer.capsBoost
        }
        let negated = isNegated(bytes, tokens, index, range.lowerBound)
        if negated { valence *= SentimentAnalyzer.negationFactor }
        cues.append(SentimentCue(byteRange: match.byteRange, valence: valence, negated: negated))
        cueTokens.append(index)
        index = match.tokenRange.upperBound
      }
      if let butIndex {
        for position in cues.indices {
          cues[position].valence *= cueTokens[position] < butIndex ? 0.5 : 1.5
        }
      }
      var sum = cues.reduce(0) { $0 + $1.valence }
      if sum != 0 { sum += (sum > 0 ? 1 : -1) * exclamationEmphasis(bytes, tokens, range) }
      let compound = sum / (sum * sum + SentimentAnalyzer.alpha).squareRoot()
      var positive = 0.0
      var negative = 0.0
      for cue in cues {
        if cue.valence > 0 { positive += cue.valence + 1 } else if cue.valence < 0 { negative += -cue.valence + 1 }
      }
      let neutralCount = Double(range.count - cues.count)
      let total = positive + negative + max(0, neutralCount)
      let score =
        total == 0
        ? SentimentScore.neutral
        : SentimentScore(
          compound: compound, positive: positive / total, neutral: max(0, neutralCount) / total,
          negative: negative / total)
      return (score, cues)
    }
  }

  func boosterBefore(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ index: Int, _ lower: Int
  ) -> Double? {
    for start in stride(from: index - 1, through: max(lower, index - 2), by: -1) {
      if let match = lexicon.boosters.longestMatch(bytes, tokens, at: start, limit: index),
        match.tokenRange.upperBound == index
      {
        return match.value
      }
    }
    return nil
  }

  func isNegated(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ index: Int, _ lower: Int) -> Bool {
    var negations = 0
    for previous in stride(from: index - 1, through: max(lower, index - 3), by: -1) {
      let token = tokens[previous]
      if token.kind == .punctuation { break }
      if lexicon.negations.value(bytes, token.range) != nil || endsWithNT(bytes, token) { negations += 1 }
    }
    return negations % 2 == 1
  }

  func endsWithNT(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    guard token.isContraction, token.length >= 3 else { return false }
    let last = ASCII.lowercase(bytes[token.end - 1])
    let beforeLast = ASCII.lowercase(bytes[token.end - 2])
    return last == UInt8(ascii: "t") && beforeLast == UInt8(ascii: "'") && ASCII.lowercase(bytes[token.end - 3]) == 0x6E
  }

  func exclamationEmphasis(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ range: Range<Int>) -> Double {
    var marks = 0
    for index in range where tokens[index].kind == .punctuation {
      for offset in tokens[index].range where bytes[offset] == UInt8(ascii: "!") { marks += 1 }
    }
    return Double(min(marks, 4)) * SentimentAnalyzer.exclamationBoost
  }
}
