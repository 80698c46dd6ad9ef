/// Unicode ranges that make up emoji sequences (modifiers, joiners, flags).
enum Emoji {
  /// Scalars that begin an emoji.
  static func isEmojiStart(_ scalar: UInt32) -> Bool {
    (0x1F000...0x1FAFF).contains(scalar) || (0x2600...0x27BF).contains(scalar) || (0x2B00...0x2BFF).contains(scalar)
      || (0x2300...0x23FF).contains(scalar) || (0x2190...0x21FF).contains(scalar) || scalar == 0x3030
      || scalar == 0x303D || scalar == 0x3297 || scalar == 0x3299
  }

  /// Scalars that attach to the emoji before them.
  static func isModifier(_ scalar: UInt32) -> Bool {
    scalar == 0xFE0F || scalar == 0xFE0E || scalar == 0x20E3 || (0x1F3FB...0x1F3FF).contains(scalar)
      || (0xE0020...0xE007F).contains(scalar)
  }

  /// The end of the emoji sequence starting at `start`: one emoji with its modifiers, a
  /// zero-width-joined family, or a regional-indicator flag pair.
  static func sequenceEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    var first = true
    var regionalIndicators = 0
    while index < bytes.count {
      let (scalar, length) = decode(bytes, at: index)
      if first {
        first = false
        if (0x1F1E6...0x1F1FF).contains(scalar) { regionalIndicators = 1 }
        index += length
        continue
      }
      if isModifier(scalar) {
        index += length
      } else if regionalIndicators == 1, (0x1F1E6...0x1F1FF).contains(scalar) {
        regionalIndicators = 2
        index += length
      } else if scalar == 0x200D, index + length < bytes.count {
        let (next, nextLength) = decode(bytes, at: index + length)
        guard isEmojiStart(next) else { break }
        index += length + nextLength
      } else {
        break
      }
    }
    return index
  }

  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
    let lead = bytes[index]
    let length: Int
    switch lead {
    case 0xF0...0xF7: length = 4
    case 0xE0...0xEF: length = 3
    case 0xC0...0xDF: length = 2
    default: return (UInt32(lead), 1)
    }
    guard index + length <= bytes.count else { return (0xFFFD, 1) }
    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
    return (value, length)
  }
}
