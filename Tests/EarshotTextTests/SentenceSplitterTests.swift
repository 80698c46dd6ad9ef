import EarshotText
import Testing

@Suite struct SentenceSplitterTests {
  func sentences(_ text: String) -> [String] {
    let tokenized = TokenizedText(text)
    return tokenized.sentences.map { tokenized.string($0.byteRange) }
  }

  @Test func splitsOnEndMarks() {
    #expect(sentences("It broke. Can you fix it? Thanks!") == ["It broke.", "Can you fix it?", "Thanks!"])
  }

  @Test func keepsAbbreviationsAndInitials() {
    #expect(
      sentences("Mr. Smith called Dr. J. Doe today. He agreed.") == [
        "Mr. Smith called Dr. J. Doe today.", "He agreed.",
      ])
  }

  /// Every abbreviation in any case keeps its full stop inside the sentence; words that only
  /// start or end like one ("mrx", "ms" inside "msg", "tele") do not. ("e.g" and "i.e" are on the
  /// list, but the tokenizer splits them at their inner full stop, so they never reach it whole.)
  @Test func everyAbbreviationInAnyCaseAndNoNearMiss() {
    for word in [
      "mr", "Mrs", "MS", "dr", "St", "vs", "etc", "Inc", "LTD", "jr", "Sr", "approx", "Dept", "tel",
    ] {
      #expect(sentences("Ask \(word). Then call.") == ["Ask \(word). Then call."], "\(word)")
    }
    for word in ["mrx", "msg", "tele", "m", "approxx", "eg", "depts"] {
      #expect(sentences("Ask \(word). Then call.") == ["Ask \(word).", "Then call."], "\(word)")
    }
  }

  @Test func pronounIEndsASentence() {
    #expect(sentences("So do I. Next one.") == ["So do I.", "Next one."])
  }

  @Test func blankLineAndCapitalizedNewLineSplit() {
    #expect(sentences("first line\nSecond line") == ["first line", "Second line"])
    #expect(sentences("wrapped e-mail line\ncontinues here") == ["wrapped e-mail line\ncontinues here"])
    #expect(sentences("para one\n\npara two") == ["para one", "para two"])
  }

  @Test func closingQuoteStaysWithSentence() {
    #expect(sentences("He said \"fixed.\" Then nothing.") == ["He said \"fixed.\"", "Then nothing."])
  }

  @Test func textWithoutEndMarkIsOneSentence() {
    #expect(sentences("hi there how are you") == ["hi there how are you"])
  }

  /// `TokenizedText` finds sentence ends while it tokenizes, one token late; `SentenceSplitter.split`
  /// groups finished tokens. Both must agree on every text, so 20,000 seeded texts of the pieces
  /// that decide a boundary (end marks, abbreviations, initials, closing quotes and brackets, line
  /// breaks before capitals, digits, bullets and lowercase, links, emoji, malformed UTF-8) are split
  /// both ways.
  @Test func scanningFindsTheSentencesTheSplitterFinds() {
    let pieces: [[UInt8]] =
      [
        "Mr", "mrs", "e.g", "J", "I", "A", "a", "help", "World", "don't", "it’s", "no-one", "x", "Dr",
        "http://example.com/a.", "www.x.org", "a.b@c.co", "@agent", "#fail", "12", "3.5", "😡", "👍🏽", "…",
        "...", ".", "!", "?", "!!?", "\"", "'", ")", "]", "(", ",", ";", ":-)", ":(", "-", "•", " ", " ", " ",
        "\n", "\n\n", "\r\n", "\t", "\u{00A0}", "\u{2019}", "\u{1F3FD}",
      ].map { Array($0.utf8) } + [[0xFF], [0xE2, 0x80], [0x80]]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33) % bound
    }
    var differences = 0
    for _ in 0..<20_000 {
      var bytes: [UInt8] = []
      for _ in 0..<(1 + next(24)) { bytes += pieces[next(pieces.count)] }
      let text = TokenizedText(bytes: bytes)
      let expected = SentenceSplitter.split(tokens: text.tokens, bytes: bytes)
      if text.sentences != expected, differences < 5 {
        differences += 1
        Issue.record("\(bytes): \(text.sentences.map(\.tokenRange)) instead of \(expected.map(\.tokenRange))")
      }
    }
  }
}
