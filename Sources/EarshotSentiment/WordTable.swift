import EarshotText

/// An open-addressing hash table from words to ids, probed with byte ranges of a text. ASCII is
/// lowercased and the typographic apostrophe `’` read as `'` on the fly, as `TermTable` does.
///
/// Built for the scoring loop, which looks up every token with the `TermHash` hash the tokenizer
/// computed for it (the same hash as every `TermTable`'s): the filter is tested from the hash
/// alone, and a word of up to eight ASCII bytes (most words) is read as one 64-bit integer,
/// lowercased in a few instructions and compared with the slot's stored head in one comparison.
///
/// Each slot also carries what scoring needs to know about its word (`Slot`'s valence, phrase
/// range and flags, set by `CompiledLexicon`), so that finding a token and deciding whether it
/// matters read one 32-byte slot, half a cache line, instead of a slot and then a separate entry.
/// `CompiledLexicon` renumbers the words to their slot indices once the table is complete, so a
/// word's id is where its slot is (`lookupSlot`).
struct WordTable: Sendable {
  /// One slot: the first eight normalized bytes of the key, its length, and the scoring entry of
  /// its word. 31 bytes, a stride of 32: two slots to a cache line.
  struct Slot: Sendable {
    var head: UInt64 = 0
    /// The word's own valence (0 when it has none or a layer neutralized it).
    var valence = 0.0
    var length: UInt32 = 0
    /// Valence phrases (including the single word) starting with this word:
    /// `CompiledLexicon.phrases[phraseStart..<(phraseStart + phraseCount)]`.
    var phraseStart: UInt32 = 0
    /// One bit (id mod 32) for the second word of each multi-word phrase starting here.
    var phraseSecondWords: UInt32 = 0
    var phraseCount: UInt16 = 0
    /// `Flags` bits.
    var flags: UInt8 = 0

    var isOccupied: Bool { flags & Flags.occupied != 0 }
  }

  /// Bits of `Slot.flags`.
  enum Flags {
    static let occupied: UInt8 = 1
    /// Neither a sentiment word, a booster, a negation nor the start of a phrase.
    static let inert: UInt8 = 2
    /// Starts multi-word terms only (no valence, booster, negation or one-word entry of its own).
    static let startsOnlyPhrases: UInt8 = 4
    static let negation: UInt8 = 8
    static let booster: UInt8 = 16
    /// Starts a multi-word booster ("kind of").
    static let startsBoosterPhrases: UInt8 = 32
    /// The last of the word's phrases is the word alone, with the slot's valence: when the next
    /// token continues none of the longer ones, the slot gives the match without reading the phrase.
    static let endsWithItself: UInt8 = 64
  }

  private(set) var slots: [Slot]
  private(set) var mask: Int
  /// The id of each slot's word (-1 for an empty slot); the slot's own index once
  /// `CompiledLexicon` has renumbered the words.
  private(set) var ids: [Int32]
  /// Two bits per key in 128 Ki bits (16 KiB, small enough to stay in the L1 cache), both in the
  /// same 64-bit word so that a test is one load: most tokens ("the", "to", "my") are in no
  /// lexicon, and the filter turns them away without touching the slots, whose cache misses
  /// otherwise dominate scoring.
  private(set) var filter: [UInt64] = Array(repeating: 0, count: WordTable.filterWords)
  static let filterWords = 2048
  /// Normalized key bytes of every id, for keys longer than eight bytes.
  private(set) var keyBytes: [UInt8] = []
  private(set) var keyStarts: [Int32] = []
  private(set) var count = 0

  init() {
    slots = Array(repeating: Slot(), count: 1 << 14)
    ids = Array(repeating: -1, count: 1 << 14)
    mask = (1 << 14) - 1
  }

  /// Adds a word (not already present) with id `id`; ids must be 0, 1, 2, … in order.
  mutating func insert(_ word: [UInt8], _ id: Int32) {
    var normalized: [UInt8] = []
    word.withUnsafeBufferPointer { buffer in
      var index = 0
      while index < buffer.count {
        let (byte, width) = ASCII.normalizedWordByte(buffer, index, buffer.count)
        normalized.append(byte)
        index += width
      }
    }
    if (count + 1) * 2 > slots.count { grow() }
    count += 1
    keyStarts.append(Int32(keyBytes.count))
    keyBytes.append(contentsOf: normalized)
    let (head, hash) = normalized.withUnsafeBufferPointer { TermHash.headAndHash(normalized: $0) }
    place(Slot(head: head, length: UInt32(normalized.count), flags: Flags.occupied), id, hash: hash)
    let (word, bits) = WordTable.filterBits(hash)
    filter[word] |= bits
  }

