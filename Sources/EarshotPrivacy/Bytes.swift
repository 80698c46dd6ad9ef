/// Byte classes for the redaction scanner. Plain comparisons, not tables: the compiler turns them
/// into a few instructions and they need no global state in the hot loop.
enum Bytes {
  static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
  static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
  static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
  static func lowercase(_ byte: UInt8) -> UInt8 { isLetter(byte) ? byte | 0x20 : byte }
  /// Spaces, tabs, line breaks.
  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }

  static let at = UInt8(ascii: "@")
  static let plus = UInt8(ascii: "+")
  static let openParen = UInt8(ascii: "(")
  static let closeParen = UInt8(ascii: ")")
  static let space = UInt8(ascii: " ")
  static let dash = UInt8(ascii: "-")
  static let dot = UInt8(ascii: ".")
  static let slash = UInt8(ascii: "/")

  /// Whether the bytes just before `index` end a currency sign (£ ¥ ¢ € ₹ ₽ ₩), so a number there is an amount.
  static func followsCurrencySign(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    if index >= 2, bytes[index - 2] == 0xC2 {
      switch bytes[index - 1] {
      case 0xA2, 0xA3, 0xA5: return true
      default: break
      }
    }
    guard index >= 3, bytes[index - 3] == 0xE2, bytes[index - 2] == 0x82 else { return false }
    switch bytes[index - 1] {
    case 0xA9, 0xAC, 0xB9, 0xBD: return true
    default: return false
    }
  }

  /// Whether `word` (lowercase ASCII) is at `index`, ignoring case, with no letter on either side.
  static func hasWord(_ word: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    let count = word.utf8CodeUnitCount
    guard index >= 0, index + count <= bytes.count else { return false }
    if index > 0, isLetter(bytes[index - 1]) { return false }
    if index + count < bytes.count, isLetter(bytes[index + count]) { return false }
    let letters = word.utf8Start
    for offset in 0..<count where lowercase(bytes[index + offset]) != letters[offset] { return false }
    return true
  }
}
