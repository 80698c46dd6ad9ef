/// Why `earshot merge` refused its folders: one that is not a finished batch output, shards that
/// do not fit together (other settings, other inputs, missing or repeated shards), or a shard file
/// that does not match its manifest. Nothing is merged.
public struct MergeError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The folder or file concerned.
  public var path: String
  /// The line of the file, when the problem is on one.
  public var line: Int?
  /// What is wrong, and what was expected.
  public var message: String

  /// Creates an error about `path`.
  public init(_ path: String, line: Int? = nil, _ message: String) {
    self.path = path
    self.line = line
    self.message = message
  }

  /// Compiler style: `path[:line]: error: message`.
  public var description: String {
    path.isEmpty ? "error: \(message)" : "\(path)\(line.map { ":\($0)" } ?? ""): error: \(message)"
  }
}