  private mutating func place(_ slot: Slot, _ id: Int32, hash: UInt64) {
    var index = WordTable.slotIndex(hash, mask)
    while slots[index].isOccupied { index = (index + 1) & mask }
    slots[index] = slot
    ids[index] = id
  }

  private mutating func grow() {
    let old = slots.indices.filter { slots[$0].isOccupied }.map { (slots[$0], ids[$0]) }
    slots = Array(repeating: Slot(), count: slots.count * 2)
    ids = Array(repeating: -1, count: slots.count)
    mask = slots.count - 1
    for (slot, id) in old {
      let start = Int(keyStarts[Int(id)])
      let hash = keyBytes.withUnsafeBufferPointer {
        TermHash.headAndHash(normalized: UnsafeBufferPointer(rebasing: $0[start..<(start + Int(slot.length))])).hash
      }
      place(slot, id, hash: hash)
    }
  }

  /// Gives every word the id `newID[oldID]` (new ids may be sparse: below the slot count).
  mutating func renumber(_ newID: [Int32]) {
    for index in ids.indices where ids[index] >= 0 { ids[index] = newID[Int(ids[index])] }
    var starts = [Int32](repeating: 0, count: Int(newID.max() ?? -1) + 1)
    for (old, start) in keyStarts.enumerated() { starts[Int(newID[old])] = start }
    keyStarts = starts
  }

  /// Each word's slot index, by its current id: renumbering with it makes ids slot indices.
  var slotIndexByID: [Int32] {
    var result = [Int32](repeating: -1, count: count)
    for index in ids.indices where ids[index] >= 0 { result[Int(ids[index])] = Int32(index) }
    return result
  }

  /// The scoring entry in slot `index` (`CompiledLexicon` fills them in).
  subscript(slot index: Int) -> Slot {
    get { slots[index] }
    set {
      precondition(newValue.head == slots[index].head && newValue.length == slots[index].length)
      slots[index] = newValue
    }
  }

