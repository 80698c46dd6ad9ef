import Foundation

/// Finds personal data in text and replaces it with typed placeholders (`[EMAIL]`, `[PHONE]`,
/// `[CARD]`, `[IBAN]`, `[PATTERN_NAME]`). The rules are in docs/privacy.md.
///
/// Built-in kinds are found in one pass over the text's UTF-8 bytes; text without anything to
/// redact is returned as it is, without a copy. Configured patterns run as regular expressions
/// afterwards (only when there are any). Safe to share across tasks.
public struct Redactor: Sendable {
  /// The settings it was made with.
  public let settings: PrivacySettings
  private let scanner: Scanner
  private let patterns: [CompiledPattern]

  /// A redactor for `settings` (by default every built-in kind, no patterns).
  ///
  /// - Throws: `PrivacySettingsError` when a configured pattern is unusable.
  public init(settings: PrivacySettings = PrivacySettings()) throws {
    self.settings = settings
    scanner = Scanner(settings: settings)
    patterns = try settings.patterns.sorted { $0.key < $1.key }.map { name, pattern in
      CompiledPattern(
        kind: .pattern(name), expression: try PrivacySettings.compile(name: name, pattern: pattern))
    }
  }

  /// Whether this redactor can change any text.
  public var isActive: Bool { !scanner.isIdle || !patterns.isEmpty }

  /// The personal data in `text`, in order and without overlaps (UTF-8 byte ranges).
  public func matches(in text: String) -> [PIIMatch] {
    var matches: [PIIMatch] = []
    if !scanner.isIdle {
      var text = text
      text.withUTF8 { scanner.scan($0, into: &matches) }
    }
    guard !patterns.isEmpty else { return matches }
    for pattern in patterns { pattern.append(in: text, to: &matches) }
    return Self.withoutOverlaps(matches)
  }

  /// `text` with its personal data replaced by placeholders.
  public func redact(_ text: String) -> String {
    guard isActive else { return text }
    return Self.replacing(matches(in: text), in: text)
  }

  /// `text` with each of `matches` (ordered, not overlapping) replaced by its placeholder.
  public static func replacing(_ matches: [PIIMatch], in text: String) -> String {
    guard !matches.isEmpty else { return text }
    var text = text
    return text.withUTF8 { bytes in
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count + matches.count * 8)
      var position = 0
      for match in matches {
        output.append(contentsOf: bytes[position..<match.range.lowerBound])
        output.append(contentsOf: match.kind.placeholder.utf8)
        position = match.range.upperBound
      }
      output.append(contentsOf: bytes[position...])
      return String(decoding: output, as: UTF8.self)
    }
  }

  /// Matches sorted by start (the longer first on a tie), keeping only those that overlap none kept before.
  static func withoutOverlaps(_ matches: [PIIMatch]) -> [PIIMatch] {
    let sorted = matches.sorted {
      ($0.range.lowerBound, $1.range.upperBound) < ($1.range.lowerBound, $0.range.upperBound)
    }
    var kept: [PIIMatch] = []
    kept.reserveCapacity(sorted.count)
    for match in sorted where kept.last.map({ $0.range.upperBound <= match.range.lowerBound }) ?? true {
      kept.append(match)
    }
    return kept
  }
}

/// A configured pattern, compiled. `NSRegularExpression` is immutable and documented as safe to use
/// from several threads, hence the unchecked conformance.
private struct CompiledPattern: @unchecked Sendable {
  let kind: PIIKind
  let expression: NSRegularExpression

  func append(in text: String, to matches: inout [PIIMatch]) {
    let utf8 = text.utf8
    for result in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
      guard let range = Range(result.range, in: text), !range.isEmpty else { continue }
      let start = utf8.distance(from: utf8.startIndex, to: range.lowerBound)
      let end = start + utf8.distance(from: range.lowerBound, to: range.upperBound)
      matches.append(PIIMatch(kind: kind, range: start..<end))
    }
  }
}
