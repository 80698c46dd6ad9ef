/// Splits a token stream into sentences.
///
/// A sentence ends after `.`, `!`, `?` or `…` (but not after an abbreviation or an initial),
/// at a blank line, and at a line break followed by a capital, a digit or a bullet: chat and
/// e-mail text often has no final punctuation, while wrapped e-mail lines continue in lowercase.
public enum SentenceSplitter {
  /// Groups `tokens` of `bytes` into sentences.
  public static func split(tokens: [Token], bytes: [UInt8]) -> [Sentence] {
    guard !tokens.isEmpty else { return [] }
    var sentences: [Sentence] = []
    var first = 0
    var endAfterClosing = false
    for index in tokens.indices {
      let token = tokens[index]
      let isLast = index == tokens.count - 1
      var ends = isLast
      if !ends, endAfterClosing {
        // The closing quote or bracket after an end mark ends the sentence, unless another follows.
        endAfterClosing = continuesClosingPunctuation(tokens[index + 1], after: token, bytes: bytes)
        ends = !endAfterClosing
      } else if !ends, endsSentence(token, previous: index > 0 ? tokens[index - 1] : nil, bytes: bytes) {
        endAfterClosing = continuesClosingPunctuation(tokens[index + 1], after: token, bytes: bytes)
        ends = !endAfterClosing
      }
      if !ends, !isLast, breaksLine(between: token, and: tokens[index + 1], bytes: bytes) {
        ends = true
      }
      if ends {
        sentences.append(Sentence(tokenRange: first..<(index + 1), byteRange: tokens[first].start..<token.end))
        first = index + 1
      }
    }
    return sentences
  }

  static func endsSentence(_ token: Token, previous: Token?, bytes: [UInt8]) -> Bool {
    guard token.kind == .punctuation || token.kind == .emoticon || token.kind == .emoji else { return false }
    if token.kind != .punctuation { return false }
    let lead = bytes[token.start]
    if lead == 0x21 || lead == 0x3F { return true }
    if lead == 0xE2, token.length == 3, bytes[token.start + 1] == 0x80, bytes[token.start + 2] == 0xA6 { return true }
    guard lead == 0x2E else { return false }
    if token.length > 1 { return true }  // an ellipsis "..."
    guard let previous, previous.kind == .word, previous.end == token.start else { return true }
    return !isAbbreviation(bytes[previous.start..<previous.end])
  }

  /// A closing quote or bracket right after the end mark belongs to the same sentence.
  static func continuesClosingPunctuation(_ next: Token, after token: Token, bytes: [UInt8]) -> Bool {
    guard next.kind == .punctuation, next.start == token.end else { return false }
    let lead = bytes[next.start]
    return lead == 0x29 || lead == 0x22 || lead == 0x27 || lead == 0x5D
  }

  static func breaksLine(between token: Token, and next: Token, bytes: [UInt8]) -> Bool {
    var newlines = 0
    for index in token.end..<next.start where bytes[index] == 0x0A { newlines += 1 }
    if newlines == 0 { return false }
    if newlines >= 2 { return true }
    let lead = bytes[next.start]
    return ASCII.isUpper(lead) || ASCII.isDigit(lead) || next.kind != .word
  }

  static let abbreviations: Set<[UInt8]> = Set(
    ["mr", "mrs", "ms", "dr", "st", "vs", "etc", "inc", "ltd", "jr", "sr", "e.g", "i.e", "approx", "dept", "tel"]
      .map { Array($0.utf8) })

  static func isAbbreviation(_ word: ArraySlice<UInt8>) -> Bool {
    if word.count == 1 {  // an initial ("J. Smith"), but not "I." or "a."
      let letter = word[word.startIndex]
      return ASCII.isUpper(letter) && letter != 0x49 && letter != 0x41
    }
    return abbreviations.contains(word.map(ASCII.lowercase))
  }
}
