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

  /// Contractions of lowercase letters take the plain-word path; what does not fit it (a second
  /// apostrophe, capitals after the apostrophe, a trailing apostrophe) goes the general way, and
  /// both give the same tokens, flags and hashes.
  @Test func contractionsOnThePlainPathMatchTheGeneralScanner() {
    let cases: [(String, [String], [Bool])] = [
      ("don't stop", ["don't", "stop"], [true, false]),
      ("I'm here, it's fine.", ["I'm", "here", ",", "it's", "fine", "."], [true, false, false, true, false, false]),
      ("y'all'd go", ["y'all'd", "go"], [true, false]),
      ("DON'T go", ["DON'T", "go"], [true, false]),
      ("don'T go", ["don'T", "go"], [true, false]),
      ("dogs' toys", ["dogs", "'", "toys"], [false, false, false]),
      ("o' clock", ["o", "'", "clock"], [false, false, false]),
      ("can't-stop", ["can't-stop"], [true]),
      ("he's:", ["he's", ":"], [true, false]),
      ("won't.", ["won't", "."], [true, false]),
      ("isn't", ["isn't"], [true]),
      ("rock'n'roll!", ["rock'n'roll", "!"], [true, false]),
    ]
    for (text, words, contractions) in cases {
      let tokenized = TokenizedText(text)
      #expect(tokenized.tokens.map { tokenized.string($0) } == words, "\(text)")
      #expect(tokenized.tokens.map(\.isContraction) == contractions, "\(text)")
      #expect(tokenized.tokens.allSatisfy { !$0.isAllCaps || $0.length > 3 }, "\(text)")
      tokenized.bytes.withUnsafeBufferPointer { bytes in
        #expect(tokenized.termHashes == tokenized.tokens.map { termHash(bytes, $0.range) }, "\(text)")
      }
    }
  }

  /// `isAbbreviation` compares packed integers; they must say what the word list says.
  @Test func packedAbbreviationsAgreeWithTheList() {
    for word in SentenceSplitter.abbreviations {
      for variant in [word, word.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }] {
        variant.withUnsafeBufferPointer { #expect(SentenceSplitter.isAbbreviation($0), "\(variant)") }
      }
      // One letter more or less is no abbreviation.
      (word + [0x78]).withUnsafeBufferPointer { #expect(!SentenceSplitter.isAbbreviation($0), "\(word)x") }
      if word.count > 2 {
        word.dropLast().withUnsafeBufferPointer { shorter in
          let listed = SentenceSplitter.abbreviations.contains { $0.elementsEqual(shorter) }
          #expect(SentenceSplitter.isAbbreviation(shorter) == listed, "\(word) without its last letter")
        }
      }
    }
  }
}
