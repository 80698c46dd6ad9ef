/// Settings for XML and vendor chat exports.
public struct ExportReaderOptions: Sendable, Hashable {
  /// Creates options.
  public init() {}
}
