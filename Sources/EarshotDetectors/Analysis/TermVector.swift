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
    // Summed in stem order, not the dictionary's per-process order, so a cosine is the same to the
    // last bit on every run (ties between replies' cosines then break the same way).
    sorted = weights.sorted { $0.key < $1.key }.map { (stem: $0.key, weight: $0.value) }
    norm = sorted.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
  }

  /// The weights in stem order.
  private var sorted: [(stem: String, weight: Double)] = []
  /// The Euclidean length of the weights.
  private var norm = 0.0

  /// Cosine similarity in [0, 1].
  public func cosine(_ other: TermVector) -> Double {
    let norms = norm * other.norm
    guard norms > 0 else { return 0 }
    var dot = 0.0
    var mine = 0
    var theirs = 0
    while mine < sorted.count && theirs < other.sorted.count {
      if sorted[mine].stem == other.sorted[theirs].stem {
        dot += sorted[mine].weight * other.sorted[theirs].weight
        mine += 1
        theirs += 1
      } else if sorted[mine].stem < other.sorted[theirs].stem {
        mine += 1
      } else {
        theirs += 1
      }
    }
    return dot / norms
  }
}
