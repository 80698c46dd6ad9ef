/// Finds the agent sign-off that support teams put at the end of a company tweet
/// (`^JK`, `-Becky`, `*AFC`, `/CB`, `~ Ellen`, `–XG`, `^Jane 2/2`, `-RE.`, `^JG https://t.co/…`).
///
/// Works on UTF-8 bytes. The marker must follow white space, punctuation or the start of the text,
/// so `e-mail` or `24/7` are not sign-offs; the name is one word of 1–15 ASCII letters (dots allowed
/// inside, as in `S.D`), or two capitalized words after `-`/`~` (`- Anwar`, `~ Ellen`).
enum TwitterSignOff {
  /// The signing agent's initials or name, or nil when the tweet is not signed.
  static func agent(in text: String) -> String? {
    var bytes = Array(text.utf8)
    trimSpace(&bytes)
    // Trailing links (and an emoji-free "2/2" part counter) come after the sign-off in real tweets.
    while let start = lastTokenStart(bytes),
      hasPrefix(bytes, at: start, "http://") || hasPrefix(bytes, at: start, "https://")
    {
      bytes.removeSubrange(start...)
      trimSpace(&bytes)
    }
    if let start = lastTokenStart(bytes), start > 0, isPartCounter(bytes[start...]) {
      bytes.removeSubrange(start...)
      trimSpace(&bytes)
    }
    while bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
    var nameEnd = bytes.count
    var nameStart = nameEnd
    while nameStart > 0, isLetter(bytes[nameStart - 1]) || bytes[nameStart - 1] == UInt8(ascii: ".") { nameStart -= 1 }
    guard nameStart < nameEnd, isLetter(bytes[nameStart]), nameEnd - nameStart <= 15 else { return nil }
    var cursor = nameStart
    if cursor > 0, bytes[cursor - 1] == 0x20 { cursor -= 1 }
    var marker = markerLength(bytes, endingAt: cursor)
    if marker == 0, nameStart > 1, bytes[nameStart - 1] == 0x20, isUpper(bytes[nameStart]) {
      // Two capitalized words after "-" or "~": "~ Mary Ann".
      var firstStart = nameStart - 1
      while firstStart > 0, isLetter(bytes[firstStart - 1]) { firstStart -= 1 }
      guard firstStart < nameStart - 1, isUpper(bytes[firstStart]), nameEnd - firstStart <= 20 else { return nil }
      cursor = firstStart
      if cursor > 0, bytes[cursor - 1] == 0x20 { cursor -= 1 }
      marker = markerLength(bytes, endingAt: cursor)
      guard marker > 0, bytes[cursor - 1] != UInt8(ascii: "/"), bytes[cursor - 1] != UInt8(ascii: "*") else {
        return nil
      }
      nameStart = firstStart
    }
    guard marker > 0 else { return nil }
    let before = cursor - marker
    guard before == 0 || isBoundary(bytes[before - 1]) else { return nil }
    while nameEnd > nameStart, bytes[nameEnd - 1] == UInt8(ascii: ".") { nameEnd -= 1 }
    return String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
  }

  private static func trimSpace(_ bytes: inout [UInt8]) {
    while let last = bytes.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { bytes.removeLast() }
  }

  private static func lastTokenStart(_ bytes: [UInt8]) -> Int? {
    guard !bytes.isEmpty else { return nil }
    var index = bytes.count
    while index > 0, !(bytes[index - 1] == 0x20 || bytes[index - 1] == 0x0A || bytes[index - 1] == 0x09) { index -= 1 }
    return index
  }

  private static func hasPrefix(_ bytes: [UInt8], at index: Int, _ literal: String) -> Bool {
    bytes[index...].starts(with: literal.utf8)
  }

  private static func isPartCounter(_ token: ArraySlice<UInt8>) -> Bool {
    let parts = token.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(isDigit) }
  }

  /// Length in bytes of a sign-off marker that ends at `end`, or 0.
  private static func markerLength(_ bytes: [UInt8], endingAt end: Int) -> Int {
    guard end > 0 else { return 0 }
    switch bytes[end - 1] {
    case UInt8(ascii: "^"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "~"):
      return 1
    case 0x93, 0x94:  // – (U+2013) and — (U+2014) are E2 80 93 / E2 80 94
      return end >= 3 && bytes[end - 3] == 0xE2 && bytes[end - 2] == 0x80 ? 3 : 0
    default:
      return 0
    }
  }

  private static func isBoundary(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ","),
      UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: ")"), UInt8(ascii: "]"):
      return true
    default:
      return false
    }
  }

  private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
  private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
