import EarshotText

/// The sentiment word lists compiled for the scoring loop: one hash lookup per token yields the
/// word's slot in `vocabulary`, which is also its id and holds its valence, its flags (booster,
/// negation, inert, starts only phrases) and the range of phrases that start with it, all in flat
/// non-generic arrays (no per-lookup dictionary hashing, retains or generic metadata).
struct CompiledLexicon: Sendable {
  /// What the compiler gathers about one word while it builds (by the word's first id).
  private struct WordInfo {
    var valence = 0.0
    var booster = 0.0
    var isBooster = false
    var isNegation = false
    var phraseStart: Int32 = 0
    var phraseEnd: Int32 = 0
    var boosterStart: Int32 = 0
    var boosterEnd: Int32 = 0

    /// Neither a sentiment word, a booster, a negation nor the start of a phrase: scoring counts
    /// it as neutral without looking further.
    var isInert: Bool {
      valence == 0 && !isBooster && !isNegation && phraseEnd == phraseStart && boosterEnd == boosterStart
    }
  }

  /// A word's booster data, apart from its slot: only tokens whose slot flags a booster read it.
  struct BoosterEntry: Sendable {
    /// Booster value when the word alone is a booster.
    var value = 0.0
    /// Multi-word boosters starting with this word: `boosterPhrases[start..<end]`.
    var start: Int32 = 0
    var end: Int32 = 0
    /// One bit (id mod 64) for the second word of each multi-word booster starting here.
    var secondWords: UInt64 = 0
  }

  /// A term of one or more words: `words[start..<end]` are their ids.
  struct Phrase: Sendable {
    var start: Int32
    var end: Int32
    var value: Double
    var count: Int { Int(end - start) }
  }

  /// Ids of the words the rules test by name, so a rule compares one integer instead of spelling.
  struct RuleWords: Sendable {
    var no: Int32 = -1, like: Int32 = -1, likes: Int32 = -1, so: Int32 = -1, this: Int32 = -1
    var never: Int32 = -1, without: Int32 = -1, doubt: Int32 = -1, least: Int32 = -1, at: Int32 = -1
    var very: Int32 = -1, but: Int32 = -1, however: Int32 = -1
    var thanks: Int32 = -1, thank: Int32 = -1, thx: Int32 = -1, ty: Int32 = -1

    /// The same words under new ids.
    func renumbered(_ newID: [Int32]) -> RuleWords {
      func map(_ id: Int32) -> Int32 { id >= 0 ? newID[Int(id)] : id }
      return RuleWords(
        no: map(no), like: map(like), likes: map(likes), so: map(so), this: map(this), never: map(never),
        without: map(without), doubt: map(doubt), least: map(least), at: map(at), very: map(very), but: map(but),
        however: map(however), thanks: map(thanks), thank: map(thank), thx: map(thx), ty: map(ty))
    }
  }

  /// The words; each word's id is its slot index, and the slot holds its scoring entry.
  private(set) var vocabulary = WordTable()
  /// Per id (slot index): booster data.
  private(set) var boosters: [BoosterEntry] = []
  private(set) var words: [Int32] = []
  private(set) var phrases: [Phrase] = []
  private(set) var boosterPhrases: [Phrase] = []
  private(set) var rule = RuleWords()
  /// A bit per hashed (first word id, second word id) pair of every multi-word valence term and
  /// booster (`pairBits` words of 64 bits): a clear bit proves no such term starts with the pair.
  private(set) var pairFilter: [UInt64] = []
  static let pairBits = 16
  /// Build-time entries by first id, emptied once the slots hold them.
  private var info: [WordInfo] = []

