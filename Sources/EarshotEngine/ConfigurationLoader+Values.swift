import Foundation
import Yams

/// Typed reads of YAML nodes that record an error (with key path and line) instead of failing.
extension ConfigurationLoader {
  func error(_ node: Node, _ path: String, _ message: String) -> ConfigurationError {
    ConfigurationError(file: file, keyPath: path, line: node.mark.map { $0.line }, message: message)
  }

  /// The mapping at `node`, after checking its keys; nil (with an error) when it is not a mapping.
  mutating func section(_ node: Node?, _ path: String, allowed: [String]) -> Node.Mapping? {
    guard let node else { return nil }
    guard let mapping = node.mapping else {
      errors.append(error(node, path, "expected a mapping with keys \(allowed.joined(separator: ", "))"))
      return nil
    }
    checkKeys(mapping, path: path, allowed: allowed)
    return mapping
  }

  mutating func checkKeys(_ mapping: Node.Mapping, path: String, allowed: [String]) {
    var seen = Set<String>()
    for (key, _) in mapping {
      let name = key.string ?? "?"
      let full = path.isEmpty ? name : "\(path).\(name)"
      if !seen.insert(name).inserted {
        errors.append(error(key, full, "duplicated key"))
      }
      guard !allowed.contains(name) else { continue }
      var message = "unknown key"
      if let suggestion = Self.closest(name, in: allowed) { message += "; did you mean '\(suggestion)'?" }
      message += " (allowed here: \(allowed.joined(separator: ", ")))"
      errors.append(error(key, full, message))
    }
  }

  mutating func string(_ node: Node?, _ path: String) -> String? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node else {
      errors.append(error(node, path, "expected a single text value"))
      return nil
    }
    return scalar.string
  }

  mutating func strings(_ node: Node?, _ path: String) -> [String] {
    guard let node else { return [] }
    guard let sequence = node.sequence else {
      errors.append(error(node, path, "expected a list, e.g. [\"first\", \"second\"]"))
      return []
    }
    return sequence.enumerated().compactMap { index, item in string(item, "\(path)[\(index)]") }
  }

  mutating func number(_ node: Node, _ path: String, atLeast low: Double? = nil, atMost high: Double? = nil) -> Double?
  {
    guard case .scalar(let scalar) = node, let value = Double(scalar.string) else {
      errors.append(error(node, path, "expected a number, found '\(node.string ?? "a mapping or list")'"))
      return nil
    }
    if let low, value < low {
      errors.append(error(node, path, "expected a number of at least \(low), found \(value)"))
      return nil
    }
    if let high, value > high {
      errors.append(error(node, path, "expected a number of at most \(high), found \(value)"))
      return nil
    }
    return value
  }

  /// Seconds from `90`, `90s`, `2m`, `2 min`, `3h`, `1d`, `1 day`.
  mutating func duration(_ node: Node, _ path: String) -> Double? {
    guard let text = node.string, let seconds = Self.parseDuration(text) else {
      errors.append(
        error(
          node, path, "expected a duration such as 90s, 2m, 3h or 1d, found '\(node.string ?? "a mapping or list")'"))
      return nil
    }
    return seconds
  }

  static func parseDuration(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    let digits = trimmed.prefix { $0.isNumber || $0 == "." }
    guard let value = Double(digits), value >= 0 else { return nil }
    let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
    let scale: [String: Double] = [
      "": 1, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "mins": 60, "minute": 60,
      "minutes": 60, "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "d": 86_400, "day": 86_400,
      "days": 86_400, "w": 604_800, "week": 604_800, "weeks": 604_800,
    ]
    return scale[unit].map { value * $0 }
  }

  /// The allowed key nearest to `name` by edit distance, if it is close enough to be a typo.
  static func closest(_ name: String, in allowed: [String]) -> String? {
    let scored = allowed.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 }
    guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
    return best
  }

  static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
