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
    let tokens = tokenize(Array(text.utf8))
    if let date = parse(tokens: tokens) { return date }
    return TimestampParser().parse(text)
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

  private static func parse(tokens: [String]) -> Date? {
    var day: Int?
    var month: Int?
    var year: Int?
    var time: (hour: Int, minute: Int, second: Int)?
    var offsetMinutes: Int?
    for token in tokens {
      if time == nil, token.contains(":"), let parsed = parseTime(token) {
        time = parsed
      } else if let first = token.first, first == "+" || first == "-", token.count >= 5,
        let value = Int(token.dropFirst().filter { $0 != ":" })
      {
        let sign = first == "-" ? -1 : 1
        offsetMinutes = sign * ((value / 100) * 60 + value % 100)
      } else if let number = Int(token) {
        if day == nil && number >= 1 && number <= 31 && token.count <= 2 {
          day = number
        } else if year == nil {
          year = number
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
      }
    }
    guard let day, let month, var year, let time else { return nil }
    if year < 50 {
      year += 2000
    } else if year < 1000 {
      year += 1900
    }
    guard (1...31).contains(day), time.hour < 24, time.minute < 60, time.second <= 60 else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds = days * 86_400 + time.hour * 3600 + time.minute * 60 + min(time.second, 59)
    return Date(timeIntervalSince1970: TimeInterval(seconds - (offsetMinutes ?? 0) * 60))
  }

  private static func parseTime(_ token: String) -> (hour: Int, minute: Int, second: Int)? {
    let parts = token.split(separator: ":", omittingEmptySubsequences: false)
    guard (2...3).contains(parts.count), let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
    let second = parts.count == 3 ? Int(parts[2].prefix(2)) ?? 0 : 0
    return (hour, minute, second)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
