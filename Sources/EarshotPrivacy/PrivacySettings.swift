import Foundation

/// What Earshot redacts and where: the `privacy:` section of `earshot.yml`.
///
/// Every key is optional; a missing key keeps its default (all kinds on, every output redacted, no
/// extra patterns).
public struct PrivacySettings: Codable, Sendable, Equatable {
  /// Redact e-mail addresses.
  public var email: Bool
  /// Redact telephone numbers.
  public var phone: Bool
  /// Redact payment card numbers.
  public var card: Bool
  /// Redact IBANs.
  public var iban: Bool
  /// Extra patterns: name → regular expression (ICU syntax, as `NSRegularExpression` reads it). A match
  /// becomes `[NAME]`, the name upper-cased.
  public var patterns: [String: String]
  /// Redact what the store keeps (results and findings in SQLite).
  public var store: Bool
  /// Redact what `earshot report` writes (report.md, report.html).
  public var report: Bool
  /// Redact evidence and turn text in `conversations.jsonl` and the other batch outputs.
  public var evidence: Bool
  /// Redact what `earshot score` prints.
  public var terminal: Bool

  /// The defaults: every kind, every output, no extra patterns.
  public init(
    email: Bool = true, phone: Bool = true, card: Bool = true, iban: Bool = true, patterns: [String: String] = [:],
    store: Bool = true, report: Bool = true, evidence: Bool = true, terminal: Bool = true
  ) {
    self.email = email
    self.phone = phone
    self.card = card
    self.iban = iban
    self.patterns = patterns
    self.store = store
    self.report = report
    self.evidence = evidence
    self.terminal = terminal
  }

  /// Settings that redact nothing anywhere.
  public static let off = PrivacySettings(
    email: false, phone: false, card: false, iban: false, store: false, report: false, evidence: false,
    terminal: false)

  /// Where redaction can apply.
  public enum Output: String, Sendable, CaseIterable {
    /// The SQLite store.
    case store
    /// `earshot report` files.
    case report
    /// Batch outputs (`conversations.jsonl` evidence).
    case evidence
    /// `earshot score` on the terminal.
    case terminal
  }

  /// Whether redaction applies to `output` (and any kind or pattern is on).
  public func applies(to output: Output) -> Bool {
    guard redactsAnything else { return false }
    switch output {
    case .store: return store
    case .report: return report
    case .evidence: return evidence
    case .terminal: return terminal
    }
  }

  /// Whether any kind or pattern is switched on.
  public var redactsAnything: Bool { email || phone || card || iban || !patterns.isEmpty }

  /// Checks the patterns: each needs a name with a letter or digit and a regular expression that
  /// compiles and does not match the empty string.
  ///
  /// - Throws: `PrivacySettingsError` naming the first bad pattern (by name, in name order).
  public func validate() throws {
    for (name, pattern) in patterns.sorted(by: { $0.key < $1.key }) {
      _ = try Self.compile(name: name, pattern: pattern)
    }
  }

  /// Compiles one configured pattern, checking it as `validate()` does.
  static func compile(name: String, pattern: String) throws -> NSRegularExpression {
    guard name.unicodeScalars.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
      throw PrivacySettingsError.invalidPatternName(name)
    }
    let expression: NSRegularExpression
    do {
      expression = try NSRegularExpression(pattern: pattern)
    } catch {
      throw PrivacySettingsError.invalidPattern(name: name, pattern: pattern, reason: "\(error.localizedDescription)")
    }
    if expression.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil {
      throw PrivacySettingsError.invalidPattern(name: name, pattern: pattern, reason: "it matches the empty string")
    }
    return expression
  }

  /// The keys of the `privacy:` section.
  public enum CodingKeys: String, CodingKey, CaseIterable {
    case email, phone, card, iban, patterns, store, report, evidence, terminal
  }

  /// Decodes settings; a missing key keeps its default.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = PrivacySettings()
    email = try container.decodeIfPresent(Bool.self, forKey: .email) ?? defaults.email
    phone = try container.decodeIfPresent(Bool.self, forKey: .phone) ?? defaults.phone
    card = try container.decodeIfPresent(Bool.self, forKey: .card) ?? defaults.card
    iban = try container.decodeIfPresent(Bool.self, forKey: .iban) ?? defaults.iban
    patterns = try container.decodeIfPresent([String: String].self, forKey: .patterns) ?? defaults.patterns
    store = try container.decodeIfPresent(Bool.self, forKey: .store) ?? defaults.store
    report = try container.decodeIfPresent(Bool.self, forKey: .report) ?? defaults.report
    evidence = try container.decodeIfPresent(Bool.self, forKey: .evidence) ?? defaults.evidence
    terminal = try container.decodeIfPresent(Bool.self, forKey: .terminal) ?? defaults.terminal
  }
}

/// A `privacy:` setting that cannot be used.
public enum PrivacySettingsError: Error, Equatable, CustomStringConvertible {
  /// A pattern's regular expression does not compile or matches the empty string.
  case invalidPattern(name: String, pattern: String, reason: String)
  /// A pattern's name has no letter or digit to build its placeholder from.
  case invalidPatternName(String)

  public var description: String {
    switch self {
    case .invalidPattern(let name, let pattern, let reason):
      "privacy.patterns.\(name): the regular expression '\(pattern)' cannot be used: \(reason)"
    case .invalidPatternName(let name):
      "privacy.patterns: the pattern name '\(name)' needs a letter or digit (it becomes the placeholder [NAME])"
    }
  }
}
