import EarshotText

/// The sentiment word lists compiled for the scoring loop: one hash lookup per token yields its
/// valence, booster value, whether it negates, and the phrases that start with it, all in flat
/// non-generic arrays (no per-lookup dictionary hashing, retains or generic metadata).
struct CompiledLexicon: Sendable {
  /// What the scorer needs to know about one word.
  struct WordInfo: Sendable {
    /// The word's own valence (0 when it has none or a layer neutralized it).
    var valence = 0.0
    /// Booster value when the word alone is a booster.
    var booster = 0.0
    var isBooster = false
    var isNegation = false
    /// Valence phrases (including the single word) starting with this word: `phrases[phraseStart..<phraseEnd]`.
    var phraseStart: Int32 = 0
    var phraseEnd: Int32 = 0
    /// Multi-word boosters starting with this word.
    var boosterStart: Int32 = 0
    var boosterEnd: Int32 = 0
    /// One bit (id mod 64) for the second word of each multi-word phrase or booster starting here:
    /// when the next token's bit is clear, only the single word can match, so ":" or "(" (which
    /// start dozens of emoticons) skip their candidates.
    var phraseSecondWords: UInt64 = 0
    var boosterSecondWords: UInt64 = 0

    /// Neither a sentiment word, a booster, a negation nor the start of a phrase: scoring counts
    /// it as neutral without looking further.
    var isInert: Bool {
      valence == 0 && !isBooster && !isNegation && phraseEnd == phraseStart && boosterEnd == boosterStart
    }
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

  var vocabulary = WordTable()
  var info: [WordInfo] = []
  var words: [Int32] = []
  var phrases: [Phrase] = []
  var boosterPhrases: [Phrase] = []
  var rule = RuleWords()
  /// Ids from here on are inert words (see `WordInfo.isInert`).
  var firstInertID: Int32 = 0
  /// Per id below `firstInertID`: true when the word only starts multi-word terms (no valence,
  /// booster, negation or one-word entry of its own), so it is inert unless the next word continues
  /// one of them. Common words ("the", "a", "to", "is") are such words and make up a third of all
  /// tokens; one byte each keeps the table in the L1 cache.
  var startsOnlyPhrases: [Bool] = []
  /// A bit per hashed (first word id, second word id) pair of every multi-word valence term and
  /// booster (`pairBits` words of 64 bits): a clear bit proves no such term starts with the pair.
  var pairFilter: [UInt64] = []
  static let pairBits = 16

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
    renumberInertWordsLast()
  }

  /// Gives the words that need a closer look (sentiment words, boosters, negations, phrase starts)
  /// the lowest ids, so scoring recognizes an inert word by its id alone, without a memory access.
  private mutating func renumberInertWordsLast() {
    let order = info.indices.filter { !info[$0].isInert } + info.indices.filter { info[$0].isInert }
    var newID = [Int32](repeating: 0, count: info.count)
    for (new, old) in order.enumerated() { newID[old] = Int32(new) }
    info = order.map { info[$0] }
    words = words.map { newID[Int($0)] }
    vocabulary.renumber(newID)
    rule = rule.renumbered(newID)
    firstInertID = Int32(info.firstIndex(where: \.isInert) ?? info.count)
    for id in info.indices {
      info[id].phraseSecondWords = secondWords(phrases, info[id].phraseStart..<info[id].phraseEnd)
      info[id].boosterSecondWords = secondWords(boosterPhrases, info[id].boosterStart..<info[id].boosterEnd)
    }
    pairFilter = Array(repeating: 0, count: (1 << Self.pairBits) / 64)
    for phrase in phrases + boosterPhrases where phrase.count > 1 {
      let bit = Self.pairBit(words[Int(phrase.start)], words[Int(phrase.start) + 1])
      pairFilter[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    startsOnlyPhrases = info.indices.map { id in
      let word = info[id]
      let oneWordTerm = phrases[Int(word.phraseStart)..<Int(word.phraseEnd)].contains { $0.count == 1 }
      return word.valence == 0 && !word.isBooster && !word.isNegation && !oneWordTerm
    }
  }

  @inline(__always)
  static func pairBit(_ first: Int32, _ second: Int32) -> Int {
    let key = UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - pairBits))
  }

