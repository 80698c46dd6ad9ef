/// A text's UTF-8 bytes with its tokens and sentences.
///
/// Tokens are byte ranges into `bytes`; nothing is copied per token. Use `string(_:)` only
/// where a `String` is really needed (evidence, output), never in a scoring loop.
public struct TokenizedText: Sendable {
  /// The text's UTF-8 bytes.
  public let bytes: [UInt8]
  /// The tokens in order.
  public let tokens: [Token]
  /// The sentences, as ranges of token indices.
  public let sentences: [Sentence]
  /// Each token's `termHash`, computed once for all the lexicon tables that look the token up.
  public let termHashes: [Int]

  /// Tokenizes and splits `text`.
  public init(_ text: String) {
    self.init(bytes: Array(text.utf8))
  }

  /// Tokenizes and splits UTF-8 `bytes`.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
    // One scan finds the tokens, their hashes and the sentences (as `SentenceSplitter.split`
    // groups the tokens).
    let (tokens, hashes, sentences) = Tokenizer.tokenizeHashAndSplit(bytes)
    self.tokens = tokens
    self.sentences = sentences
    self.termHashes = hashes
  }

  /// The token's text.
  public func string(_ token: Token) -> String {
    String(decoding: bytes[token.start..<token.end], as: UTF8.self)
  }

  /// The text of a byte range.
  public func string(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  /// Whether the token's bytes equal the lowercase ASCII `word`, ignoring case.
  public func token(_ token: Token, equals word: StaticString) -> Bool {
    guard token.length == word.utf8CodeUnitCount else { return false }
    return word.withUTF8Buffer { expected in
      for offset in 0..<expected.count where ASCII.lowercase(bytes[token.start + offset]) != expected[offset] {
        return false
      }
      return true
    }
  }

  /// Whether every byte of the token is ASCII, so byte-wise lookups and ASCII case folding
  /// give the same answer as Unicode string operations.
  @inlinable public func isASCII(_ token: Token) -> Bool {
    for index in token.start..<token.end where bytes[index] >= 0x80 { return false }
    return true
  }

  /// The text of an ASCII token, lowercased (`string(token).lowercased()` without Unicode tables).
  public func lowercasedASCII(_ token: Token) -> String {
    String(unsafeUninitializedCapacity: token.length) { buffer in
      for offset in 0..<token.length { buffer[offset] = ASCII.lowercase(bytes[token.start + offset]) }
      return token.length
    }
  }

  /// Whether the token's text contains "?" (as `string(token).contains("?")` says, without the
  /// String when the token is ASCII).
  public func containsQuestionMark(_ token: Token) -> Bool {
    if isASCII(token) { return bytes[token.start..<token.end].contains(0x3F) }
    return string(token).contains("?")
  }

  /// The word tokens' indices, for detectors that skip punctuation.
  public var wordIndices: [Int] {
    tokens.indices.filter { tokens[$0].kind == .word }
  }
}

/// A sentence: a run of tokens and the bytes they span.
public struct Sentence: Sendable, Hashable {
  /// Indices into `TokenizedText.tokens`.
  public var tokenRange: Range<Int>
  /// UTF-8 range from the first token's start to the last token's end.
  public var byteRange: Range<Int>

  /// Creates a sentence.
  public init(tokenRange: Range<Int>, byteRange: Range<Int>) {
    self.tokenRange = tokenRange
    self.byteRange = byteRange
  }
}
