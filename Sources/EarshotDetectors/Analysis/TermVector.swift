import EarshotText

/// A bag of stemmed content terms weighted by TF-IDF, for cosine similarity between two texts.
public struct TermVector: Sendable {
  /// Weight by stem.
  public private(set) var weights: [String: Double] = [:]

  /// The vector of `text`'s content terms (tokens in `tokenRange`, or all), weighted by `corpus`.
  public init(
    _ text: TokenizedText, tokenRange: Range<Int>? = nil, stopwords: TermTable<Bool>, corpus: CorpusStatistics
  ) {
    let range = tokenRange ?? 0..<text.tokens.count
    var counts: [String: Double] = [:]
    text.bytes.withUnsafeBufferPointer { bytes in
      for index in range {
        let token = text.tokens[index]
        guard token.kind == .word || token.kind == .number, stopwords.value(bytes, token.range) == nil else {
          continue
        }
        counts[Stemmer.stem(text.string(token)), default: 0] += 1
      }
    }
    for (stem, count) in counts { weights[stem] = count * corpus.idf(stem) }
  }

  /// Cosine similarity in [0, 1].
  public func cosine(_ other: TermVector) -> Double {
    var dot = 0.0
    for (stem, weight) in weights { dot += weight * (other.weights[stem] ?? 0) }
    let norms = norm * other.norm
    return norms > 0 ? dot / norms : 0
  }

  var norm: Double { weights.values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
