/// E-mail addresses, found from their `@`: a local part of letters, digits and `._%+-` (and Latin
/// letters beyond ASCII), then at least two dot-separated domain labels, the last of which (the
/// top-level domain) is two or more ASCII letters or an `xn--` label.
enum EmailRule {
  /// The address around the `@` at `at`, starting no earlier than `lowerBound`.
  static func match(in bytes: UnsafeBufferPointer<UInt8>, at: Int, lowerBound: Int) -> Range<Int>? {
    var start = at
    while start > lowerBound {
      if isLocalByte(bytes[start - 1]) {
        start -= 1
      } else if start - 2 >= lowerBound, isLatinLetter(bytes[start - 2], bytes[start - 1]) {
        start -= 2
      } else {
        break
      }
    }
    // An address does not start with punctuation ("...john@", "+john@" in a list).
    while start < at, !Bytes.isAlphanumeric(bytes[start]), bytes[start] < 0x80, bytes[start] != UInt8(ascii: "_") {
      start += 1
    }
    guard start < at, let end = domainEnd(in: bytes, from: at + 1) else { return nil }
    return start..<end
  }

  /// The end of the longest run of domain labels from `from` whose last label is a top-level domain.
  private static func domainEnd(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    var index = from
    var labels = 0
    var validEnd: Int?
    while index < bytes.count {
      let labelStart = index
      var lettersOnly = true
      while index < bytes.count {
        let byte = bytes[index]
        if Bytes.isLetter(byte) {
          index += 1
        } else if Bytes.isDigit(byte) || byte == Bytes.dash {
          lettersOnly = false
          index += 1
        } else if index + 1 < bytes.count, isLatinLetter(byte, bytes[index + 1]) {
          lettersOnly = false
          index += 2
        } else {
          break
        }
      }
      guard index > labelStart, bytes[labelStart] != Bytes.dash else { break }
      labels += 1
      if labels >= 2 && bytes[index - 1] != Bytes.dash && isTopLevel(bytes, labelStart, index, lettersOnly) {
        validEnd = index
      }
      guard index + 1 < bytes.count, bytes[index] == Bytes.dot else { break }
      index += 1
    }
    return validEnd
  }

  private static func isTopLevel(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ letters: Bool)
    -> Bool
  {
    if letters { return end - start >= 2 }
    return end - start > 4 && Bytes.lowercase(bytes[start]) == UInt8(ascii: "x")
      && Bytes.lowercase(bytes[start + 1]) == UInt8(ascii: "n") && bytes[start + 2] == Bytes.dash
      && bytes[start + 3] == Bytes.dash
  }

  private static func isLocalByte(_ byte: UInt8) -> Bool {
    if Bytes.isAlphanumeric(byte) { return true }
    switch byte {
    // Not `=`: "?email=jane@example.com" must keep its "email=".
    case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "-"):
      return true
    default: return false
    }
  }

  /// A two-byte UTF-8 letter from U+00C0 to U+024F (accented Latin letters), except × and ÷.
  private static func isLatinLetter(_ lead: UInt8, _ next: UInt8) -> Bool {
    guard lead &- 0xC3 <= 6, next &- 0x80 < 0x40 else { return false }
    return !(lead == 0xC3 && (next == 0x97 || next == 0xB7))
  }
}
