import Foundation

/// Parses the `Date` header in its RFC 5322 forms and the broken ones real mail carries.
///
/// Understood: `Tue, 17 Nov 2009 18:04:31 -0800`, the same without weekday or seconds, obsolete
/// zone names (`GMT`, `EST`, `PDT`…), comments such as `(PST)`, two-digit years, asctime order
/// (`Tue Nov 17 18:04:31 2009`), and ISO 8601 as a last resort. A date without a year is not
/// guessed.
enum EmailDate {
  private static let months: [String: Int] = [
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
  ]

  /// Offsets in minutes of the zone names RFC 822 allowed, plus a few that mailers still write.
  private static let zones: [String: Int] = [
    "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 60, "cet": 60, "cest": 120, "met": 60, "mest": 120,
    "eet": 120, "eest": 180, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600, "jst": 540, "ist": 330,
  ]

  /// The instant `text` names, or nil.
  static func parse(_ text: String) -> Date? {
    if case .date(let date) = read(text) { return date }
    return nil
  }

  /// What a `Date` header holds: an instant, or why it is not one (in words for a diagnostic).
  enum Reading: Equatable {
    case date(Date)
    /// A date whose numbers cannot be (a 14-digit year, a zone of ±9223372036854775807): damage
    /// reported as an error, though the message is still read.
    case invalid(String)
    /// Text a mail client would also pass over (no year, no recognizable date): a warning.
    case unusable(String)
  }

  /// The years a mail date may name: anything else is damage, not a date (and would overflow the
  /// day arithmetic for huge values).
  static let years = 1...9999
  /// The latest instant a fallback timestamp may name (the end of year 9999), in seconds since 1970.
  private static let latestSeconds: TimeInterval = 253_402_300_799

  /// Reads `text`, saying what is wrong when it is not a date.
  static func read(_ text: String) -> Reading {
    let tokens = tokenize(Array(text.utf8)).flatMap(splitGluedZone)
    switch parse(tokens: tokens) {
    case .date(let date): return .date(date)
    case .invalid(let reason): return .invalid(reason)
    case .unusable(let reason): return .unusable(reason)
    case .unrecognized:
      if let date = TimestampParser().parse(text), abs(date.timeIntervalSince1970) <= latestSeconds {
        return .date(date)
      }
      return .unusable("expected a date such as 'Tue, 17 Nov 2009 18:04:31 -0800'")
    }
  }

  /// `00:01+0000` (no space before the zone, as some mailers write) is a time and a zone.
  private static func splitGluedZone(_ token: String) -> [String] {
    guard token.contains(":"), let sign = token.dropFirst().firstIndex(where: { $0 == "+" || $0 == "-" }) else {
      return [token]
    }
    return [String(token[..<sign]), String(token[sign...])]
  }

  /// Splits on white space and commas, dropping `( comments )`.
  private static func tokenize(_ bytes: [UInt8]) -> [String] {
    var tokens: [String] = []
    var current: [UInt8] = []
    var depth = 0
    for byte in bytes {
      if byte == 0x28 {
        depth += 1
      } else if byte == 0x29 && depth > 0 {
        depth -= 1
      } else if depth > 0 {
        continue
      } else if MailBytes.isWhitespace(byte) || byte == 0x2C {
        if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self).lowercased()) }
        current.removeAll()
      } else {
        current.append(byte)
      }
      if (byte == 0x28 || byte == 0x29) && !current.isEmpty {
        tokens.append(String(decoding: current, as: UTF8.self).lowercased())
        current.removeAll()
      }
    }
    if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self).lowercased()) }
    return tokens
  }

  private enum TokenReading {
    case date(Date)
    case invalid(String)
    case unusable(String)
    case unrecognized
  }

  private static func parse(tokens: [String]) -> TokenReading {
    var day: Int?
    var month: Int?
    var year: Int?
    var yearText = ""
    var time: (hour: Int, minute: Int, second: Int)?
    var offsetMinutes: Int?
    var badOffset: String?
    for token in tokens {
      if time == nil, token.contains(":"), let parsed = parseTime(token) {
        time = parsed
      } else if let first = token.first, first == "+" || first == "-", token.count >= 5,
        token.dropFirst().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") })
      {
        // RFC 5322: ("+" / "-") 4DIGIT, hours and minutes; anything longer is not a zone.
        let digits = token.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, let value = Int(digits), value % 100 < 60 else {
          badOffset = token
          continue
        }
        let sign = first == "-" ? -1 : 1
        offsetMinutes = sign * ((value / 100) * 60 + value % 100)
      } else if let number = Int(token) {
        if day == nil && number >= 1 && number <= 31 && token.count <= 2 {
          day = number
        } else if year == nil {
          year = number
          yearText = token
        }
      } else if token.count >= 3, let value = months[String(token.prefix(3))], month == nil,
        token.allSatisfy(\.isLetter)
      {
        month = value
      } else if let zone = zones[token], offsetMinutes == nil {
        offsetMinutes = zone
      } else if token.count >= 4, token.first?.isNumber == true, token.hasSuffix("."),
        let number = Int(token.dropLast()),
        year == nil
      {
        year = number
        yearText = String(token.dropLast())
      } else if year == nil, token.count > 4, token.allSatisfy({ $0.isASCII && $0.isNumber }) {
        // Too many digits even for Int: a year no date has.
        return .invalid("year \(token) is out of range (expected \(years.lowerBound)–\(years.upperBound))")
      }
    }
    if day != nil, month != nil, time != nil, year == nil {
      return .unusable("it has no year (a year is never guessed)")
    }
    guard let day, let month, var year, let time else { return .unrecognized }
    if let badOffset {
      return .invalid("zone offset '\(badOffset)' is not ±HHMM (hours and minutes)")
    }
    if year >= 0 && year < 50 && yearText.count <= 2 {
      year += 2000
    } else if year >= 0 && year < 1000 && yearText.count <= 3 {
      year += 1900
    }
    guard years.contains(year) else {
      return .invalid("year \(yearText) is out of range (expected \(years.lowerBound)–\(years.upperBound))")
    }
    guard (1...31).contains(day), (0..<24).contains(time.hour), (0..<60).contains(time.minute),
      (0...60).contains(time.second)
    else {
      return .invalid("time \(time.hour):\(time.minute):\(time.second) on day \(day) is not a time of day")
    }
    // Bounded above: |days| < 3.7 million, so none of this can overflow.
    let days = CivilDays.since1970(year: year, month: month, day: day)
    let seconds = days * 86_400 + time.hour * 3600 + time.minute * 60 + min(time.second, 59)
    return .date(Date(timeIntervalSince1970: TimeInterval(seconds - (offsetMinutes ?? 0) * 60)))
  }

  private static func parseTime(_ token: String) -> (hour: Int, minute: Int, second: Int)? {
    let parts = token.split(separator: ":", omittingEmptySubsequences: false)
    guard (2...3).contains(parts.count), let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
    let second = parts.count == 3 ? Int(parts[2].prefix(2)) ?? 0 : 0
    return (hour, minute, second)
  }
}
