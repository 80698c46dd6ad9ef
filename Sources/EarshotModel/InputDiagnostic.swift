/// A problem with an input: which file, where, and what was expected.
///
/// Readers throw this so a batch can report the file, count it as failed and go on.
public struct InputDiagnostic: Error, Sendable, Hashable, CustomStringConvertible, Codable {
  /// Where the problem is.
  public var location: SourceLocation
  /// What was wrong and what was expected there.
  public var message: String

  /// Creates a diagnostic.
  public init(_ location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message
  }

  /// Creates a diagnostic for a whole file.
  public init(file: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil, _ message: String) {
    self.init(SourceLocation(file: file, line: line, column: column, byteOffset: byteOffset), message)
  }

  /// Compiler style: `path:line:col: error: message`.
  public var description: String { "\(location): error: \(message)" }
}
