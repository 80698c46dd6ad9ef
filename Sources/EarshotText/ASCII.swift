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
  @inlinable static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B
  }
  @inlinable static func isWordByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 0x5F }
}
