/// Decides whether a `NumberCandidate` (or a run of its groups) is a payment card or phone number.
/// The rules are documented in docs/privacy.md ("Phone numbers", "Payment cards"); keep both in step.
struct NumberRules {
  let phone: Bool
  let card: Bool

  /// The card or phone number at the start of `candidate`: its longest run of groups that
  /// qualifies, ending at the candidate's end (when `endsClean`) or before a space. Runs never
  /// start inside a candidate: "9400 1000 0000 0000 0000 00" holds no "0000 0000 0000 00".
  func classify(
    _ candidate: NumberCandidate, in bytes: UnsafeBufferPointer<UInt8>, startsClean: Bool, endsClean: Bool,
    lowerBound: Int
  ) -> PIIMatch? {
    guard startsClean, !candidate.oversized else { return nil }
    var cue = CueCache(bytes: bytes, start: candidate.start, lowerBound: lowerBound)
    var last = candidate.count
    while last > 0 {
      defer { last -= 1 }
      if last == candidate.count ? !endsClean : candidate.joint(last) != .space { continue }
      let run = Run(candidate: candidate, first: 0, last: last, bytes: bytes)
      let range = candidate.start..<candidate.groupEnd(last - 1)
      if card, run.isCard(cue: &cue) { return PIIMatch(kind: .card, range: range) }
      if phone, run.isPhone(cue: &cue) { return PIIMatch(kind: .phone, range: range) }
    }
    return nil
  }
}

/// The context word before a run, looked up once and only when a rule needs it.
private struct CueCache {
  let bytes: UnsafeBufferPointer<UInt8>
  let start: Int
  let lowerBound: Int
  private var cached: ContextWords.Cue??

  init(bytes: UnsafeBufferPointer<UInt8>, start: Int, lowerBound: Int) {
    self.bytes = bytes
    self.start = start
    self.lowerBound = lowerBound
  }

  mutating func value() -> ContextWords.Cue? {
    if let cached { return cached }
    let found = ContextWords.nearestCue(in: bytes, before: start, lowerBound: lowerBound)
    cached = .some(found)
    return found
  }
}

/// Groups `first..<last` of a candidate, with the facts the rules need.
private struct Run {
  let candidate: NumberCandidate
  let first: Int
  let last: Int
  let bytes: UnsafeBufferPointer<UInt8>

  var groups: Int { last - first }
  var plus: Bool { first == 0 && candidate.plus }
  var digitCount: Int {
    var total = 0
    for group in first..<last { total += candidate.digits(group) }
    return total
  }
  func digits(_ offset: Int) -> Int { candidate.digits(first + offset) }
  /// The `n`th digit of the run (0-based), as a value.
  func digit(_ n: Int) -> Int {
    var remaining = n
    for group in first..<last {
      if remaining < candidate.digits(group) { return Int(bytes[candidate.digitStart(group) + remaining] &- 0x30) }
      remaining -= candidate.digits(group)
    }
    return 0
  }
  var hasParentheses: Bool { (first..<last).contains { candidate.isParenthesized($0) } }

  /// The separator kinds between groups (as a bit mask of `Joint` raw values), leaving out the joint
  /// after a `+` country code and joints next to a group in parentheses, which vary in real numbers.
  var separatorKinds: Int {
    var mask = 0
    for group in (first + 1)..<max(first + 1, last) {
      if plus && group == first + 1 { continue }
      if candidate.isParenthesized(group) || candidate.isParenthesized(group - 1) { continue }
      let joint = candidate.joint(group)
      if joint != .adjacent { mask |= 1 << joint.rawValue }
    }
    return mask
  }
  var uniform: Bool { separatorKinds.nonzeroBitCount <= 1 }
  func uses(_ joint: Joint) -> Bool { separatorKinds & (1 << joint.rawValue) != 0 }

  /// Day-month-year and year-month-day joined by `.`, `-` or `/` (05.03.2024, 2024-03-05, 5/3/24).
  var isDateShaped: Bool {
    guard groups >= 3, !uses(.space) else { return false }
    switch (digits(0), digits(1), digits(2)) {
    case (1...2, 1...2, 4), (4, 1...2, 1...2): return true
    case (1...2, 1...2, 2): return groups == 3
    default: return false
    }
  }

  /// 10.0.164.50, 192.168.1.1
  var isIPAddress: Bool {
    groups == 4 && uses(.dot) && (0..<4).allSatisfy { digits($0) <= 3 }
  }

  // MARK: - Payment cards

  func isCard(cue: inout CueCache) -> Bool {
    guard !plus, !hasParentheses else { return false }
    let length = digitCount
    guard (13...19).contains(length) else { return false }
    if groups == 1 {
      // An unbroken run: not after "order", "invoice", "tracking"…; 17–19 digits only after "card".
      let said = cue.value()
      if said == .identifier { return false }
      if length >= 17 && said != .card { return false }
    } else {
      guard uniform, !uses(.dot), !uses(.slash), isCardGrouping else { return false }
    }
    return brandAllows(length: length) && passesLuhn
  }

