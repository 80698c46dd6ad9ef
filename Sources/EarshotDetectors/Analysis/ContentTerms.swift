import EarshotText

/// The content words of a span of text, lowercased and Porter2-stemmed, for comparing a question
/// with its reply.
public enum ContentTerms {
  /// Content terms of the tokens in `tokenRange`: words of 3+ letters and numbers, minus stopwords.
  public static func terms(
    in text: TokenizedText, tokenRange: Range<Int>? = nil, stopwords: TermTable<Bool>
  ) -> Set<String> {
    let range = tokenRange ?? 0..<text.tokens.count
    var result = Set<String>()
    text.bytes.withUnsafeBufferPointer { bytes in
      for index in range {
        let token = text.tokens[index]
        switch token.kind {
        case .word where token.length >= 3:
          if stopwords.value(bytes, token.range, hash: text.termHashes[index]) != nil { continue }
          if text.isASCII(token) {
            // Lowercase ASCII: the cached String stem is the same as stemming the bytes.
            result.insert(Stemmer.stem(text.lowercasedASCII(token)))
          } else {
            result.insert(stem(text.string(token).lowercased()))
          }
        case .number, .email, .url:
          result.insert(text.string(token).lowercased())
        default:
          continue
        }
      }
    }
    return result
  }

  /// The Porter2 stem of a lowercased word.
  public static func stem(_ word: String) -> String { Stemmer.stem(word) }
}
