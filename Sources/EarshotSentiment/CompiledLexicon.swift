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
  }

  /// A term of one or more words: `words[start..<end]` are their ids.
  struct Phrase: Sendable {
    var start: Int32
    var end: Int32
    var value: Double
    var count: Int { Int(end - start) }
  }

  var vocabulary = WordTable()
  var info: [WordInfo] = []
  var words: [Int32] = []
  var phrases: [Phrase] = []
  var boosterPhrases: [Phrase] = []

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
  @inline(__always)
  func id(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
    vocabulary.lookup(bytes, range)
  }

  /// The id of a token, or -1 (URLs, addresses, mentions and hashtags are never terms themselves).
  @inline(__always)
  func id(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Int32 {
    switch token.kind {
    case .word, .number, .emoticon, .emoji, .punctuation: return vocabulary.lookup(bytes, token.range)
    default: return -1
    }
  }

  /// The longest phrase of `list` starting at token `index` whose first word has id `first`.
  @inline(__always)
  func longest(
    _ list: [Phrase], _ range: Range<Int32>, _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], at index: Int,
    limit: Int
  ) -> Phrase? {
    // Ids of the next tokens, looked up once however many candidate phrases compare them.
    var nextIDs: (Int32, Int32, Int32, Int32) = (-2, -2, -2, -2)
    func nextID(_ offset: Int) -> Int32 {
      switch offset {
      case 1:
        if nextIDs.0 == -2 { nextIDs.0 = id(bytes, tokens[index + 1]) }
        return nextIDs.0
      case 2:
        if nextIDs.1 == -2 { nextIDs.1 = id(bytes, tokens[index + 2]) }
        return nextIDs.1
      case 3:
        if nextIDs.2 == -2 { nextIDs.2 = id(bytes, tokens[index + 3]) }
        return nextIDs.2
      default:
        return id(bytes, tokens[index + offset])
      }
    }
    var candidate = Int(range.lowerBound)
    while candidate < Int(range.upperBound) {
      let phrase = list[candidate]
      candidate += 1
      let count = phrase.count
      guard index + count <= limit else { continue }
      var matched = true
      var offset = 1
      while offset < count {
        if nextID(offset) != words[Int(phrase.start) + offset] {
          matched = false
          break
        }
        offset += 1
      }
      if matched { return phrase }
    }
    return nil
  }

  /// The longest valence term starting at token `index` (its first word's id is `first`).
  @inline(__always)
  func valencePhrase(
    _ first: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], at index: Int, limit: Int
  ) -> Phrase? {
    guard first >= 0 else { return nil }
    let word = info[Int(first)]
    guard word.phraseEnd > word.phraseStart else { return nil }
    return longest(phrases, word.phraseStart..<word.phraseEnd, bytes, tokens, at: index, limit: limit)
  }

  /// The booster starting at token `index` and its length in tokens (one word, or a phrase such as "kind of").
  @inline(__always)
  func booster(
    _ first: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], at index: Int, limit: Int
  ) -> (value: Double, count: Int)? {
    guard first >= 0 else { return nil }
    let word = info[Int(first)]
    if word.boosterEnd > word.boosterStart,
      let phrase = longest(boosterPhrases, word.boosterStart..<word.boosterEnd, bytes, tokens, at: index, limit: limit)
    {
      return (phrase.value, phrase.count)
    }
    return word.isBooster ? (word.booster, 1) : nil
  }
}

/// An open-addressing hash table from words to ids, probed with byte ranges: ASCII is lowercased and
/// the typographic apostrophe `’` read as `'` on the fly, as `TermTable` does, but non-generic and
/// with the hash stored per slot so most probes compare one integer.
struct WordTable: Sendable {
  private var keyBytes: [UInt8] = []
  /// Per slot: the entry's id, or -1 when empty.
  private var slotIDs: [Int32]
  /// Per slot: the entry's hash.
  private var slotHashes: [UInt32]
  /// Per id: where its key starts and ends in `keyBytes`.
  private var keyStarts: [Int32] = []
  private var keyEnds: [Int32] = []
  private var mask: Int

  init() {
    slotIDs = Array(repeating: -1, count: 1 << 15)
    slotHashes = Array(repeating: 0, count: 1 << 15)
    mask = (1 << 15) - 1
  }

  var count: Int { keyStarts.count }

  /// Adds a word (not already present) with id `id`; ids must be 0, 1, 2, … in order.
  mutating func insert(_ word: [UInt8], _ id: Int32) {
    var normalized: [UInt8] = []
    word.withUnsafeBufferPointer { buffer in
      var index = 0
      while index < buffer.count {
        let (byte, width) = WordTable.normalizedByte(buffer, index, buffer.count)
        normalized.append(byte)
        index += width
      }
    }
    if (count + 1) * 2 > slotIDs.count { grow() }
    keyStarts.append(Int32(keyBytes.count))
    keyBytes.append(contentsOf: normalized)
    keyEnds.append(Int32(keyBytes.count))
    let hash = normalized.withUnsafeBufferPointer { WordTable.hash($0, 0..<$0.count) }
    place(id, hash)
  }

  private mutating func place(_ id: Int32, _ hash: UInt32) {
    var slot = Int(hash) & mask
    while slotIDs[slot] >= 0 { slot = (slot + 1) & mask }
    slotIDs[slot] = id
    slotHashes[slot] = hash
  }

  private mutating func grow() {
    let old = zip(slotIDs, slotHashes).filter { $0.0 >= 0 }
    slotIDs = Array(repeating: -1, count: slotIDs.count * 2)
    slotHashes = Array(repeating: 0, count: slotHashes.count * 2)
    mask = slotIDs.count - 1
    for (id, hash) in old { place(id, hash) }
  }

  /// The id of the word spelled by `range` of `bytes`, or -1.
  @inline(__always)
  func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
    let hash = WordTable.hash(bytes, range)
    var slot = Int(hash) & mask
    return slotIDs.withUnsafeBufferPointer { ids in
      slotHashes.withUnsafeBufferPointer { hashes in
        while true {
          let id = ids[slot]
          if id < 0 { return -1 }
          if hashes[slot] == hash, equals(Int(id), bytes, range) { return id }
          slot = (slot + 1) & mask
        }
      }
    }
  }

  @inline(__always)
  private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    keyBytes.withUnsafeBufferPointer { keys in
      var keyIndex = Int(keyStarts[id])
      let keyEnd = Int(keyEnds[id])
      var probe = range.lowerBound
      while probe < range.upperBound {
        guard keyIndex < keyEnd else { return false }
        let (byte, width) = WordTable.normalizedByte(bytes, probe, range.upperBound)
        if keys[keyIndex] != byte { return false }
        keyIndex += 1
        probe += width
      }
      return keyIndex == keyEnd
    }
  }

  @inline(__always)
  static func normalizedByte(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> (UInt8, Int) {
    let byte = bytes[index]
    if byte < 0x80 { return (byte &- 0x41 < 26 ? byte | 0x20 : byte, 1) }
    if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 { return (0x27, 3) }
    return (byte, 1)
  }

  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt32 {
    var hash: UInt32 = 0x811C_9DC5
    var index = range.lowerBound
    while index < range.upperBound {
      let (byte, width) = normalizedByte(bytes, index, range.upperBound)
      hash = (hash ^ UInt32(byte)) &* 0x0100_0193
      index += width
    }
    return hash ^ (hash >> 15)
  }
}
