import EarshotText

/// The content words of a span of text, lowercased and lightly stemmed, for comparing a question
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
          if stopwords.value(bytes, token.range) != nil { continue }
          result.insert(stem(text.string(token).lowercased()))
        case .number, .email, .url:
          result.insert(text.string(token).lowercased())
        default:
          continue
        }
      }
    }
    return result
  }

  /// A light suffix stripper: plural, -ing, -ed, -ly. Enough to match "refunds" with "refunded".
  public static func stem(_ word: String) -> String {
    var word = word.replacingOccurrences(of: "’", with: "'")
    if word.hasSuffix("'s") { word.removeLast(2) }
    for suffix in ["ingly", "edly", "ing", "ed", "ies", "es", "ly", "s"] where word.hasSuffix(suffix) {
      let stemmed = String(word.dropLast(suffix.count))
      if stemmed.count >= 3 { return suffix == "ies" ? stemmed + "y" : stemmed }
    }
    return word
  }
}
