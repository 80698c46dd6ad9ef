import Testing

@testable import EarshotText

/// The tokenizer finds the end of a lowercase word eight bytes at a time: words of every length,
/// at every distance from the end of the text and before every kind of byte, must come out whole.
@Suite struct TokenizerScanTests {
  @Test func lowercaseWordsOfEveryLengthEndWhereTheirLettersEnd() {
    let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    let followers = ["", " ", ".", ",", "!", "?", "'", "-", "_", "0", "Z", "é", "’", "\n", ":)", "{", "`", "@x.io"]
    for length in 1...20 {
      let word = String(decoding: (0..<length).map { letters[($0 * 7) % 26] }, as: UTF8.self)
      for follower in followers {
        for padding in ["", "x ", "some longer text before it "] {
          let text = padding + word + follower
          let tokenized = TokenizedText(text)
          let shown = tokenized.tokens.map { tokenized.string($0) }
          let index = padding.isEmpty ? 0 : padding.split(separator: " ").count
          #expect(shown.count > index, "\(text)")
          guard shown.count > index else { continue }
          let first = shown[index]
          // The word stands alone unless what follows continues a word, address or emoticon.
          if ["", " ", ".", ",", "!", "?", "\n"].contains(follower) {
            #expect(first == word, "\(text) → \(shown)")
          } else {
            #expect(first.hasPrefix(word), "\(text) → \(shown)")
          }
        }
      }
    }
  }

  @Test func plainWordsAndTheGeneralScannerAgreeOnMixedText() {
    let text = "abcdefgh abcdefghi ABCDEFGH Abcdefghijklmnop abc{def abc`def abcdefgh{ abcdefgh` end"
    let tokenized = TokenizedText(text)
    let shown = tokenized.tokens.map { tokenized.string($0) }
    #expect(
      shown == [
        "abcdefgh", "abcdefghi", "ABCDEFGH", "Abcdefghijklmnop", "abc", "{", "def", "abc", "`", "def", "abcdefgh", "{",
        "abcdefgh", "`", "end",
      ])
    #expect(tokenized.tokens[2].isAllCaps)
  }
}
