import EarshotText
import Testing

@testable import EarshotSentiment

/// The scoring loop's word table: every spelling path (short ASCII words read as one integer,
/// long or non-ASCII words normalized byte by byte) must find the same entries.
@Suite struct WordTableTests {
  func table(_ words: [String]) -> WordTable {
    var table = WordTable()
    for (id, word) in words.enumerated() { table.insert(Array(word.utf8), Int32(id)) }
    return table
  }

  /// Looks `word` up as a token inside `prefix + word + suffix`, so the word sits at the start,
  /// middle or end of a buffer shorter or longer than eight bytes.
  func lookup(_ table: WordTable, _ word: String, prefix: String = "", suffix: String = "") -> Int32 {
    let bytes = Array((prefix + word + suffix).utf8)
    let start = prefix.utf8.count
    return bytes.withUnsafeBufferPointer { table.lookup($0, start..<(start + word.utf8.count)) }
  }

  @Test func findsWordsOfEveryLengthWhereverTheyStand() {
    let words = (1...20).map { String(repeating: "ab", count: $0 / 2) + ($0 % 2 == 1 ? "c" : "") }
    let table = table(words)
    for (id, word) in words.enumerated() {
      #expect(lookup(table, word) == Int32(id), "alone: \(word)")
      #expect(lookup(table, word, prefix: "x ") == Int32(id), "at the end: \(word)")
      #expect(lookup(table, word, suffix: " and more text after it") == Int32(id), "at the start: \(word)")
      #expect(lookup(table, word, prefix: "some text ", suffix: " more") == Int32(id), "in the middle: \(word)")
    }
  }

  @Test func ignoresCaseAndReadsTheTypographicApostropheAsPlain() {
    let table = table(["good", "don't", "customerservice", "café"])
    #expect(lookup(table, "GOOD") == 0)
    #expect(lookup(table, "Good", prefix: "very ") == 0)
    #expect(lookup(table, "don’t") == 1)
    #expect(lookup(table, "DON’T", prefix: "I ", suffix: " know") == 1)
    #expect(lookup(table, "CustomerService") == 2)
    #expect(lookup(table, "café", prefix: "the ") == 3)
  }

  @Test func unknownWordsAndNearMissesAreNotFound() {
    let table = table(["good", "goodness", "bad"])
    #expect(lookup(table, "goo") == -1)
    #expect(lookup(table, "goods") == -1)
    #expect(lookup(table, "goodnesses") == -1)
    #expect(lookup(table, "the") == -1)
    #expect(lookup(table, "g\u{00F6}od") == -1)
  }

  @Test func keepsEveryWordThroughGrowth() {
    let words = (0..<40_000).map { "word\($0)" }
    let table = table(words)
    for id in stride(from: 0, to: words.count, by: 997) {
      #expect(lookup(table, words[id].uppercased(), prefix: "a ") == Int32(id))
    }
    #expect(lookup(table, "word40000") == -1)
  }

  @Test func renumberingKeepsSpellingsWithTheirNewIDs() {
    var table = table(["alpha", "beta", "gamma-delta-epsilon"])
    table.renumber([2, 0, 1])
    #expect(lookup(table, "alpha") == 2)
    #expect(lookup(table, "BETA") == 0)
    #expect(lookup(table, "gamma-delta-epsilon") == 1)
  }
}

/// The compiled lexicon gives inert words the highest ids and skips phrase candidates whose
/// second word cannot follow; scoring must come out as if every candidate had been tried.
@Suite struct CompiledLexiconTests {
  let analyzer: SentimentAnalyzer

  init() throws {
    analyzer = try SentimentAnalyzer.loadDefault()
  }

  func id(_ word: String) -> Int32 {
    let bytes = Array(word.utf8)
    return bytes.withUnsafeBufferPointer { analyzer.tables.compiled.id($0, 0..<bytes.count) }
  }

  @Test func inertWordsAreTheOnesWithNothingToLookUp() {
    let compiled = analyzer.tables.compiled
    #expect(!compiled.isInert(id("good")))  // a sentiment word
    #expect(!compiled.isInert(id("very")))  // a booster
    #expect(!compiled.isInert(id("not")))  // a negation
    #expect(!compiled.isInert(id("still")))  // starts "still not working"
    #expect(compiled.isInert(id("the table".split(separator: " ").last.map(String.init)!)))
    #expect(compiled.isInert(-1))
    // Every word's id is its slot, and the slot's inert flag agrees with the entry it holds.
    let table = compiled.vocabulary
    var words = 0
    for id in table.slots.indices where table.slots[id].isOccupied {
      words += 1
      #expect(table.ids[id] == Int32(id))
      let slot = table.slots[id]
      let boosterFlags = WordTable.Flags.booster | WordTable.Flags.startsBoosterPhrases | WordTable.Flags.negation
      let nothing = slot.valence == 0 && slot.phraseCount == 0 && slot.flags & boosterFlags == 0
      #expect(compiled.isInert(Int32(id)) == nothing, "slot \(id)")
    }
    #expect(words == table.count && words > 7_000)
  }

  /// Every one-word valence term of the layered lexicons (words, emoticons, emoji, slang) is found
  /// with its valence, spelled as stored, in capitals and (for `'`) with the typographic apostrophe,
  /// by the text's own hash as scoring looks it up; words one letter longer or shorter are found
  /// only when they are vocabulary words themselves.
  @Test func everyLexiconWordIsFoundWithItsEntryByTheTokensHash() {
    let compiled = analyzer.tables.compiled
    let entries = analyzer.lexicon.words.entries
    #expect(entries.count > 7_000)
    var vocabulary = Set<String>()
    for (term, _) in entries { vocabulary.insert(term) }
    func lookup(_ text: String) -> Int32 {
      let tokenized = TokenizedText(text)
      // Looked up as scoring does: the whole text as one range, with the hash TermHash gives it.
      return tokenized.bytes.withUnsafeBufferPointer { bytes in
        compiled.vocabulary.lookup(bytes, 0..<bytes.count, hash: TermHash.hash(bytes, 0..<bytes.count))
      }
    }
    var nonASCII = 0
    var misses: [String] = []
    for (term, valence) in entries {
      let id = lookup(term)
      guard id >= 0, compiled.valence(id) == valence else {
        misses.append(term)
        continue
      }
      if term.utf8.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
      let capitals = String(decoding: term.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
      #expect(lookup(capitals) == id, "\(term) in capitals")
      if term.contains("'") {
        #expect(lookup(term.replacingOccurrences(of: "'", with: "\u{2019}")) == id, "\(term) with ’")
      }
      for near in [term + "q", String(term.dropLast())] where !near.isEmpty && !vocabulary.contains(near) {
        let nearID = lookup(near)
        #expect(compiled.valence(nearID) == 0, "\(near) is no lexicon word")
      }
    }
    #expect(misses.isEmpty, "not found with their valence: \(misses.prefix(10))")
    #expect(nonASCII > 300, "the emoji and other non-ASCII terms were looked up")
    #expect(lookup("qwertyuiopasdf") == -1)
    #expect(lookup("qxzvbn") == -1)
  }

  @Test func emoticonsAndPhrasesStillMatchAfterTheSecondWordCheck() {
    // "(" and ":" start dozens of emoticon phrases; spaced out they are plain punctuation.
    #expect(analyzer.score(TokenizedText("the (-:")).compound > 0.05)
    #expect(analyzer.score(TokenizedText("the ( - :")).compound == 0)
    #expect(analyzer.score(TokenizedText("it is still not working")).compound < -0.05)
    #expect(analyzer.score(TokenizedText("no problem at all")).compound > 0.05)
  }
}
