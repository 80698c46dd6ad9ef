/// A case-insensitive hash table from terms to values, looked up by byte ranges.
///
/// Keys are stored once in one flat byte array; a lookup hashes and compares the probe bytes in
/// place (lowercasing ASCII and reading `’` as `'`), so the hot path allocates nothing.
public struct TermTable<Value: Sendable>: Sendable {
  @usableFromInline var keyBytes: [UInt8] = []
  @usableFromInline var keyRanges: [Range<Int>] = []
  @usableFromInline var values: [Value] = []
  /// Each key's hash: a probe compares hashes before bytes, so most misses touch no key bytes.
  @usableFromInline var keyHashes: [Int] = []
  @usableFromInline var slots: [Int32]
  @usableFromInline var mask: Int

  /// Creates an empty table sized for about `capacity` terms.
  public init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: -1, count: size)
    mask = size - 1
  }

  /// The number of terms.
  public var count: Int { values.count }

  /// Adds `term` or replaces its value; the term is normalized the same way lookups are.
  public mutating func set(_ term: String, _ value: Value) {
    let key = TermTable.normalize(Array(term.utf8))
    let found = key.withUnsafeBufferPointer { find($0, 0..<key.count) }
    if let index = found.index {
      values[index] = value
      return
    }
    if (values.count + 1) * 2 > slots.count { grow() }
    let start = keyBytes.count
    keyBytes.append(contentsOf: key)
    keyRanges.append(start..<keyBytes.count)
    values.append(value)
    keyHashes.append(TermTable.hash(key[...]))
    insertSlot(for: values.count - 1, hash: keyHashes[values.count - 1])
  }

  /// The value of the term spelled by `range` of `bytes`, if present.
  @inlinable public func value(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Value? {
    guard let index = index(of: bytes, range) else { return nil }
    return value(at: index)
  }

  /// The value of the term spelled by `range` of `bytes`, whose `termHash(_:_:)` the caller
  /// computed already (`TokenizedText.termHashes`): one hash per token for every table.
  @inlinable public func value(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: Int) -> Value? {
    guard let index = find(bytes, range, hash: hash).index else { return nil }
    return value(at: index)
  }

  /// The value of `term`, if present (convenience for tests and configuration, allocates).
  public func value(for term: String) -> Value? {
    let bytes = Array(term.utf8)
    return bytes.withUnsafeBufferPointer { value($0, 0..<bytes.count) }
  }

  /// The dense index (0..<count) of the term spelled by `range`, if present.
  @inlinable func index(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    find(bytes, range).index
  }

  @inlinable func value(at index: Int) -> Value { values[index] }

  /// Every term and its value, in insertion order.
  public var entries: [(term: String, value: Value)] {
    values.indices.map { (String(decoding: keyBytes[keyRanges[$0]], as: UTF8.self), values[$0]) }
  }

  // MARK: - Private

  @inlinable func find(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (index: Int?, slot: Int) {
    find(bytes, range, hash: TermTable.hash(bytes, range))
  }

  @inlinable func find(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: Int
  ) -> (index: Int?, slot: Int) {
    var slot = hash & mask
    while true {
      let entry = Int(slots[slot])
      if entry < 0 { return (nil, slot) }
      if keyHashes[entry] == hash, equals(entry, bytes, range) { return (entry, slot) }
      slot = (slot + 1) & mask
    }
  }

  @inlinable func equals(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    let key = keyRanges[entry]
    var keyIndex = key.lowerBound
    var probe = range.lowerBound
    while probe < range.upperBound {
      guard keyIndex < key.upperBound else { return false }
      let (byte, width) = ASCII.normalizedWordByte(bytes, probe, range.upperBound)
      if keyBytes[keyIndex] != byte { return false }
      keyIndex += 1
      probe += width
    }
    return keyIndex == key.upperBound
  }

  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    mask = slots.count - 1
    for index in values.indices {
      insertSlot(for: index, hash: TermTable.hash(keyBytes[keyRanges[index]]))
    }
  }

  private mutating func insertSlot(for index: Int, hash: Int) {
    var slot = hash & mask
    while slots[slot] >= 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(index)
  }

  static func normalize(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { ASCII.normalizedWord($0, 0..<$0.count) }
  }

  @inlinable static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
    Int(truncatingIfNeeded: TermHash.hash(bytes, range))
  }

  static func hash(_ normalized: ArraySlice<UInt8>) -> Int {
    Int(truncatingIfNeeded: normalized.withUnsafeBufferPointer { TermHash.hash(normalized: $0) })
  }
}

/// The hash `TermTable` lookups use for the term spelled by `range` of `bytes` (ASCII lowercased,
/// `’` read as `'`; `TermHash.hash`); the same for every table, so a text hashes each token once.
@inlinable public func termHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
  TermTable<Int>.hash(bytes, range)
}
