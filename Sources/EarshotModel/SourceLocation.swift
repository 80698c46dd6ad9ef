/// Where in an input file something was read, for evidence and diagnostics.
public struct SourceLocation: Codable, Sendable, Hashable, CustomStringConvertible {
  /// The input file's path as given to the reader.
  public var file: String
  /// 1-based line number, when the format is line-oriented.
  public var line: Int?
  /// 1-based column, when known.
  public var column: Int?
  /// 0-based byte offset into the file, when known.
  public var byteOffset: Int?

  /// Creates a location.
  public init(file: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
  }

  /// `file:line:column`, or `file@byte` when only an offset is known (compiler style).
  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    } else if let byteOffset {
      text += "@\(byteOffset)"
    }
    return text
  }
}
