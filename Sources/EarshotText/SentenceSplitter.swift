/// Splits a token stream into sentences.
///
/// A sentence ends after `.`, `!`, `?` or `…` (but not after an abbreviation or an initial),
/// at a blank line, and at a line break followed by a capital, a digit or a bullet: chat and
/// e-mail text often has no final punctuation, while wrapped e-mail lines continue in lowercase.
public enum SentenceSplitter {
  /// Groups `tokens` of `bytes` into sentences.
  public static func split(tokens: [Token], bytes: [UInt8]) -> [Sentence] {
    guard !tokens.isEmpty else { return [] }
    // Raw buffers: this runs over every token of every text scored.
    return tokens.withUnsafeBufferPointer { tokens in
      bytes.withUnsafeBufferPointer { bytes in split(tokens, bytes) }
    }
  }

  static func split(_ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>) -> [Sentence] {
    var sentences: [Sentence] = []
    sentences.reserveCapacity(tokens.count / 6 + 2)
    forEachSentence(tokens, bytes) { sentences.append($0) }
    return sentences
  }

  /// Calls `body` with each sentence of `tokens` in order, as `split` groups them, without an array
  /// (`SentimentAnalyzer.score(utf8:)` scores each sentence as it is found).
  @inline(__always)
  public static func forEachSentence(
    _ tokens: UnsafeBufferPointer<Token>, _ bytes: UnsafeBufferPointer<UInt8>, _ body: (Sentence) -> Void
  ) {
    guard !tokens.isEmpty else { return }
    var first = 0
    var endAfterClosing = false
    let last = tokens.count - 1
    for index in 0..<tokens.count {
      let token = tokens[index]
      let isLast = index == last
      var ends = isLast
      if !ends, endAfterClosing {
        // The closing quote or bracket after an end mark ends the sentence, unless another follows.
        endAfterClosing = continuesClosingPunctuation(tokens[index + 1], after: token, bytes: bytes)
        ends = !endAfterClosing
      } else if !ends, token.kind == .punctuation,
        endsSentence(token, previous: index > 0 ? tokens[index - 1] : nil, bytes: bytes)
      {
        endAfterClosing = continuesClosingPunctuation(tokens[index + 1], after: token, bytes: bytes)
        ends = !endAfterClosing
      }
      if !ends, !isLast, breaksLine(between: token, and: tokens[index + 1], bytes: bytes) {
        ends = true
      }
      if ends {
        body(Sentence(tokenRange: first..<(index + 1), byteRange: tokens[first].start..<token.end))
        first = index + 1
      }
    }
  }

  static func endsSentence(_ token: Token, previous: Token?, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard token.kind == .punctuation else { return false }
    let lead = bytes[token.start]
    if lead == 0x21 || lead == 0x3F { return true }
    if lead == 0xE2, token.length == 3, bytes[token.start + 1] == 0x80, bytes[token.start + 2] == 0xA6 { return true }
    guard lead == 0x2E else { return false }
    if token.length > 1 { return true }  // an ellipsis "..."
    guard let previous, previous.kind == .word, previous.end == token.start else { return true }
    return !isAbbreviation(UnsafeBufferPointer(rebasing: bytes[previous.start..<previous.end]))
  }

  /// A closing quote or bracket right after the end mark belongs to the same sentence.
  static func continuesClosingPunctuation(_ next: Token, after token: Token, bytes: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard next.kind == .punctuation, next.start == token.end else { return false }
    let lead = bytes[next.start]
    return lead == 0x29 || lead == 0x22 || lead == 0x27 || lead == 0x5D
  }

  @inline(__always)
  static func breaksLine(between token: Token, and next: Token, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    // Most tokens are one space apart: no line break to look for.
    if next.start &- token.end == 1, bytes[token.end] == 0x20 { return false }
    var newlines = 0
    for index in token.end..<next.start where bytes[index] == 0x0A { newlines += 1 }
    if newlines == 0 { return false }
    if newlines >= 2 { return true }
    let lead = bytes[next.start]
    return ASCII.isUpper(lead) || ASCII.isDigit(lead) || next.kind != .word
  }

  /// The words whose full stop does not end a sentence (`isAbbreviation` compares packed
  /// copies; `TokenizerScanTests` checks that they agree).
  static let abbreviations: [[UInt8]] =
    ["mr", "mrs", "ms", "dr", "st", "vs", "etc", "inc", "ltd", "jr", "sr", "e.g", "i.e", "approx", "dept", "tel"]
    .map { Array($0.utf8) }

  /// A word of at most eight bytes, ASCII capitals lowercased, as one little-endian integer.
  @inline(__always)
  static func packedLowercase(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var packed: UInt64 = 0
    for offset in 0..<word.count { packed |= UInt64(ASCII.lowercase(word[offset])) << (8 &* UInt64(offset)) }
    return packed
  }

  static func isAbbreviation(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
    if word.count == 1 {  // an initial ("J. Smith"), but not "I." or "a."
      let letter = word[0]
      return ASCII.isUpper(letter) && letter != 0x49 && letter != 0x41
    }
    guard word.count <= maxAbbreviationLength else { return false }
    // `abbreviations` packed as `packedLowercase` reads a word (checked against the list by
    // `TokenizerScanTests`): one integer compared at every full stop after a word. No word
    // packs to zero and no abbreviation contains a zero byte, so equal integers mean equal words.
    switch packedLowercase(word) {
    case 0x726D /* mr */,
      0x73726D /* mrs */,
      0x736D /* ms */,
      0x7264 /* dr */,
      0x7473 /* st */,
      0x7376 /* vs */,
      0x637465 /* etc */,
      0x636E69 /* inc */,
      0x64746C /* ltd */,
      0x726A /* jr */,
      0x7273 /* sr */,
      0x672E65 /* e.g */,
      0x652E69 /* i.e */,
      0x786F72707061 /* approx */,
      0x74706564 /* dept */,
      0x6C6574 /* tel */:
      return true
    default:
      return false
    }
  }

  static let maxAbbreviationLength = 6
}
