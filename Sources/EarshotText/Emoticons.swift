/// ASCII emoticons the tokenizer keeps whole. Their valences live in the sentiment lexicons.
enum Emoticons {
  /// Longest first, so `:-)` wins over `:-`.
  static let all: [[UInt8]] = [
    ">:-(", ">:(", ":'-(", ":'(", ":'-)", ":')", "</3", ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-|", ":-O", ":-o",
    ";-)", "^_^", "-_-", "o_O", "O_o", "T_T", ":)", ":(", ":D", ":P", ":p", ":/", ":|", ":O", ":o", ";)", "=)", "=(",
    "=D", "<3", ":]", ":[", ":*", ":3", "XD", "xD", "^^", ":$", ":@",
  ].map { Array($0.utf8) }

  /// A cheap test before `match`: whether an emoticon can start at `index` at all. Letters start
  /// only "XD", "xD", "o_O", "O_o" and "T_T", so a word's first letter rarely needs the full match.
  @inline(__always)
  static func mayStart(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    switch bytes[index] {
    case 0x3A, 0x3B, 0x3D, 0x3C, 0x3E, 0x5E, 0x2D: return true
    case 0x58, 0x78, 0x6F, 0x4F, 0x54:
      guard index + 1 < bytes.count else { return false }
      let next = bytes[index + 1]
      return next == 0x44 || next == 0x5F
    default: return false
    }
  }

  /// The length of the emoticon starting at `index`, if one does and it ends at a boundary.
  static func match(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    let first = bytes[index]
    guard
      first == 0x3A || first == 0x3B || first == 0x3D || first == 0x3C || first == 0x3E || first == 0x5E
        || first == 0x2D || first == 0x58 || first == 0x78 || first == 0x6F || first == 0x4F || first == 0x54
    else { return nil }
    for candidate in all where candidate[0] == first && index + candidate.count <= bytes.count {
      var matches = true
      for offset in 1..<candidate.count where bytes[index + offset] != candidate[offset] {
        matches = false
        break
      }
      guard matches else { continue }
      let after = index + candidate.count
      if after == bytes.count { return candidate.count }
      let next = bytes[after]
      if ASCII.isSpace(next) || (!ASCII.isWordByte(next) && next < 0x80) || next >= 0x80 {
        return candidate.count
      }
    }
    return nil
  }
}
