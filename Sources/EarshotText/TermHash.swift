/// The one hash of a term that every lexicon table uses (`TermTable`, the sentiment vocabulary):
/// `TokenizedText` computes it once per token, and every table looks the token up with it.
///
/// Terms are normalized as lexicons compare them (`ASCII.normalizedWordByte`: ASCII capitals
/// lowercased, `’` read as `'`). An all-ASCII term is read eight bytes at a time as little-endian
/// integers, lowercased with a few bit operations and mixed with one multiply per eight bytes, so
/// hashing a word costs about as much as one byte-by-byte step of a classic byte hash per byte of
/// eight; a term with other bytes is normalized into scratch memory first and hashed the same way.
public enum TermHash {
  /// The hash of the term spelled by `range` of `bytes`, normalized.
  @inlinable @inline(__always)
  public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    let length = range.count
    if length <= 8 {
      let raw = load(bytes, range)
      if raw & highBits == 0 { return mix(lowercased(raw), length) }
    } else if let hash = longASCIIHash(bytes, range) {
      return hash
    }
    return otherHash(bytes, range)
  }

  /// The hash of bytes that are normalized already (a lexicon's stored key).
  public static func hash(normalized: UnsafeBufferPointer<UInt8>) -> UInt64 {
    headAndHash(normalized: normalized).hash
  }

  /// The head (first eight bytes, little-endian, zero-padded) and hash of normalized key bytes.
  /// Each further eight bytes (zero-padded) are mixed in as one integer, as `longASCIIHash` reads them.
  public static func headAndHash(normalized: UnsafeBufferPointer<UInt8>) -> (head: UInt64, hash: UInt64) {
    var head: UInt64 = 0
    for offset in 0..<min(8, normalized.count) { head |= UInt64(normalized[offset]) << (8 * UInt64(offset)) }
    var hash = mix(head, normalized.count)
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

  /// The hash of an all-ASCII term longer than eight bytes, read eight bytes at a time without a
  /// copy; nil when it has a non-ASCII byte.
  @usableFromInline
  static func longASCIIHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
    let length = range.count
    let raw = load(bytes, range.lowerBound..<(range.lowerBound + 8))
    var ascii = raw
    var hash = mix(lowercased(raw), length)
    var offset = range.lowerBound + 8
    while offset < range.upperBound {
      let chunk = load(bytes, offset..<min(offset + 8, range.upperBound))
      ascii |= chunk
      hash = mix(hash ^ lowercased(chunk), length)
      offset += 8
    }
    return ascii & highBits == 0 ? hash : nil
  }

  /// A term with non-ASCII bytes (one token in a few hundred): normalized into scratch memory,
  /// out of line so that the scratch buffer does not enlarge every caller's stack frame.
  @usableFromInline @inline(never)
  static func otherHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, range.count)) { buffer in
      let written = ASCII.normalizeWord(bytes, range, into: buffer)
      return headAndHash(normalized: UnsafeBufferPointer(rebasing: buffer[0..<written])).hash
    }
  }

  /// The high bit of each of eight bytes: set in a loaded word when one of its bytes is not ASCII.
  @inlinable static var highBits: UInt64 { 0x8080_8080_8080_8080 }

  /// One step of the hash: eight bytes (or the running hash) and the term's length, multiplied and
  /// folded so that both the low bits (`TermTable`'s slot) and the high bits are well mixed.
  @inlinable @inline(__always)
  public static func mix(_ head: UInt64, _ length: Int) -> UInt64 {
    let value = (head ^ UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
    return value ^ (value >> 29)
  }

  /// Up to eight bytes of `range` as a little-endian integer, zero-padded, without reading
  /// outside `bytes`.
  @inlinable @inline(__always)
  public static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    let length = range.count
    guard let base = bytes.baseAddress, length > 0 else { return 0 }
    if range.lowerBound &+ 8 <= bytes.count {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + range.lowerBound).loadUnaligned(as: UInt64.self))
      return length >= 8 ? word : word & ((1 << (8 &* UInt64(truncatingIfNeeded: length))) &- 1)
    }
    if range.upperBound >= 8 {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + range.upperBound - 8).loadUnaligned(as: UInt64.self))
      return word >> (8 &* UInt64(truncatingIfNeeded: 8 &- length))
    }
    var value: UInt64 = 0
    for offset in 0..<length { value |= UInt64(bytes[range.lowerBound + offset]) << (8 * UInt64(offset)) }
    return value
  }

  /// ASCII capitals of all eight bytes lowercased at once (every byte must be below 0x80).
  @inlinable @inline(__always)
  public static func lowercased(_ word: UInt64) -> UInt64 {
    let atLeastA = word &+ 0x3F3F_3F3F_3F3F_3F3F  // high bit set where a byte is ≥ "A"
    let aboveZ = word &+ 0x2525_2525_2525_2525  // high bit set where a byte is > "Z"
    let capitals = atLeastA & ~aboveZ & highBits
    return word | (capitals >> 2)
  }
}