  init(_ lexicon: SentimentLexicon) {
    let valenceTerms = lexicon.valences.terms
    let boosterTerms = lexicon.boosters.terms
    for (term, _) in lexicon.negations.entries { info[Int(id(for: term))].isNegation = true }
    var valenceGroups: [Int32: [(ids: [Int32], value: Double)]] = [:]
    for (termWords, value) in valenceTerms where !termWords.isEmpty {
      let ids = termWords.map { id(for: $0) }
      valenceGroups[ids[0], default: []].append((ids, value))
      if ids.count == 1 { info[Int(ids[0])].valence = value }
    }
    var boosterGroups: [Int32: [(ids: [Int32], value: Double)]] = [:]
    for (termWords, value) in boosterTerms where !termWords.isEmpty {
      let ids = termWords.map { id(for: $0) }
      if ids.count == 1 {
        info[Int(ids[0])].isBooster = true
        info[Int(ids[0])].booster = value
      } else {
        boosterGroups[ids[0], default: []].append((ids, value))
      }
    }
    for (first, group) in valenceGroups {
      info[Int(first)].phraseStart = Int32(phrases.count)
      for entry in group.sorted(by: { $0.ids.count > $1.ids.count }) { phrases.append(store(entry.ids, entry.value)) }
      info[Int(first)].phraseEnd = Int32(phrases.count)
    }
    for (first, group) in boosterGroups {
      info[Int(first)].boosterStart = Int32(boosterPhrases.count)
      for entry in group.sorted(by: { $0.ids.count > $1.ids.count }) {
        boosterPhrases.append(store(entry.ids, entry.value))
      }
      info[Int(first)].boosterEnd = Int32(boosterPhrases.count)
    }
    // A word added here only for its id has no valence, booster or negation: it scores as unknown.
    rule = RuleWords(
      no: id(for: "no"), like: id(for: "like"), likes: id(for: "likes"), so: id(for: "so"), this: id(for: "this"),
      never: id(for: "never"), without: id(for: "without"), doubt: id(for: "doubt"), least: id(for: "least"),
      at: id(for: "at"), very: id(for: "very"), but: id(for: "but"), however: id(for: "however"),
      thanks: id(for: "thanks"), thank: id(for: "thank"), thx: id(for: "thx"), ty: id(for: "ty"))
    renumberToSlots()
  }

  /// Makes every word's id its slot index and moves each word's entry into its slot, so that
  /// scoring finds a token and what it needs to know about it with one read.
  private mutating func renumberToSlots() {
    let newID = vocabulary.slotIndexByID
    words = words.map { newID[Int($0)] }
    vocabulary.renumber(newID)
    rule = rule.renumbered(newID)
    boosters = Array(repeating: BoosterEntry(), count: vocabulary.slots.count)
    for (old, word) in info.enumerated() {
      let id = Int(newID[old])
      var slot = vocabulary[slot: id]
      slot.valence = word.valence
      precondition(
        word.phraseEnd - word.phraseStart <= Int32(UInt16.max), "more than 65,535 sentiment terms start with one word")
      slot.phraseStart = UInt32(word.phraseStart)
      slot.phraseCount = UInt16(word.phraseEnd - word.phraseStart)
      slot.phraseSecondWords = UInt32(secondWords(phrases, word.phraseStart..<word.phraseEnd, width: 32))
      let oneWordTerm = phrases[Int(word.phraseStart)..<Int(word.phraseEnd)].contains { $0.count == 1 }
      var flags = slot.flags
      if word.isInert { flags |= WordTable.Flags.inert }
      if word.valence == 0, !word.isBooster, !word.isNegation, !oneWordTerm {
        flags |= WordTable.Flags.startsOnlyPhrases
      }
      if word.isNegation { flags |= WordTable.Flags.negation }
      if word.isBooster { flags |= WordTable.Flags.booster }
      if word.boosterEnd > word.boosterStart { flags |= WordTable.Flags.startsBoosterPhrases }
      if word.phraseEnd > word.phraseStart, phrases[Int(word.phraseEnd) - 1].count == 1,
        phrases[Int(word.phraseEnd) - 1].value.bitPattern == word.valence.bitPattern
      {
        flags |= WordTable.Flags.endsWithItself
      }
      slot.flags = flags
      vocabulary[slot: id] = slot
      boosters[id] = BoosterEntry(
        value: word.booster, start: word.boosterStart, end: word.boosterEnd,
        secondWords: secondWords(boosterPhrases, word.boosterStart..<word.boosterEnd, width: 64))
    }
    info = []
    pairFilter = Array(repeating: 0, count: (1 << Self.pairBits) / 64)
    for phrase in phrases + boosterPhrases where phrase.count > 1 {
      let bit = Self.pairBit(words[Int(phrase.start)], words[Int(phrase.start) + 1])
      pairFilter[bit >> 6] |= 1 << UInt64(bit & 63)
    }
  }

