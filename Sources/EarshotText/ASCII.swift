/// Byte-level character classes for the tokenizer; everything here is branch-cheap and allocation-free.
public enum ASCII {
  /// Lowercases an ASCII capital; other bytes pass through.
  @inlinable public static func lowercase(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
  }
  @inlinable static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
  @inlinable static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
  /// Whether the byte is an ASCII letter.
  @inlinable public static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
  @inlinable static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  /// Space, tab, line feed, vertical tab, form feed or carriage return; a letter or any other
  /// byte above the space is turned away by the first comparison.
  @inlinable static func isSpace(_ byte: UInt8) -> Bool {
    byte <= 0x20 && (byte == 0x20 || byte &- 0x09 < 5)
  }
  @inlinable static func isWordByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 0x5F }

  /// The byte of a word as lexicons compare it, and how many bytes it used: ASCII capitals
  /// lowercased, the typographic apostrophe `’` (three bytes) read as `'`, any other byte as is.
  @inlinable @inline(__always)
  public static func normalizedWordByte(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> (UInt8, Int) {
    let byte = bytes[index]
    if byte < 0x80 { return (byte &- 0x41 < 26 ? byte | 0x20 : byte, 1) }
    if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 { return (0x27, 3) }
    return (byte, 1)
  }

  /// Writes the word at `range` of `bytes` into `output`, each byte as `normalizedWordByte` reads
  /// it, and returns how many bytes it wrote (at most `range.count`, which `output` must hold).
  @inlinable
  public static func normalizeWord(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into output: UnsafeMutableBufferPointer<UInt8>
  ) -> Int {
    var written = 0
    var index = range.lowerBound
    while index < range.upperBound {
      let (byte, width) = normalizedWordByte(bytes, index, range.upperBound)
      output[written] = byte
      written += 1
      index += width
    }
    return written
  }

  /// The word at `range` of `bytes` normalized as `normalizeWord` does, in a new array (allocates:
  /// for loading lexicons and dumping features, not for scoring loops).
  public static func normalizedWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: range.count) { output, count in
      count = normalizeWord(bytes, range, into: output)
    }
  }
}
