import EarshotText
import Foundation

/// Parses the timestamp spellings found in transcript exports into `Date`s.
///
/// Understands ISO 8601 / RFC 3339 with or without fractional seconds and offset,
/// `YYYY-MM-DD HH:MM[:SS]` (taken in `timeZone`), and Unix epoch seconds or milliseconds.
public struct TimestampParser: Sendable {
  /// The zone for timestamps that carry none.
  public var timeZone: TimeZone

  /// Creates a parser; timestamps without an offset are read in `timeZone` (UTC by default).
  public init(timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) {
    self.timeZone = timeZone
  }

  /// The instant `text` names, or nil when it is not a timestamp this parser knows.
  public func parse(_ text: String) -> Date? {
    let trimmed = text.trimmingSpaces()
    guard let first = trimmed.utf8.first else { return nil }
    if first >= 0x30 && first <= 0x39, trimmed.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }),
      let number = Double(trimmed)
    {
      return epoch(number)
    }
    return parseCalendar(Array(trimmed.utf8))
  }

  /// Epoch seconds, or milliseconds when the number is too large to be seconds; nil when the
  /// number is not finite or the instant falls outside years 1–9999.
  ///
  /// The range check keeps every later computation with the date (waits in seconds, day buckets,
  /// integer conversions) within range: input like `-1e19` or `1e300` is refused here.
  public func epoch(_ number: Double) -> Date? {
    guard number.isFinite else { return nil }
    let seconds = number > 100_000_000_000 ? number / 1000 : number
    guard Self.epochRange.contains(seconds) else { return nil }
    return Date(timeIntervalSince1970: seconds)
  }

  /// Epoch seconds from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
  public static let epochRange: ClosedRange<Double> = -62_135_596_800...253_402_300_799

  /// `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH[:]MM]`, or a bare date.
  private func parseCalendar(_ bytes: [UInt8]) -> Date? {
    var scanner = DigitScanner(bytes: bytes)
    guard let year = scanner.number(digits: 4), scanner.skip(0x2D), let month = scanner.number(digits: 2),
      scanner.skip(0x2D), let day = scanner.number(digits: 2)
    else { return nil }
    var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
    var fraction = 0.0
    if scanner.skip(0x54) || scanner.skip(0x74) || scanner.skip(0x20) {
      guard let hour = scanner.number(digits: 2), scanner.skip(0x3A), let minute = scanner.number(digits: 2) else {
        return nil
      }
      components.hour = hour
      components.minute = minute
      if scanner.skip(0x3A) {
        guard let second = scanner.number(digits: 2) else { return nil }
        components.second = second
        if scanner.skip(0x2E) || scanner.skip(0x2C) {
          let start = scanner.index
          while let digit = scanner.peek, digit >= 0x30 && digit <= 0x39 { scanner.index += 1 }
          fraction = Double("0." + String(decoding: bytes[start..<scanner.index], as: UTF8.self)) ?? 0
        }
      }
    }
    _ = scanner.skip(0x20)
    var zone = timeZone
    if scanner.skip(0x5A) || scanner.skip(0x7A) {
      zone = TimeZone(secondsFromGMT: 0) ?? zone
    } else if let sign = scanner.peek, sign == 0x2B || sign == 0x2D {
      scanner.index += 1
      guard let hours = scanner.number(digits: 2) else { return nil }
      _ = scanner.skip(0x3A)
      let minutes = scanner.number(digits: 2) ?? 0
      let offset = (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
      zone = TimeZone(secondsFromGMT: offset) ?? zone
    }
    guard scanner.atEnd, (1...12).contains(month), (1...31).contains(day) else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    guard let date = calendar.date(from: components) else { return nil }
    return date.addingTimeInterval(fraction)
  }
}

/// A cursor over ASCII digits and separators.
struct DigitScanner {
  let bytes: [UInt8]
  var index = 0

  var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
  var atEnd: Bool { index >= bytes.count }

  mutating func skip(_ byte: UInt8) -> Bool {
    guard peek == byte else { return false }
    index += 1
    return true
  }

  mutating func number(digits: Int) -> Int? {
    guard index + digits <= bytes.count else { return nil }
    var value = 0
    for offset in 0..<digits {
      let byte = bytes[index + offset]
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    index += digits
    return value
  }
}