  /// 4-4-4-4(-1…4) as printed on most cards, or 4-6-5 / 4-6-4 (American Express, Diners Club).
  private var isCardGrouping: Bool {
    guard digits(0) == 4 else { return false }
    if groups == 3 && digits(1) == 6 && (digits(2) == 5 || digits(2) == 4) { return true }
    for offset in 1..<(groups - 1) where digits(offset) != 4 { return false }
    return (1...4).contains(digits(groups - 1))
  }

  /// Whether the issuer prefix (IIN) of a known scheme fits this length.
  private func brandAllows(length: Int) -> Bool {
    let prefix4 = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
    let prefix2 = prefix4 / 100
    let prefix3 = prefix4 / 10
    switch true {
    case digit(0) == 4: return length == 13 || length == 16 || length == 19  // Visa
    case (51...55).contains(prefix2), (2221...2720).contains(prefix4): return length == 16  // Mastercard
    case prefix2 == 34 || prefix2 == 37: return length == 15  // American Express
    case prefix4 == 6011, (644...649).contains(prefix3), prefix2 == 65: return length >= 16  // Discover
    case (3528...3589).contains(prefix4): return length >= 16  // JCB
    case (300...305).contains(prefix3), prefix2 == 36, prefix2 == 38, prefix2 == 39: return length >= 14  // Diners
    case prefix2 == 62: return length >= 16  // UnionPay
    case (2200...2204).contains(prefix4): return length >= 16  // Mir
    case prefix2 == 50, (56...69).contains(prefix2): return true  // Maestro (12–19)
    case prefix2 == 81 || prefix2 == 82: return length == 16  // RuPay
    default: return false
    }
  }

  private var passesLuhn: Bool {
    var sum = 0
    var double = false
    var group = last - 1
    while group >= first {
      let start = candidate.digitStart(group)
      var index = start + candidate.digits(group) - 1
      while index >= start {
        var value = Int(bytes[index] &- 0x30)
        if double {
          value *= 2
          if value > 9 { value -= 9 }
        }
        sum += value
        double.toggle()
        index -= 1
      }
      group -= 1
    }
    return sum % 10 == 0
  }

  // MARK: - Phone numbers

  func isPhone(cue: inout CueCache) -> Bool {
    let length = digitCount
    guard (7...15).contains(length), uniform, !isDateShaped, !isIPAddress else { return false }
    if plus {
      // +44 20 7946 0958, +1-202-555-0173, +447946095800
      return !uses(.slash) && length >= 8 && (groups > 1 || length >= 10)
    }
    if candidate.isParenthesized(first) {
      // (202) 555-0173, (020) 7946 0958, (0)20 7946 0958
      return groups > 1 && digits(0) <= 5 && (9...12).contains(length) && !uses(.slash)
    }
    if digit(0) == 0 && isNationalWithTrunkPrefix(length: length, cue: &cue) { return true }
    if isNorthAmerican { return true }
    // 98765 43210: an Indian mobile number in its usual 5-5 grouping (mobiles start with 6–9).
    if groups == 2 && digits(0) == 5 && digits(1) == 5 && digit(0) >= 6 && !uses(.dot) && !uses(.slash) {
      return true
    }
    // Any other grouping, or an unbroken run, only right after "phone", "call me", "mobile"…
    return cue.value() == .phone && !uses(.slash)
  }

  /// 020 7946 0958, 0171 234 5678, 06 12 34 56 78, 030/12345678, 07700900123, 00 44 20 7946 0958.
  private func isNationalWithTrunkPrefix(length: Int, cue: inout CueCache) -> Bool {
    if digit(1) == 0 {
      // 00 + country code: international dialling. Unbroken only with 12–15 digits, a country code
      // that does not start with 0, and no "order"/"invoice" before it (padded ids start with 00 too).
      if groups == 1 {
        return (12...15).contains(length) && digit(2) != 0 && cue.value() != .identifier
      }
      return (11...15).contains(length) && !uses(.slash)
    }
    if groups == 1 { return (10...11).contains(length) && cue.value() != .identifier }
    // Nine digits only as area code + number (089 123456); 030-02-8711 is a product code.
    guard (9...12).contains(length), length > 9 || groups == 2 else { return false }
    if uses(.slash) {
      // Area code / number: one slash, right after the first group.
      return candidate.joint(first + 1) == .slash && groups == 2
    }
    // 02139-4307 is a ZIP+4 code.
    return !(groups == 2 && digits(0) == 5 && digits(1) == 4 && uses(.dash))
  }

  /// (1) 202 555 0173 with one kind of separator; area code and exchange do not start with 0 or 1.
  private var isNorthAmerican: Bool {
    var offset = 0
    if digits(0) == 1 && digit(0) == 1 && groups == 4 { offset = 1 }
    guard groups - offset == 3, digits(offset) == 3, digits(offset + 1) == 3, digits(offset + 2) == 4 else {
      return false
    }
    let area = digit(offset)
    let exchange = digit(offset + 3)
    return area >= 2 && exchange >= 2 && !uses(.slash) && !candidate.isParenthesized(first + offset + 1)
  }
}