  /// The id of the word spelled by `range` of `bytes`, or -1.
  func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
    lookup(bytes, range, hash: TermHash.hash(bytes, range))
  }

  /// The id of the word spelled by `range` of `bytes`, whose `TermHash.hash` the caller computed
  /// already (`TokenizedText.termHashes`: one hash per token for every table), or -1.
  func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64) -> Int32 {
    let slot = withView { $0.lookupSlot(bytes, range, hash: hash) }
    return slot >= 0 ? ids[Int(slot)] : -1
  }

  /// Runs `body` with raw pointers to the slots and the filter.
  @inline(__always)
  func withView<Result>(_ body: (View) -> Result) -> Result {
    slots.withUnsafeBufferPointer { slots in
      filter.withUnsafeBufferPointer { filter in
        ids.withUnsafeBufferPointer { ids in
          keyBytes.withUnsafeBufferPointer { keyBytes in
            keyStarts.withUnsafeBufferPointer { keyStarts in
              body(View(slots: slots, filter: filter, mask: mask, ids: ids, keyBytes: keyBytes, keyStarts: keyStarts))
            }
          }
        }
      }
    }
  }

  /// The table seen through raw pointers, for the scoring loop: no bounds checks, no reference
  /// counting per lookup. Valid only for as long as the `WordTable` it came from.
  struct View {
    let slots: UnsafeBufferPointer<Slot>
    let filter: UnsafeBufferPointer<UInt64>
    let mask: Int
    let ids: UnsafeBufferPointer<Int32>
    let keyBytes: UnsafeBufferPointer<UInt8>
    let keyStarts: UnsafeBufferPointer<Int32>

    /// The slot index of the word spelled by `range` of `bytes` (its id once renumbered), or -1;
    /// `hash` is its `TermHash.hash`.
    @inline(__always)
    func lookupSlot(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64) -> Int32 {
      // Most tokens are in no lexicon: the filter, read with the hash alone, turns them away before
      // the word's bytes are read.
      guard mayContain(hash) else { return -1 }
      return lookupSlot(bytes, range, filtered: hash)
    }

    /// Whether a word with this `TermHash.hash` may be in the table (false: it is not).
    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
      let (word, bits) = WordTable.filterBits(hash)
      return filter[word] & bits == bits
    }

    /// `lookupSlot` of a word that `mayContain` let through.
    @inline(__always)
    func lookupSlot(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, filtered hash: UInt64) -> Int32 {
      // The common case inline and small: an ASCII word of one to eight bytes, read as one integer
      // from its start (or, at the end of the text, ending at its end) and masked to its length.
      let length = range.upperBound &- range.lowerBound
      if UInt(bitPattern: length &- 1) < 8, let base = bytes.baseAddress {
        var raw: UInt64 = 0x80
        if range.lowerBound &+ 8 <= bytes.count {
          let word = UInt64(littleEndian: UnsafeRawPointer(base + range.lowerBound).loadUnaligned(as: UInt64.self))
          raw = word & (UInt64.max >> (64 &- 8 &* UInt64(truncatingIfNeeded: length)))
        } else if range.upperBound >= 8 {
          let word = UInt64(littleEndian: UnsafeRawPointer(base + range.upperBound - 8).loadUnaligned(as: UInt64.self))
          raw = word >> (8 &* UInt64(truncatingIfNeeded: 8 &- length))
        }
        if raw & 0x8080_8080_8080_8080 == 0 {
          return find(head: TermHash.lowercased(raw), length: length, hash: hash) { _ in true }
        }
      }
      return lookupOther(bytes, range, hash: hash)
    }

    /// The slot of the key with this head, length and hash whose later bytes match, or -1.
    @inline(__always)
    func find(head: UInt64, length: Int, hash: UInt64, tailMatches: (Int) -> Bool) -> Int32 {
      var index = WordTable.slotIndex(hash, mask)
      while true {
        let slot = slots[index]
        if !slot.isOccupied { return -1 }
        if slot.head == head, Int(slot.length) == length, tailMatches(index) { return Int32(truncatingIfNeeded: index) }
        index = (index &+ 1) & mask
      }
    }
    /// Words longer than eight bytes, with non-ASCII bytes or at the very end of the text (one
    /// token in ten), out of line: the scratch buffer they may need would otherwise give every
    /// lookup a large stack frame.
    @inline(never)
    func lookupOther(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64) -> Int32 {
      let length = range.count
      guard length > 0 else { return -1 }
      if length <= 8 {
        let raw = TermHash.load(bytes, range)
        if raw & 0x8080_8080_8080_8080 == 0 {
          return find(head: TermHash.lowercased(raw), length: length, hash: hash) { _ in true }
        }
      }
      if length > 8, let found = lookupLongASCII(bytes, range, hash: hash) { return found }
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
        let written = ASCII.normalizeWord(bytes, range, into: buffer)
        let normalized = UnsafeBufferPointer(rebasing: buffer[0..<written])
        let head = TermHash.headAndHash(normalized: UnsafeBufferPointer(rebasing: normalized.prefix(8))).head
        return find(head: head, length: written, hash: hash) { slot in
          written <= 8 || tailEquals(slot, normalized)
        }
      }
    }

    /// The slot of a word longer than eight bytes when it is all ASCII (nil when it is not),
    /// compared lowercased in place without copying it anywhere. One word in ten is this long.
    private func lookupLongASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64)
      -> Int32?
    {
      let length = range.count
      var ascii: UInt64 = 0
      var offset = range.lowerBound
      while offset < range.upperBound {
        ascii |= TermHash.load(bytes, offset..<min(offset + 8, range.upperBound))
        offset += 8
      }
      guard ascii & 0x8080_8080_8080_8080 == 0 else { return nil }
      let head = TermHash.lowercased(TermHash.load(bytes, range.lowerBound..<(range.lowerBound + 8)))
      return find(head: head, length: length, hash: hash) { slot in
        let start = Int(keyStarts[Int(ids[slot])])
        for offset in 8..<length where keyBytes[start + offset] != ASCII.lowercase(bytes[range.lowerBound + offset]) {
          return false
        }
        return true
      }
    }

    private func tailEquals(_ slot: Int, _ normalized: UnsafeBufferPointer<UInt8>) -> Bool {
      let start = Int(keyStarts[Int(ids[slot])])
      for offset in 8..<normalized.count where keyBytes[start + offset] != normalized[offset] { return false }
      return true
    }
  }

  // MARK: - Hashing

  @inline(__always)
  static func slotIndex(_ hash: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: hash >> 32) & mask
  }

  /// The key's filter word and its two bits there, from hash bits the slot index does not use.
  @inline(__always)
  static func filterBits(_ hash: UInt64) -> (word: Int, bits: UInt64) {
    let word = Int(truncatingIfNeeded: hash) & (filterWords - 1)
    return (word, 1 << ((hash >> 11) & 63) | 1 << ((hash >> 17) & 63))
  }
}
