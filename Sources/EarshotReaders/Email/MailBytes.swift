/// Byte-level helpers shared by the e-mail parsers: mail is bytes first, and text only after
/// transfer and charset decoding, so every scanner here works on `[UInt8]`.
enum MailBytes {
  static let lf: UInt8 = 0x0A
  static let cr: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let tab: UInt8 = 0x09
  static let colon: UInt8 = 0x3A
  static let greaterThan: UInt8 = 0x3E

  /// ASCII lowercase of one byte; other bytes pass unchanged.
  @inline(__always)
  static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

  /// Space, tab, CR or LF.
  @inline(__always)
  static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

  /// The value of an ASCII hex digit.
  @inline(__always)
  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }

  /// The ranges of the lines in `bytes[range]`, without their LF or CRLF terminators.
  static func lineRanges(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = range.lowerBound
    var index = range.lowerBound
    while index < range.upperBound {
      if bytes[index] == lf {
        let end = index > start && bytes[index - 1] == cr ? index - 1 : index
        result.append(start..<end)
        start = index + 1
      }
      index += 1
    }
    if start < range.upperBound {
      let end = bytes[range.upperBound - 1] == cr ? range.upperBound - 1 : range.upperBound
      result.append(start..<max(start, end))
    }
    return result
  }

  /// Whether `bytes[range]` starts with `prefix`, ignoring ASCII case (`prefix` must be lowercase).
  static func hasPrefix(_ bytes: [UInt8], _ range: Range<Int>, _ prefix: [UInt8]) -> Bool {
    guard range.count >= prefix.count else { return false }
    var index = range.lowerBound
    for byte in prefix {
      if lower(bytes[index]) != byte { return false }
      index += 1
    }
    return true
  }

  /// Whether `bytes[range]` contains `needle`, ignoring ASCII case (`needle` must be lowercase).
  static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, range.count >= needle.count else { return false }
    var index = range.lowerBound
    let last = range.upperBound - needle.count
    while index <= last {
      if lower(bytes[index]) == first {
        var offset = 1
        while offset < needle.count && lower(bytes[index + offset]) == needle[offset] { offset += 1 }
        if offset == needle.count { return true }
      }
      index += 1
    }
    return false
  }

  /// `range` without leading and trailing white space.
  static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper && isWhitespace(bytes[lower]) { lower += 1 }
    while upper > lower && isWhitespace(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  /// Whether the range holds only white space.
  static func isBlank(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    trimmed(bytes, range).isEmpty
  }

  /// The string's UTF-8 bytes with CRLF and lone CR turned into LF.
  static func normalizedNewlines(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.contains(cr) else { return bytes }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == cr {
        result.append(lf)
        if index + 1 < bytes.count && bytes[index + 1] == lf { index += 1 }
      } else {
        result.append(byte)
      }
      index += 1
    }
    return result
  }

  /// A 64-bit FNV-1a hash, for ids derived from content that must be stable across runs.
  static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }
}
