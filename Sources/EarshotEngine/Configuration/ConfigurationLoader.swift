import Foundation
import Yams

/// Reads and validates `earshot.yml`: unknown and duplicated keys are found by a pre-pass over
/// the YAML nodes, then ``EarshotConfiguration`` decodes itself, collecting every wrong value.
/// Each problem carries its key path and line, so the user sees all of them at once, before any
/// work starts.
public enum ConfigurationLoader {
  /// Loads the configuration at `path`.
  ///
  /// - Throws: `ConfigurationErrors` listing every problem found.
  public static func load(path: String) throws -> EarshotConfiguration {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationErrors(errors: [
        ConfigurationError(file: path, keyPath: "", message: "cannot read the configuration file")
      ])
    }
    return try parse(String(decoding: data, as: UTF8.self), file: path)
  }

  /// Parses configuration text; `file` names it in errors.
  ///
  /// - Throws: `ConfigurationErrors` listing every problem found.
  public static func parse(_ text: String, file: String) throws -> EarshotConfiguration {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      throw ConfigurationErrors(errors: [Self.syntaxError(error, file: file)])
    }
    guard let root, let mapping = root.mapping else {
      let message =
        root == nil
        ? "the file is empty; it needs at least 'version: \(EarshotConfiguration.currentVersion)'"
        : "expected a mapping of keys such as version:, agents:"
      throw ConfigurationErrors(errors: [
        ConfigurationError(file: file, keyPath: "", line: root?.mark?.line, message: message)
      ])
    }
    var errors = KeyCheck(file: file).check(root, schema: .file, path: [])
    if mapping["version"] == nil {
      errors.append(ConfigurationError(file: file, keyPath: "version", message: "missing; add 'version: 1'"))
    }
    let problems = ConfigurationProblems()
    var configuration = EarshotConfiguration()
    do {
      configuration = try YAMLDecoder().decode(
        EarshotConfiguration.self, from: root, userInfo: [ConfigurationProblems.userInfoKey: problems])
    } catch {
      problems.record(error)
    }
    let reported = Set(errors.map(\.keyPath))
    for problem in problems.errors {
      let error = ConfigurationError(decoding: problem, file: file, root: root)
      // A section that is not a mapping is already reported by the key check.
      if !reported.contains(error.keyPath) { errors.append(error) }
    }
    if !errors.isEmpty {
      let ordered = errors.enumerated().sorted {
        ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset)
      }
      throw ConfigurationErrors(errors: ordered.map(\.element))
    }
    configuration.source = file
    configuration.rawText = text
    return configuration
  }

  /// A YAML syntax error in one line, with its line when the parser gives one.
  static func syntaxError(_ error: any Error, file: String) -> ConfigurationError {
    guard let yaml = error as? YamlError else {
      return ConfigurationError(file: file, keyPath: "", message: "not valid YAML: \(error)")
    }
    switch yaml {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return ConfigurationError(file: file, keyPath: "", line: mark.line, message: "not valid YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let line = context.mark.line
      return ConfigurationError(
        file: file, keyPath: duplicates.joined(separator: ", "), line: line,
        message: "duplicated key in this mapping")
    default:
      let text = "\(yaml)".split(separator: "\n").first.map(String.init) ?? "\(yaml)"
      return ConfigurationError(file: file, keyPath: "", message: "not valid YAML: \(text)")
    }
  }

  /// The allowed keys nearest to `name` by edit distance, when it is close enough to be a typo.
  static func closest(_ name: String, in allowed: [String]) -> String? {
    let scored = allowed.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 }
    guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
    return best
  }

  static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

/// The pre-pass: unknown keys (with a suggestion), duplicated keys, and sections that are not
/// mappings, each with its line.
private struct KeyCheck {
  let file: String

  func check(_ node: Node, schema: ConfigurationKeys, path: [String]) -> [ConfigurationError] {
    if case .list(let element) = schema {
      // Anything but a list is left to decoding, which names what it expected.
      guard let items = node.sequence else { return [] }
      return items.enumerated().flatMap { index, item in
        check(item, schema: element, path: path.dropLast() + [(path.last ?? "") + "[\(index)]"])
      }
    }
    guard case .value = schema else {
      guard let mapping = node.mapping else {
        let keys = schema.allowed
        let expected = keys.isEmpty ? "a mapping" : "a mapping with keys \(keys.joined(separator: ", "))"
        return [error(node, path, "expected \(expected)")]
      }
      var errors: [ConfigurationError] = []
      var seen = Set<String>()
      for (key, value) in mapping {
        let name = key.string ?? "?"
        if !seen.insert(name).inserted { errors.append(error(key, path + [name], "duplicated key")) }
        guard let child = schema.child(name) else {
          var message = "unknown key"
          if let suggestion = ConfigurationLoader.closest(name, in: schema.allowed) {
            message += "; did you mean '\(suggestion)'?"
          }
          message += " (allowed here: \(schema.allowed.joined(separator: ", ")))"
          errors.append(error(key, path + [name], message))
          continue
        }
        errors += check(value, schema: child, path: path + [name])
      }
      return errors
    }
    return []
  }

  func error(_ node: Node, _ path: [String], _ message: String) -> ConfigurationError {
    ConfigurationError(file: file, keyPath: path.joined(separator: "."), line: node.mark?.line, message: message)
  }
}

extension ConfigurationError {
  /// A decoding problem as the user should read it: the key path, its line, what was expected
  /// and what was found.
  init(decoding error: any Error, file: String, root: Node) {
    var codingPath: [any CodingKey] = []
    var message = "\(error)"
    if let decoding = error as? DecodingError {
      switch decoding {
      case .typeMismatch(let type, let context):
        codingPath = context.codingPath
        message = "expected \(Self.expectation(type))"
      case .valueNotFound(let type, let context):
        codingPath = context.codingPath
        message = "expected \(Self.expectation(type))"
      case .keyNotFound(let key, let context):
        codingPath = context.codingPath + [key]
        message = "missing"
      case .dataCorrupted(let context):
        codingPath = context.codingPath
        message = context.debugDescription
      @unknown default:
        break
      }
    }
    var path = ""
    var node: Node? = root
    for key in codingPath {
      if let index = key.intValue {
        path += "[\(index)]"
        node = node?.sequence.flatMap { index < $0.count ? $0[index] : nil }
      } else {
        path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
        node = node?.mapping?[key.stringValue]
      }
    }
    if message.hasPrefix("expected") && !message.contains(", found ") {
      message += ", found '\(node?.string ?? (node?.sequence != nil ? "a list" : "a mapping"))'"
    }
    self.init(file: file, keyPath: path, line: node?.mark?.line, message: message)
  }

  static func expectation(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type: "a number"
    case is Int.Type: "a whole number"
    case is Bool.Type: "true or false"
    case is String.Type: "a single text value"
    case is Node.Sequence.Type: "a list, e.g. [\"first\", \"second\"]"
    case is Node.Mapping.Type: "a mapping"
    default: "a value of type \(type)"
    }
  }
}
