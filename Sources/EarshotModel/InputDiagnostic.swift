/// A problem with an input: which file, where, what was expected, and how bad it is.
///
/// Readers throw errors so a batch can report the file, count it as failed and go on; they pass
/// warnings to `diagnose` for damage they read past (a defect a mail client would also tolerate),
/// which are reported and counted but do not make the run's exit status 2.
public struct InputDiagnostic: Error, Sendable, Hashable, CustomStringConvertible, Codable {
  /// How bad a problem is.
  public enum Severity: String, Codable, Sendable, Hashable, CaseIterable {
    /// The input, or part of it, could not be read: the file counts as unreadable.
    case error
    /// The input was read, but something in it was damaged or unusual and was read past.
    case warning
  }

  /// Where the problem is.
  public var location: SourceLocation
  /// What was wrong and what was expected there.
  public var message: String
  /// Whether the input could not be read (`error`) or was read past the problem (`warning`).
  public var severity: Severity

  /// Creates a diagnostic.
  public init(_ location: SourceLocation, _ message: String, severity: Severity = .error) {
    self.location = location
    self.message = message
    self.severity = severity
  }

  /// Creates a diagnostic for a whole file.
  public init(
    file: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil, _ message: String,
    severity: Severity = .error
  ) {
    self.init(
      SourceLocation(file: file, line: line, column: column, byteOffset: byteOffset), message, severity: severity)
  }

  /// Creates a warning: the input was read past a damaged or unusual place.
  public static func warning(_ location: SourceLocation, _ message: String) -> InputDiagnostic {
    InputDiagnostic(location, message, severity: .warning)
  }

  /// Whether this is a warning rather than an error.
  public var isWarning: Bool { severity == .warning }

  /// Compiler style: `path:line:col: error: message` (or `warning:`).
  ///
  /// The text is as read: print it through a terminal-safe escaping before showing it to a person.
  public var description: String { "\(location): \(severity.rawValue): \(message)" }

  private enum CodingKeys: String, CodingKey {
    case location, message, severity
  }

  /// Decodes a diagnostic; one written before severities existed is an error.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    location = try container.decode(SourceLocation.self, forKey: .location)
    message = try container.decode(String.self, forKey: .message)
    severity = try container.decodeIfPresent(Severity.self, forKey: .severity) ?? .error
  }
}
