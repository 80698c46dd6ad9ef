import Foundation
import Yams

/// Problems found while decoding `earshot.yml`, collected so that every one is reported at once.
///
/// The loader passes one through the decoder's `userInfo`; each section records a bad value and
/// goes on with its default. Decoding without it (plain `YAMLDecoder` or `JSONDecoder`) throws at
/// the first problem instead.
final class ConfigurationProblems {
  private(set) var errors: [any Error] = []

  func record(_ error: any Error) { errors.append(error) }

  static let userInfoKey: CodingUserInfoKey = {
    // The initializer fails only for keys it cannot represent; this constant is not one.
    guard let key = CodingUserInfoKey(rawValue: "earshot.configurationProblems") else {
      preconditionFailure("invalid user-info key")
    }
    return key
  }()
}

extension Decoder {
  /// Records `error` when the loader collects problems; throws it otherwise.
  func report(_ error: any Error) throws {
    guard let problems = userInfo[ConfigurationProblems.userInfoKey] as? ConfigurationProblems else { throw error }
    problems.record(error)
  }
}

extension KeyedDecodingContainer {
  /// The value at `key`, or `fallback` when the key is absent or its value is wrong (the problem is
  /// reported through `decoder`).
  func value<T: Decodable>(_ key: Key, or fallback: T, in decoder: any Decoder) throws -> T {
    do {
      return try decodeIfPresent(T.self, forKey: key) ?? fallback
    } catch {
      try decoder.report(error)
      return fallback
    }
  }

  /// The value at `key` when it passes `isValid`; otherwise a problem saying `expected`.
  func value<T: Decodable>(
    _ key: Key, or fallback: T, in decoder: any Decoder, expected: String, where isValid: (T) -> Bool
  ) throws -> T {
    let found = try value(key, or: fallback, in: decoder)
    guard isValid(found) else {
      try decoder.report(
        DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected \(expected)"))
      return fallback
    }
    return found
  }
}

/// A mapping written with its keys in sorted order, so `config --effective` prints the same text
/// on every run (Swift dictionaries iterate in a per-process order).
struct SortedMapping<Value: Encodable>: Encodable {
  var entries: [String: Value]

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: NamedKey.self)
    for key in entries.keys.sorted() {
      if let value = entries[key] { try container.encode(value, forKey: NamedKey(key)) }
    }
  }
}

/// A coding key made from any string (mapping keys chosen by the user: channels, domains, terms).
struct NamedKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ name: String) { stringValue = name }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// A duration in seconds, written `90s`, `2m`, `3h`, `1d` or `1w` (a bare number is seconds).
struct ConfigurationDuration: Codable, Hashable, Sendable {
  var seconds: Double

  init(seconds: Double) { self.seconds = seconds }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = (try? container.decode(String.self)) ?? ""
    guard let seconds = Self.parse(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a duration such as 90s, 2m, 3h or 1d, found '\(text)'")
    }
    self.seconds = seconds
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(ConfigurationNumber.text(seconds) + "s")
  }

  static func parse(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    let digits = trimmed.prefix { $0.isNumber || $0 == "." }
    guard let value = Double(digits), value >= 0, value.isFinite else { return nil }
    let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
    let scale: [String: Double] = [
      "": 1, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "mins": 60, "minute": 60,
      "minutes": 60, "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "d": 86_400, "day": 86_400,
      "days": 86_400, "w": 604_800, "week": 604_800, "weeks": 604_800,
    ]
    return scale[unit].map { value * $0 }
  }
}

/// A number as the effective configuration spells it (`30`, `0.45`), not in the exponent form
/// YAML encoders default to.
struct YAMLNumber: Encodable, YAMLEncodable {
  var value: Double

  init(_ value: Double) { self.value = value }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  func box() -> Node { Node(ConfigurationNumber.text(value), Tag(.float)) }
}

/// How numbers are spelled in the effective configuration: whole numbers without a fraction.
enum ConfigurationNumber {
  static func text(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
