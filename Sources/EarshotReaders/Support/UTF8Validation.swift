/// Checks UTF-8 one character at a time, for diagnostics that name the first bad byte.
enum UTF8Validation {
  /// The length of the valid UTF-8 sequence starting at `index`, or 0 when the bytes there are not
  /// valid UTF-8 (a stray continuation byte, a truncated sequence, an overlong form, a surrogate or a
  /// value above U+10FFFF).
  static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
    guard index < bytes.count else { return 0 }
    let lead = bytes[index]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: return 0
    }
    guard index + length <= bytes.count else { return 0 }
    guard (low...high).contains(bytes[index + 1]) else { return 0 }
    for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
    return length
  }

  /// The offset of the first byte that is not valid UTF-8, or nil when all of `bytes` is valid.
  static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
      if bytes[index] < 0x80 {
        index += 1
        continue
      }
      let length = sequenceLength(bytes, at: index)
      if length == 0 { return index }
      index += length
    }
    return nil
  }
}
