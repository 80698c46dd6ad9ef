import EarshotText

/// An open-addressing hash table from words to ids, probed with byte ranges of a text. ASCII is
/// lowercased and the typographic apostrophe `’` read as `'` on the fly, as `TermTable` does.
///
/// Built for the scoring loop, which looks up every token with the `TermHash` hash the tokenizer
/// computed for it (the same hash as every `TermTable`'s): the filter is tested from the hash
/// alone, and a word of up to eight ASCII bytes (most words) is read as one 64-bit integer,
/// lowercased in a few instructions and compared with the slot's stored head in one comparison.
struct WordTable: Sendable {
  /// One slot: the first eight normalized bytes of the key, its length, and its id (-1 when empty).
  struct Slot: Sendable {
    var head: UInt64 = 0
    var id: Int32 = -1
    var length: Int32 = 0
  }

  private var slots: [Slot]
  private var mask: Int
  /// Two bits per key in 128 Ki bits (16 KiB, small enough to stay in the L1 cache): most tokens
  /// ("the", "to", "my") are in no lexicon, and the filter turns them away without touching the
  /// slots, whose cache misses otherwise dominate scoring.
  private var filter: [UInt64] = Array(repeating: 0, count: WordTable.filterWords)
  static let filterWords = 2048
  /// Normalized key bytes of every id, for keys longer than eight bytes.
  private var keyBytes: [UInt8] = []
  private var keyStarts: [Int32] = []

  init() {
    slots = Array(repeating: Slot(), count: 1 << 14)
    mask = (1 << 14) - 1
  }

  var count: Int { keyStarts.count }

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
    keyStarts.append(Int32(keyBytes.count))
    keyBytes.append(contentsOf: normalized)
    let (head, hash) = normalized.withUnsafeBufferPointer { TermHash.headAndHash(normalized: $0) }
    place(Slot(head: head, id: id, length: Int32(normalized.count)), hash: hash)
    let (first, second) = WordTable.filterBits(hash)
    filter[first >> 6] |= 1 << UInt64(first & 63)
    filter[second >> 6] |= 1 << UInt64(second & 63)
  }

  private mutating func place(_ slot: Slot, hash: UInt64) {
    var index = WordTable.slotIndex(hash, mask)
    while slots[index].id >= 0 { index = (index + 1) & mask }
    slots[index] = slot
  }

  private mutating func grow() {
    let old = slots.filter { $0.id >= 0 }
    slots = Array(repeating: Slot(), count: slots.count * 2)
    mask = slots.count - 1
    for slot in old {
      let start = Int(keyStarts[Int(slot.id)])
      let hash = keyBytes.withUnsafeBufferPointer {
        TermHash.headAndHash(normalized: UnsafeBufferPointer(rebasing: $0[start..<(start + Int(slot.length))])).hash
      }
      place(slot, hash: hash)
    }
  }

  /// Gives every word the id `newID[oldID]`.
  mutating func renumber(_ newID: [Int32]) {
    for index in slots.indices where slots[index].id >= 0 { slots[index].id = newID[Int(slots[index].id)] }
    var starts = keyStarts
    for (old, start) in keyStarts.enumerated() { starts[Int(newID[old])] = start }
    keyStarts = starts
  }

  /// The id of the word spelled by `range` of `bytes`, or -1.
  @inline(__always)
  func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
    lookup(bytes, range, hash: TermHash.hash(bytes, range))
  }

  /// The id of the word spelled by `range` of `bytes`, whose `TermHash.hash` the caller computed
  /// already (`TokenizedText.termHashes`: one hash per token for every table), or -1.
  @inline(__always)
  func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64) -> Int32 {
    // Most tokens are in no lexicon: the filter, read with the hash alone, turns them away before
    // the word's bytes are read.
    guard mayContain(hash) else { return -1 }
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

  /// Words longer than eight bytes, with non-ASCII bytes or at the very end of the text (one
  /// token in ten), out of line: the scratch buffer they may need would otherwise give every
  /// lookup a large stack frame.
  @inline(never)
  private func lookupOther(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64) -> Int32 {
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
      return find(head: head, length: written, hash: hash) { id in
        written <= 8 || tailEquals(id, normalized)
      }
    }
  }

  /// Whether a key with this hash may be in the table (false: it is not).
  @inline(__always)
  private func mayContain(_ hash: UInt64) -> Bool {
    let (first, second) = WordTable.filterBits(hash)
    return filter.withUnsafeBufferPointer { filter in
      filter[first >> 6] & (1 << UInt64(first & 63)) != 0 && filter[second >> 6] & (1 << UInt64(second & 63)) != 0
    }
  }

  /// The id in the slots of the key with this head, length and hash whose later bytes match.
  @inline(__always)
  private func find(head: UInt64, length: Int, hash: UInt64, tailMatches: (Int32) -> Bool) -> Int32 {
    slots.withUnsafeBufferPointer { slots in
      var index = WordTable.slotIndex(hash, mask)
      while true {
        let slot = slots[index]
        if slot.id < 0 { return -1 }
        if slot.head == head, Int(slot.length) == length, tailMatches(slot.id) { return slot.id }
        index = (index + 1) & mask
      }
    }
  }

  /// The id of a word longer than eight bytes when it is all ASCII (nil when it is not), compared
  /// lowercased in place without copying it anywhere. One word in ten is this long.
  @inline(__always)
  private func lookupLongASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64) -> Int32? {
    let length = range.count
    var ascii: UInt64 = 0
    var offset = range.lowerBound
    while offset < range.upperBound {
      ascii |= TermHash.load(bytes, offset..<min(offset + 8, range.upperBound))
      offset += 8
    }
    guard ascii & 0x8080_8080_8080_8080 == 0 else { return nil }
    let head = TermHash.lowercased(TermHash.load(bytes, range.lowerBound..<(range.lowerBound + 8)))
    return find(head: head, length: length, hash: hash) { id in
      let start = Int(keyStarts[Int(id)])
      return keyBytes.withUnsafeBufferPointer { key in
        for offset in 8..<length where key[start + offset] != ASCII.lowercase(bytes[range.lowerBound + offset]) {
          return false
        }
        return true
      }
    }
  }

  private func tailEquals(_ id: Int32, _ normalized: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = Int(keyStarts[Int(id)])
    for offset in 8..<normalized.count where keyBytes[start + offset] != normalized[offset] { return false }
    return true
  }

  // MARK: - Hashing

  @inline(__always)
  static func slotIndex(_ hash: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: hash >> 32) & mask
  }

  /// The key's two filter bit positions, from hash bits the slot index does not use.
  @inline(__always)
  static func filterBits(_ hash: UInt64) -> (Int, Int) {
    let range = UInt64(filterWords * 64 - 1)
    return (Int(truncatingIfNeeded: hash & range), Int(truncatingIfNeeded: (hash >> 17) & range))
  }
}
