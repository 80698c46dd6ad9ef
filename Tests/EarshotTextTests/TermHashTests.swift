import Testing

@testable import EarshotText

/// `TermHash` is the one hash every lexicon table uses: a token's hash from the tokenizer's
/// plain-word path, from the general path and from a lexicon's normalized key must agree, or a
/// lookup silently misses.
@Suite struct TermHashTests {
  func hash(_ text: String, prefix: String = "", suffix: String = "") -> UInt64 {
    let bytes = Array((prefix + text + suffix).utf8)
    let start = prefix.utf8.count
    return bytes.withUnsafeBufferPointer { TermHash.hash($0, start..<(start + text.utf8.count)) }
  }

  func normalizedHash(_ key: String) -> UInt64 {
    Array(key.utf8).withUnsafeBufferPointer { TermHash.hash(normalized: $0) }
  }

  @Test func textHashesLikeItsNormalizedKeyWhateverItsCaseOrPlace() {
    let pairs: [(text: String, key: String)] = [
      ("good", "good"), ("GOOD", "good"), ("Good", "good"), ("a", "a"), ("I", "i"),
      ("customerservice", "customerservice"), ("CustomerService", "customerservice"),
      ("unbelievably-good-service", "unbelievably-good-service"),
      ("don’t", "don't"), ("DON’T", "don't"), ("couldn’t’ve", "couldn't've"),
      ("café", "café"), ("CAFÉ", "cafÉ"), ("😀", "😀"), ("👍🏽", "👍🏽"), (":-)", ":-)"), ("&lt;3", "&lt;3"),
    ]
    for (text, key) in pairs {
      let expected = normalizedHash(key)
      #expect(hash(text) == expected, "alone: \(text)")
      #expect(hash(text, prefix: "x ") == expected, "at the end of a text: \(text)")
      #expect(hash(text, suffix: " and more text after it") == expected, "at the start: \(text)")
      #expect(hash(text, prefix: "some text ", suffix: " more") == expected, "in the middle: \(text)")
    }
  }

  @Test func differentTermsHashApart() {
    let terms = ["good", "goods", "goo", "doog", "good!", "go od", "bad", "not", "no", "on", "", "a", "b"]
    let hashes = Set(terms.map { normalizedHash($0) })
    #expect(hashes.count == terms.count)
    // Words sharing their first eight bytes differ by the rest.
    #expect(hash("customerservice") != hash("customerservices"))
    #expect(hash("customer") != hash("customers"))
  }

  @Test func tokenizedTextHashesEveryTokenAsTermHashDoes() {
    let texts = [
      "I don’t like it!!! The service was GREAT, but the app is still not working :( 😡👍🏽",
      "Mail me at someone@example.com or see https://example.com/help, #fail @brand",
      "Customer-service representatives were unbelievably slow… 3.5 stars 1,000 times",
      "Ça marche très bien, merci beaucoup ¡genial! straße ÜBER",
      "a",
      "",
    ]
    for text in texts {
      let tokenized = TokenizedText(text)
      #expect(tokenized.termHashes.count == tokenized.tokens.count)
      tokenized.bytes.withUnsafeBufferPointer { bytes in
        for (token, hash) in zip(tokenized.tokens, tokenized.termHashes) {
          #expect(hash == termHash(bytes, token.range), "\(tokenized.string(token)) in \(text)")
        }
      }
    }
  }

  @Test func withTokensGivesTheTokensAndHashesOfTokenizedText() {
    let texts = [
      "It's still not working :( and the agent hung up on me!!! 😡",
      "Great service, thanks a lot :-) www.example.com",
      ",,,,!!!???...",
      "x\u{FE0F}\u{FE0F}\u{1F3FD}",
    ]
    for text in texts {
      let expected = TokenizedText(text)
      expected.bytes.withUnsafeBufferPointer { bytes in
        Tokenizer.withTokens(bytes) { tokens, hashes, sentenceEnds in
          #expect(Array(tokens) == expected.tokens, "\(text)")
          #expect(Array(hashes) == expected.termHashes, "\(text)")
          #expect(sentenceEnds.map { Int($0) } == expected.sentences.map(\.tokenRange.upperBound), "\(text)")
          var sentences: [Sentence] = []
          SentenceSplitter.forEachSentence(tokens, bytes) { sentences.append($0) }
          #expect(sentences == expected.sentences, "\(text)")
        }
      }
    }
  }

  /// A short text is first tokenized into 1 KiB on the stack (28 tokens); one with more tokens
  /// is tokenized again into memory for a token per byte, the most a text can have.
  @Test func textsWithMoreTokensThanTheStackScratchHoldsComeOutWhole() {
    for (text, count) in [
      (String(repeating: ",", count: 300), 300), (String(repeating: ",", count: 100), 100),
      (String(repeating: "a ", count: 28), 28), (String(repeating: "a ", count: 29), 29),
      (String(repeating: "a ", count: 32), 32), (String(repeating: "a ", count: 33), 33),
      (String(repeating: "a,", count: 64), 128), ("ok", 1),
      // Past 64 KiB the tokens go to growing arrays instead of scratch for a token per byte.
      (String(repeating: "It is not good, ", count: 5_000), 25_000),
    ] {
      let expected = TokenizedText(text)
      #expect(expected.tokens.count == count, "\(text)")
      expected.bytes.withUnsafeBufferPointer { buffer in
        var calls = 0
        Tokenizer.withTokens(buffer) { tokens, hashes, sentenceEnds in
          calls += 1
          #expect(Array(tokens) == expected.tokens, "\(text)")
          #expect(Array(hashes) == expected.termHashes, "\(text)")
          #expect(sentenceEnds.map { Int($0) } == expected.sentences.map(\.tokenRange.upperBound), "\(text)")
        }
        #expect(calls == 1, "body runs once: \(text)")
      }
    }
  }

  /// Texts too long for the stack use the thread's scratch block, which a nested call (a body that
  /// tokenizes again) must not share: the outer tokens stay intact while the inner call runs, on
  /// this thread and on others at the same time.
  @Test func nestedAndConcurrentCallsKeepTheirOwnScratch() async {
    let outerText = String(repeating: "The agent was not helpful at all, ", count: 12)
    let innerText = String(repeating: "Great, thanks! ", count: 20)
    let outer = TokenizedText(outerText)
    let inner = TokenizedText(innerText)
    func check() -> Int {
      var checked = 0
      outer.bytes.withUnsafeBufferPointer { outerBytes in
        Tokenizer.withTokens(outerBytes) { tokens, hashes, _ in
          inner.bytes.withUnsafeBufferPointer { innerBytes in
            Tokenizer.withTokens(innerBytes) { innerTokens, innerHashes, innerEnds in
              // Compared as one Bool: a failure would otherwise print hundreds of tokens.
              let same =
                Array(innerTokens) == inner.tokens && Array(innerHashes) == inner.termHashes
                && innerEnds.map { Int($0) } == inner.sentences.map(\.tokenRange.upperBound)
              #expect(same, "the nested call's tokens, hashes and sentence ends")
              checked += 1
            }
          }
          let same = Array(tokens) == outer.tokens && Array(hashes) == outer.termHashes
          #expect(same, "the outer call's tokens and hashes after the nested call")
          checked += 1
        }
      }
      return checked
    }
    #expect(check() == 2)
    let counts = await withTaskGroup(of: Int.self) { group in
      for _ in 0..<8 { group.addTask { (0..<50).reduce(0) { total, _ in total + check() } } }
      return await group.reduce(0, +)
    }
    #expect(counts == 8 * 50 * 2)
  }
}