  /// Whether no valence term or booster can start at a token with id `first` followed (within the
  /// sentence) by one with id `next` (-1 at the end): then the token is neutral with nothing to apply.
  @inline(__always)
  func startsNothing(_ first: Int32, next: Int32) -> Bool {
    if first < 0 || first >= firstInertID { return true }
    guard startsOnlyPhrases.withUnsafeBufferPointer({ $0[Int(first)] }) else { return false }
    if next < 0 { return true }
    let bit = Self.pairBit(first, next)
    return pairFilter.withUnsafeBufferPointer { $0[bit >> 6] } & (1 << UInt64(bit & 63)) == 0
  }

  private func secondWords(_ list: [Phrase], _ range: Range<Int32>) -> UInt64 {
    var mask: UInt64 = 0
    for phrase in list[Int(range.lowerBound)..<Int(range.upperBound)] where phrase.count > 1 {
      mask |= 1 << UInt64(words[Int(phrase.start) + 1] & 63)
    }
    return mask
  }

  /// Whether the token with id `id` (or -1) is neutral with nothing to look up.
  @inline(__always)
  func isInert(_ id: Int32) -> Bool { id < 0 || id >= firstInertID }

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
  @inline(__always)
  func id(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
    vocabulary.lookup(bytes, range)
  }

  /// The id of a token, or -1 (URLs, addresses, mentions and hashtags are never terms themselves).
  @inline(__always)
  func id(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Int32 {
    id(bytes, token, hash: TermHash.hash(bytes, token.range))
  }

  /// The id of a token whose `TermHash.hash` is `hash` (`TokenizedText.termHashes`), or -1.
  @inline(__always)
  func id(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token, hash: UInt64) -> Int32 {
    switch token.kind {
    case .word, .number, .emoticon, .emoji, .punctuation: return vocabulary.lookup(bytes, token.range, hash: hash)
    default: return -1
    }
  }

  /// Writes the id of each token of `range` (or -1) to `ids`, with the tokens' `TermHash` hashes:
  /// one tight loop, with the word table's lookup inlined, ahead of the rules that read the ids.
  func assignIDs(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ hashes: UnsafeBufferPointer<Int>,
    _ range: Range<Int>, _ ids: UnsafeMutableBufferPointer<Int32>
  ) {
    for index in range {
      ids[index] = id(bytes, tokens[index], hash: UInt64(bitPattern: Int64(hashes[index])))
    }
  }

  /// The longest phrase of `list` starting at token `index`, comparing the ids of the next tokens.
  @inline(__always)
  func longest(
    _ list: [Phrase], _ range: Range<Int32>, secondWords: UInt64, _ ids: UnsafeBufferPointer<Int32>, at index: Int,
    limit: Int
  ) -> Phrase? {
    var range = range
    let next = index &+ 1 < limit ? ids[index &+ 1] : -1
    if next < 0 || secondWords & (1 << UInt64(next & 63)) == 0 {
      // Only the single word can match; it sorts last.
      range = (range.upperBound - 1)..<range.upperBound
    }
    // Raw buffers: this loop runs for every candidate phrase of every sentiment word.
    return list.withUnsafeBufferPointer { list -> Phrase? in
      words.withUnsafeBufferPointer { words -> Phrase? in
        var candidate = Int(range.lowerBound)
        while candidate < Int(range.upperBound) {
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
    }
  }

  /// The longest valence term starting at token `index` (its first word's id is `ids[index]`).
  @inline(__always)
  func valencePhrase(_ ids: UnsafeBufferPointer<Int32>, at index: Int, limit: Int) -> Phrase? {
    let first = ids[index]
    guard first >= 0 else { return nil }
    let word = info[Int(first)]
    guard word.phraseEnd > word.phraseStart else { return nil }
    return longest(
      phrases, word.phraseStart..<word.phraseEnd, secondWords: word.phraseSecondWords, ids, at: index, limit: limit)
  }

  /// The booster starting at token `index` and its length in tokens (one word, or a phrase such as "kind of").
  @inline(__always)
  func booster(_ ids: UnsafeBufferPointer<Int32>, at index: Int, limit: Int) -> (value: Double, count: Int)? {
    let first = ids[index]
    guard first >= 0 else { return nil }
    let word = info[Int(first)]
    if word.boosterEnd > word.boosterStart,
      let phrase = longest(
        boosterPhrases, word.boosterStart..<word.boosterEnd, secondWords: word.boosterSecondWords, ids, at: index,
        limit: limit)
    {
      return (phrase.value, phrase.count)
    }
    return word.isBooster ? (word.booster, 1) : nil
  }
}
