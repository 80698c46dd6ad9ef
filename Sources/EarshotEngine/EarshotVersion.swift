/// The tool's version, written into every result and stored with incremental runs.
public enum EarshotVersion {
  /// Semantic version of this build.
  public static let current = "0.1.0"
}
