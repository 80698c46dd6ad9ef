/// One pass over a text's UTF-8 bytes that finds e-mail addresses, phone numbers, card numbers and
/// IBANs. Work is done only where something can start: at an `@`, at a number (digit, `+`, `(`)
/// that starts a word, and at a word of the shape letter-letter-digit-digit; every other word is
/// skipped whole, so digits inside words (`1Z999AA10123456784`, `BA283`, `v17.0.3`) are never
/// read as numbers. Links (`http://`, `https://`, `www.`) are skipped too, except for e-mail
/// addresses inside them. Nothing is allocated but the matches themselves.
struct Scanner {
  let email: Bool
  let iban: Bool
  let numbers: NumberRules

  init(settings: PrivacySettings) {
    email = settings.email
    iban = settings.iban
    numbers = NumberRules(phone: settings.phone, card: settings.card)
  }

  var isIdle: Bool { !email && !iban && !numbers.phone && !numbers.card }

  /// Appends the matches in `bytes`, in order and without overlaps.
  func scan(_ bytes: UnsafeBufferPointer<UInt8>, into matches: inout [PIIMatch]) {
    let count = bytes.count
    var index = 0
    var lastEnd = 0
    let readsNumbers = numbers.phone || numbers.card
    while index < count {
      let byte = bytes[index]
      if byte == Bytes.at {
        if email, let range = EmailRule.match(in: bytes, at: index, lowerBound: lastEnd) {
          matches.append(PIIMatch(kind: .email, range: range))
          index = range.upperBound
          lastEnd = index
        } else {
          index += 1
        }
      } else if Bytes.isDigit(byte) || byte == Bytes.plus || byte == Bytes.openParen {
        guard readsNumbers, let candidate = NumberCandidate(bytes, at: index) else {
          // A `+` or `(` that starts no number: what follows is read on its own.
          index = Bytes.isDigit(byte) ? skipWord(bytes, from: index + 1) : index + 1
          continue
        }
        let found = numbers.classify(
          candidate, in: bytes, startsClean: startsNumber(bytes, at: index),
          endsClean: endsNumber(bytes, at: candidate.end), lowerBound: lastEnd)
        if let found {
          matches.append(found)
          index = found.range.upperBound
          lastEnd = index
        } else {
          index = skipWord(bytes, from: candidate.end)
        }
      } else if Bytes.isLetter(byte) {
        if index > 0 && Bytes.isAlphanumeric(bytes[index - 1]) {
          index = skipWord(bytes, from: index + 1)
        } else if let end = Self.linkEnd(bytes, at: index) {
          if email { scanLink(bytes, index..<end, lastEnd: &lastEnd, into: &matches) }
          index = end
        } else if iban, Self.mayStartIBAN(bytes, at: index), let range = IBANRule.match(in: bytes, at: index) {
          matches.append(PIIMatch(kind: .iban, range: range))
          index = range.upperBound
          lastEnd = index
        } else {
          index = skipWord(bytes, from: index + 1)
        }
      } else {
        index += 1
      }
    }
  }

  /// E-mail addresses inside a link (`https://host/?email=jane@example.com`): the link is kept, the address is not.
  private func scanLink(
    _ bytes: UnsafeBufferPointer<UInt8>, _ link: Range<Int>, lastEnd: inout Int, into matches: inout [PIIMatch]
  ) {
    var index = link.lowerBound
    while index < link.upperBound {
      if bytes[index] == Bytes.at,
        let range = EmailRule.match(in: bytes, at: index, lowerBound: max(lastEnd, link.lowerBound))
      {
        matches.append(PIIMatch(kind: .email, range: range))
        index = range.upperBound
        lastEnd = index
      } else {
        index += 1
      }
    }
  }

  /// Letter, letter, digit, digit: checked here, inline, because it runs at every word.
  @inline(__always)
  private static func mayStartIBAN(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    index + 3 < bytes.count && Bytes.isLetter(bytes[index + 1]) && Bytes.isDigit(bytes[index + 2])
      && Bytes.isDigit(bytes[index + 3])
  }

  /// The end of the rest of a word of ASCII letters and digits.
  private func skipWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    while index < bytes.count, Bytes.isAlphanumeric(bytes[index]) { index += 1 }
    return index
  }

  /// Whether a number may start at `index`: not inside a word or after `#`, `$`, `£`, `€`, `-`, `/`,
  /// `.`, `,` and the like, which make it an order number, an amount, a part of a date or a path.
  func startsNumber(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard index > 0 else { return true }
    let previous = bytes[index - 1]
    if Bytes.isAlphanumeric(previous) { return false }
    if previous >= 0x80 { return !Bytes.followsCurrencySign(bytes, index) }
    // "Name/02152/+380671277946": an international number may follow a slash.
    if previous == Bytes.slash && bytes[index] == Bytes.plus { return true }
    switch previous {
    case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "/"),
      UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "@"), UInt8(ascii: "&"), UInt8(ascii: "="),
      UInt8(ascii: "%"), UInt8(ascii: "\\"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "^"),
      UInt8(ascii: "~"), UInt8(ascii: "|"):
      return false
    default:
      return true
    }
  }

  /// Whether a number may end at `index`: not followed by a letter, digit, `@`, `%`, or by `.`, `,`,
  /// `-`, `/`, `:` and a digit (a decimal amount, a time, a longer identifier).
  func endsNumber(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard index < bytes.count else { return true }
    let next = bytes[index]
    if Bytes.isAlphanumeric(next) { return false }
    switch next {
    case UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "%"):
      return false
    case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ":"):
      return !(index + 1 < bytes.count && Bytes.isDigit(bytes[index + 1]))
    default:
      return true
    }
  }

  /// The end of a link starting at `index` (`http://`, `https://`, `ftp://`, `www.`): the next
  /// space, quote or angle bracket.
  static func linkEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    let first = Bytes.lowercase(bytes[index])
    guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w") || first == UInt8(ascii: "f") else { return nil }
    guard
      startsWith("http://", bytes, index) || startsWith("https://", bytes, index)
        || startsWith("www.", bytes, index) || startsWith("ftp://", bytes, index)
    else { return nil }
    var end = index
    while end < bytes.count {
      switch bytes[end] {
      case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""): return end
      case let byte where Bytes.isSpace(byte): return end
      default: end += 1
      }
    }
    return end
  }

  private static func startsWith(_ prefix: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard index + count <= bytes.count else { return false }
    let letters = prefix.utf8Start
    for offset in 0..<count where Bytes.lowercase(bytes[index + offset]) != letters[offset] { return false }
    return true
  }
}
