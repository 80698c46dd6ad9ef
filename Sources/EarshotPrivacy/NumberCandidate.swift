/// Sixteen small values (0…255) packed in two words, so a candidate number needs no heap storage.
struct PackedBytes {
  private var low: UInt64 = 0
  private var high: UInt64 = 0

  subscript(index: Int) -> Int {
    get {
      let word = index < 8 ? low : high
      return Int((word >> UInt64((index & 7) * 8)) & 0xFF)
    }
    set {
      let shift = UInt64((index & 7) * 8)
      let cleared = ~(UInt64(0xFF) << shift)
      let value = UInt64(newValue & 0xFF) << shift
      if index < 8 { low = (low & cleared) | value } else { high = (high & cleared) | value }
    }
  }
}

/// How one digit group of a candidate is joined to the group before it.
enum Joint: Int {
  /// The first group.
  case none = 0
  case space, dash, dot, slash
  /// No separator byte: `(0)20`, `+44(0)`.
  case adjacent
}

/// A run of digit groups that might be a phone or card number: digits, single separators
/// (space, `-`, `.`, `/`) between groups, groups in parentheses, and an optional leading `+`.
///
/// Offsets are relative to `start` and the candidate is at most `maximumLength` bytes and
/// `maximumGroups` groups; longer runs are read to their end and marked `oversized`.
struct NumberCandidate {
  static let maximumGroups = 16
  static let maximumLength = 64

  /// Offset of the first byte (the `+`, `(` or first digit).
  let start: Int
  /// One past the last byte read.
  private(set) var end: Int
  /// Whether it starts with `+`.
  private(set) var plus = false
  /// Number of digit groups.
  private(set) var count = 0
  /// Whether the run was longer than a phone or card number can be.
  private(set) var oversized = false
  /// Per group: digits, start of its first digit, end (after `)` for a group in parentheses), joint.
  private var digitCounts = PackedBytes()
  private var digitStarts = PackedBytes()
  private var ends = PackedBytes()
  private var joints = PackedBytes()
  private var parenthesized: UInt16 = 0

  /// Reads the candidate starting at `start`, which holds `+`, `(` or a digit.
  init?(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) {
    self.start = start
    end = start
    var index = start
    // "(+234) 70 94250 556": a country code in parentheses.
    if bytes[index] == Bytes.openParen, index + 2 < bytes.count, bytes[index + 1] == Bytes.plus,
      Bytes.isDigit(bytes[index + 2])
    {
      var close = index + 2
      while close < bytes.count, close - index <= 6, Bytes.isDigit(bytes[close]) { close += 1 }
      if close < bytes.count, bytes[close] == Bytes.closeParen {
        plus = true
        digitCounts[0] = close - index - 2
        digitStarts[0] = 2
        ends[0] = close + 1 - start
        count = 1
        end = close + 1
        index = close + 1
        guard index + 1 < bytes.count, bytes[index] == Bytes.space || bytes[index] == Bytes.dash,
          Bytes.isDigit(bytes[index + 1])
        else { return nil }
        index += 1
      }
    } else if bytes[index] == Bytes.plus {
      plus = true
      index += 1
      guard index < bytes.count, Bytes.isDigit(bytes[index]) || bytes[index] == Bytes.openParen else { return nil }
    }
    var joint: Joint = count == 0 ? .none : bytes[index - 1] == Bytes.space ? .space : .dash
    while index < bytes.count {
      let groupStart = index
      var inParentheses = false
      if bytes[index] == Bytes.openParen {
        var close = index + 1
        while close < bytes.count, close - index <= 7, Bytes.isDigit(bytes[close]) { close += 1 }
        guard close < bytes.count, bytes[close] == Bytes.closeParen, close > index + 1 else { break }
        inParentheses = true
        index = close + 1
      } else if Bytes.isDigit(bytes[index]) {
        while index < bytes.count, Bytes.isDigit(bytes[index]) { index += 1 }
      } else {
        break
      }
      let digits = inParentheses ? index - groupStart - 2 : index - groupStart
      if count < Self.maximumGroups && index - start <= Self.maximumLength {
        digitCounts[count] = digits
        digitStarts[count] = groupStart - start + (inParentheses ? 1 : 0)
        ends[count] = index - start
        joints[count] = joint.rawValue
        if inParentheses { parenthesized |= 1 << UInt16(count) }
      } else {
        oversized = true
      }
      count += 1
      end = index
      // A separator joins the next group only when a digit or `(` follows it directly.
      guard index < bytes.count else { break }
      let next = index + 1 < bytes.count ? bytes[index + 1] : 0
      let continues = Bytes.isDigit(next) || next == Bytes.openParen
      switch bytes[index] {
      case Bytes.space where continues: joint = .space
      case Bytes.dash where continues: joint = .dash
      case Bytes.dot where continues: joint = .dot
      case Bytes.slash where continues: joint = .slash
      case Bytes.openParen:
        joint = .adjacent
        continue
      case let byte where Bytes.isDigit(byte) && inParentheses:
        joint = .adjacent
        continue
      default: return
      }
      index += 1
    }
    if count == 0 { return nil }
  }

  func digits(_ group: Int) -> Int { digitCounts[group] }
  func digitStart(_ group: Int) -> Int { start + digitStarts[group] }
  /// The first byte of `group`: its `(` or first digit, or the `+` of group 0.
  func groupStart(_ group: Int) -> Int {
    group == 0 ? start : digitStart(group) - (isParenthesized(group) ? 1 : 0)
  }
  func groupEnd(_ group: Int) -> Int { start + ends[group] }
  func joint(_ group: Int) -> Joint { Joint(rawValue: joints[group]) ?? .none }
  func isParenthesized(_ group: Int) -> Bool { parenthesized & (1 << UInt16(group)) != 0 }
}
