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
          let word = UnsafeBufferPointer(rebasing: bytes[token.range])
          if word.allSatisfy({ $0 < 0x80 }) {
            // Lowercase ASCII: the cached String stem is the same as stemming the bytes.
            let lowercased = String(unsafeUninitializedCapacity: word.count) { buffer in
              for index in word.indices { buffer[index] = ASCII.lowercase(word[index]) }
              return word.count
            }
            result.insert(Stemmer.stem(lowercased))
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