  @inline(__always)
  static func pairBit(_ first: Int32, _ second: Int32) -> Int {
    let key = UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - pairBits))
  }

  /// Bits (id mod `width`) of the second words of the multi-word phrases in `range` of `list`.
  private func secondWords(_ list: [Phrase], _ range: Range<Int32>, width: Int32) -> UInt64 {
    var mask: UInt64 = 0
    for phrase in list[Int(range.lowerBound)..<Int(range.upperBound)] where phrase.count > 1 {
      mask |= 1 << UInt64(words[Int(phrase.start) + 1] & (width - 1))
    }
    return mask
  }

  private mutating func id(for word: String) -> Int32 {
    let bytes = Array(word.utf8)
    let found = bytes.withUnsafeBufferPointer { vocabulary.lookup($0, 0..<bytes.count) }
    if found >= 0 { return found }
    let id = Int32(info.count)
    vocabulary.insert(bytes, id)
    info.append(WordInfo())
    return id
  }

  private mutating func store(_ ids: [Int32], _ value: Double) -> Phrase {
    let start = Int32(words.count)
    words.append(contentsOf: ids)
    return Phrase(start: start, end: Int32(words.count), value: value)
  }

  /// The id of the word spelled by `range`, or -1.
  func id(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
    vocabulary.lookup(bytes, range)
  }

  // MARK: - Entries by id

  /// Whether the token with id `id` (or -1) is neutral with nothing to look up.
  func isInert(_ id: Int32) -> Bool { id < 0 || vocabulary[slot: Int(id)].flags & WordTable.Flags.inert != 0 }

  /// The word's own valence (0 for -1).
  func valence(_ id: Int32) -> Double { id < 0 ? 0 : vocabulary[slot: Int(id)].valence }
}

/// The compiled lexicon frozen for scoring: raw pointers to the word table and the phrase lists,
/// owned by the analyzer's `Tables` for its lifetime, so the scoring loop reads them without
/// bounds checks, reference counting or copies of the arrays' owner.
struct LexiconView {
  let table: WordTable.View
  let boosters: UnsafeBufferPointer<CompiledLexicon.BoosterEntry>
  let words: UnsafeBufferPointer<Int32>
  let phrases: UnsafeBufferPointer<CompiledLexicon.Phrase>
  let boosterPhrases: UnsafeBufferPointer<CompiledLexicon.Phrase>
  let pairFilter: UnsafeBufferPointer<UInt64>
  let rule: CompiledLexicon.RuleWords

  /// The slot (entry) of a word id (not -1).
  @inline(__always)
  func slot(_ id: Int32) -> WordTable.Slot { table.slots[Int(id)] }

  @inline(__always)
  func flags(_ id: Int32) -> UInt8 { id < 0 ? 0 : table.slots[Int(id)].flags }

  /// Whether the word with this id (or -1) is a negation.
  @inline(__always)
  func isNegation(_ id: Int32) -> Bool { flags(id) & WordTable.Flags.negation != 0 }

  /// The id of a token whose `TermHash.hash` is `hash` (`TokenizedText.termHashes`), or -1
  /// (URLs, addresses, mentions and hashtags are never terms themselves).
  @inline(__always)
  func id(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token, hash: UInt64) -> Int32 {
    switch token.kind {
    case .word, .number, .emoticon, .emoji, .punctuation: return table.lookupSlot(bytes, token.range, hash: hash)
    default: return -1
    }
  }

  /// The id of the word spelled by `range`, or -1.
  @inline(__always)
  func id(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
    table.lookupSlot(bytes, range, hash: TermHash.hash(bytes, range))
  }

