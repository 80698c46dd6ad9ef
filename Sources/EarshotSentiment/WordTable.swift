import EarshotText

/// An open-addressing hash table from words to ids, probed with byte ranges of a text. ASCII is
/// lowercased and the typographic apostrophe `’` read as `'` on the fly, as `TermTable` does.
///
/// Built for the scoring loop, which looks up every token: a word of up to eight ASCII bytes (most
/// words) is read as one 64-bit integer, lowercased in a few instructions, hashed with one multiply
/// and compared with the slot's stored head in one comparison, so a lookup touches one cache line.
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
    let (head, hash) = normalized.withUnsafeBufferPointer { WordTable.headAndHash(normalized: $0) }
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
        WordTable.headAndHash(normalized: UnsafeBufferPointer(rebasing: $0[start..<(start + Int(slot.length))])).hash
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
    let length = range.count
    guard length > 0 else { return -1 }
    if length <= 8 {
      let raw = WordTable.load(bytes, range)
      if raw & 0x8080_8080_8080_8080 == 0 {
        let head = WordTable.lowercased(raw)
        return probe(head: head, length: length, hash: WordTable.mix(head, length)) { _ in true }
      }
    }
    return lookupOther(bytes, range)
  }

  /// Words longer than eight bytes or with non-ASCII bytes (one token in ten), out of line: the
  /// scratch buffer they may need would otherwise give every lookup a large stack frame.
  @inline(never)
  private func lookupOther(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
    let length = range.count
    if length > 8, let found = lookupLongASCII(bytes, range) { return found }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
      var written = 0
      var index = range.lowerBound
      while index < range.upperBound {
        let (byte, width) = ASCII.normalizedWordByte(bytes, index, range.upperBound)
        buffer[written] = byte
        written += 1
        index += width
      }
      let normalized = UnsafeBufferPointer(rebasing: buffer[0..<written])
      let (head, hash) = WordTable.headAndHash(normalized: normalized)
      return probe(head: head, length: written, hash: hash) { id in
        written <= 8 || tailEquals(id, normalized)
      }
    }
  }

  @inline(__always)
  private func probe(head: UInt64, length: Int, hash: UInt64, tailMatches: (Int32) -> Bool) -> Int32 {
    let (first, second) = WordTable.filterBits(hash)
    let present = filter.withUnsafeBufferPointer { filter in
      filter[first >> 6] & (1 << UInt64(first & 63)) != 0 && filter[second >> 6] & (1 << UInt64(second & 63)) != 0
    }
    guard present else { return -1 }
    return slots.withUnsafeBufferPointer { slots in
      var index = WordTable.slotIndex(hash, mask)
      while true {
        let slot = slots[index]
        if slot.id < 0 { return -1 }
        if slot.head == head, Int(slot.length) == length, tailMatches(slot.id) { return slot.id }
        index = (index + 1) & mask
      }
    }
  }

  /// The id of a word longer than eight bytes when it is all ASCII (nil when it is not): read and
  /// lowercased eight bytes at a time, hashed as `headAndHash` hashes its normalized bytes, without
  /// copying it anywhere. One word in ten is this long.
  @inline(__always)
  private func lookupLongASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32? {
    let length = range.count
    let raw = WordTable.load(bytes, range.lowerBound..<(range.lowerBound + 8))
    var ascii = raw
    let head = WordTable.lowercased(raw)
    var hash = WordTable.mix(head, length)
    var offset = range.lowerBound + 8
    while offset < range.upperBound {
      let chunk = WordTable.load(bytes, offset..<min(offset + 8, range.upperBound))
      ascii |= chunk
      hash = WordTable.mix(hash ^ WordTable.lowercased(chunk), length)
      offset += 8
    }
    guard ascii & 0x8080_8080_8080_8080 == 0 else { return nil }
    return probe(head: head, length: length, hash: hash) { id in
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

  @inline(__always)
  static func mix(_ head: UInt64, _ length: Int) -> UInt64 {
    let value = (head ^ UInt64(length) &* 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
    return value ^ (value >> 29)
  }

  /// The head (first eight bytes, little-endian, zero-padded) and hash of normalized key bytes.
  /// Bytes after the eighth take part in the hash so long words sharing a head spread out.
  static func headAndHash(normalized: UnsafeBufferPointer<UInt8>) -> (head: UInt64, hash: UInt64) {
    var head: UInt64 = 0
    for offset in 0..<min(8, normalized.count) { head |= UInt64(normalized[offset]) << (8 * UInt64(offset)) }
    var hash = mix(head, normalized.count)
    // Each further eight bytes (zero-padded) are mixed in as one integer, as `lookupLongASCII` reads them.
    var offset = 8
    while offset < normalized.count {
      var chunk: UInt64 = 0
      for index in offset..<min(offset + 8, normalized.count) {
        chunk |= UInt64(normalized[index]) << (8 * UInt64(index - offset))
      }
      hash = mix(hash ^ chunk, normalized.count)
      offset += 8
    }
    return (head, hash)
  }

  /// Up to eight bytes of `range` as a little-endian integer, zero-padded, without reading
  /// outside `bytes`.
  @inline(__always)
  static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    let length = range.count
    guard let base = bytes.baseAddress else { return 0 }
    if range.lowerBound + 8 <= bytes.count {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + range.lowerBound).loadUnaligned(as: UInt64.self))
      return length == 8 ? word : word & ((1 << (8 * UInt64(length))) - 1)
    }
    if range.upperBound >= 8 {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + range.upperBound - 8).loadUnaligned(as: UInt64.self))
      return word >> (8 * UInt64(8 - length))
    }
    var value: UInt64 = 0
    for offset in 0..<length { value |= UInt64(bytes[range.lowerBound + offset]) << (8 * UInt64(offset)) }
    return value
  }

  /// ASCII capitals of all eight bytes lowercased at once (every byte must be below 0x80).
  @inline(__always)
  static func lowercased(_ word: UInt64) -> UInt64 {
    let atLeastA = word &+ 0x3F3F_3F3F_3F3F_3F3F  // high bit set where a byte is ≥ "A"
    let aboveZ = word &+ 0x2525_2525_2525_2525  // high bit set where a byte is > "Z"
    let capitals = atLeastA & ~aboveZ & 0x8080_8080_8080_8080
    return word | (capitals >> 2)
  }
}
