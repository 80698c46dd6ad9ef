import EarshotText
import Foundation

/// A promise's deadline as written.
enum PromiseDeadline: Equatable {
  /// A span of time from the promise ("within 24 hours", "in 2 days", "tomorrow").
  case after(TimeInterval, phrase: String)
  /// A weekday ("by Friday"): the next such day, end of day.
  case weekday(Int, phrase: String)
  /// No deadline given ("shortly", "soon", "asap").
  case vague(phrase: String)

  var phrase: String {
    switch self {
    case .after(_, let phrase), .weekday(_, let phrase), .vague(let phrase): phrase
    }
  }
}

/// Reads the deadline that follows a promise opener.
enum DeadlineParser {
  static let units: [String: TimeInterval] = [
    "minute": 60, "minutes": 60, "mins": 60, "min": 60, "hour": 3600, "hours": 3600, "hrs": 3600, "hr": 3600,
    "day": 86_400, "days": 86_400, "week": 604_800, "weeks": 604_800, "month": 2_592_000, "months": 2_592_000,
  ]
  static let numberWords: [String: Double] = [
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10,
    "few": 3, "couple": 2, "24": 24, "48": 48, "72": 72,
  ]
  static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
  static let vagueWords = ["shortly", "soon", "asap", "promptly", "later", "eventually", "in due course", "in a bit"]

  /// The deadline in the words of `sentence` after the opener, if any is written.
  static func deadline(in words: [String]) -> PromiseDeadline? {
    for (index, word) in words.enumerated() {
      switch word {
      case "tomorrow": return .after(86_400 * 1.5, phrase: "tomorrow")
      case "today", "tonight": return .after(43_200, phrase: word)
      case "eod": return .after(43_200, phrase: "end of day")
      case "within", "in", "next":
        if let span = span(words, from: index + 1) { return .after(span.seconds, phrase: word + " " + span.phrase) }
      case "by", "on", "this":
        if index + 1 < words.count, let day = weekdays.firstIndex(of: words[index + 1]) {
          return .weekday(day, phrase: word + " " + words[index + 1])
        }
      default:
        if let day = weekdays.firstIndex(of: word) { return .weekday(day, phrase: word) }
      }
    }
    let joined = words.joined(separator: " ")
    if let vague = vagueWords.first(where: { joined.contains($0) }) { return .vague(phrase: vague) }
    return nil
  }

  /// "24 hours", "a week", "2-3 business days", "the next hour".
  static func span(_ words: [String], from start: Int) -> (seconds: TimeInterval, phrase: String)? {
    var index = start
    var amount = 1.0
    var phrase: [String] = []
    if index < words.count, words[index] == "the" || words[index] == "a" || words[index] == "an" {
      phrase.append(words[index])
      index += 1
    }
    if index < words.count,
      let number = Double(words[index].split(separator: "-").last ?? "") ?? numberWords[words[index]]
    {
      amount = number
      phrase.append(words[index])
      index += 1
    }
    if index < words.count, words[index] == "to" || words[index] == "business" || words[index] == "working" {
      if words[index] == "to", index + 1 < words.count, let upper = Double(words[index + 1]) {
        amount = upper
        phrase += [words[index], words[index + 1]]
        index += 2
      }
      if index < words.count, words[index] == "business" || words[index] == "working" {
        phrase.append(words[index])
        index += 1
      }
    }
    guard index < words.count, let unit = units[words[index]] else { return nil }
    phrase.append(words[index])
    return (amount * unit, phrase.joined(separator: " "))
  }
}