  /// 1 when no valence term or booster can start at a token with id `first` followed (within the
  /// sentence) by one with id `next` (-1 at the end): then the token is neutral with nothing to
  /// apply; else 0. Computed without branches: every token takes this test, and whether it
  /// passes follows no pattern a branch predictor could learn.
  @inline(__always)
  func startsNothing(_ first: Int32, next: Int32) -> Int {
    // -1 reads slot 0's flags, which the select then ignores.
    let read = Int(table.slots[Int(first & ~(first >> 31))].flags)
    let flags = first < 0 ? Int(WordTable.Flags.inert) : read
    let bit = CompiledLexicon.pairBit(first, next)
    let pair = Int(truncatingIfNeeded: pairFilter[bit >> 6] >> UInt64(bit & 63)) & 1
    let continues = pair & (next < 0 ? 0 : 1)
    let inert = flags & Int(WordTable.Flags.inert) == 0 ? 0 : 1
    let startsOnlyPhrases = flags & Int(WordTable.Flags.startsOnlyPhrases) == 0 ? 0 : 1
    return inert | (startsOnlyPhrases & (continues ^ 1))
  }

  /// The longest phrase of `list` starting at token `index`, comparing the ids of the next tokens.
  /// `secondWords` has bit `id % width` set for the second word of each multi-word candidate.
  @inline(__always)
  func longest(
    _ list: UnsafeBufferPointer<CompiledLexicon.Phrase>, _ range: Range<Int>, secondWords: UInt64, width: Int,
    _ ids: UnsafeBufferPointer<Int32>, at index: Int, limit: Int
  ) -> CompiledLexicon.Phrase? {
    var range = range
    let next = index &+ 1 < limit ? ids[index &+ 1] : -1
    if next < 0 || secondWords & (1 << UInt64(Int(next) & (width &- 1))) == 0 {
      // Only the single word can match; it sorts last.
      range = (range.upperBound - 1)..<range.upperBound
    }
    var candidate = range.lowerBound
    while candidate < range.upperBound {
      let phrase = list[candidate]
      candidate &+= 1
      let count = phrase.count
      guard index &+ count <= limit else { continue }
      var matched = true
      var offset = 1
      while offset < count {
        if ids[index &+ offset] != words[Int(phrase.start) &+ offset] {
          matched = false
          break
        }
        offset &+= 1
      }
      if matched { return phrase }
    }
    return nil
  }

  /// The longest valence term starting at token `index` (its first word's id is `ids[index]`).
  @inline(__always)
  func valencePhrase(_ ids: UnsafeBufferPointer<Int32>, at index: Int, limit: Int) -> CompiledLexicon.Phrase? {
    let first = ids[index]
    guard first >= 0 else { return nil }
    let word = table.slots[Int(first)]
    guard word.phraseCount > 0 else { return nil }
    if word.flags & WordTable.Flags.endsWithItself != 0 {
      let next = index &+ 1 < limit ? ids[index &+ 1] : -1
      if next < 0 || word.phraseSecondWords & (1 << UInt32(next & 31)) == 0 {
        return CompiledLexicon.Phrase(start: 0, end: 1, value: word.valence)
      }
    }
    let start = Int(word.phraseStart)
    return longest(
      phrases, start..<(start &+ Int(word.phraseCount)), secondWords: UInt64(word.phraseSecondWords), width: 32, ids,
      at: index, limit: limit)
  }

  /// The booster starting at token `index` and its length in tokens (one word, or a phrase such as "kind of").
  @inline(__always)
  func booster(_ ids: UnsafeBufferPointer<Int32>, at index: Int, limit: Int) -> (value: Double, count: Int)? {
    let first = ids[index]
    let flags = self.flags(first)
    guard flags & (WordTable.Flags.booster | WordTable.Flags.startsBoosterPhrases) != 0 else { return nil }
    let entry = boosters[Int(first)]
    if flags & WordTable.Flags.startsBoosterPhrases != 0,
      let phrase = longest(
        boosterPhrases, Int(entry.start)..<Int(entry.end), secondWords: entry.secondWords, width: 64, ids, at: index,
        limit: limit)
    {
      return (phrase.value, phrase.count)
    }
    return flags & WordTable.Flags.booster != 0 ? (entry.value, 1) : nil
  }
}
