/// A problem in `earshot.yml`, naming the key path and the reason.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible, Hashable {
  /// The configuration file.
  public var file: String
  /// Dotted key path (`standards.chat.first_response`), or "" for the whole file.
  public var keyPath: String
  /// The 1-based line of the offending key or value, when known.
  public var line: Int?
  /// What is wrong and what was expected.
  public var message: String

  /// Creates an error.
  public init(file: String, keyPath: String, line: Int? = nil, message: String) {
    self.file = file
    self.keyPath = keyPath
    self.line = line
    self.message = message
  }

  /// Compiler style: `earshot.yml:12: error: at 'standards.chat': expected …`.
  public var description: String {
    let place = keyPath.isEmpty ? "" : "at '\(keyPath)': "
    return "\(file)\(line.map { ":\($0)" } ?? ""): error: \(place)\(message)"
  }
}

/// Several configuration errors, all reported before any work starts.
public struct ConfigurationErrors: Error, Sendable, CustomStringConvertible {
  /// The errors, in file order.
  public var errors: [ConfigurationError]

  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
