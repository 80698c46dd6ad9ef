import Foundation

/// The shared developer corpora, found at `../shared/corpora` relative to the package root.
///
/// Tests that read them are enabled only when that folder exists (a trait with a comment saying
/// why), so `swift test` passes without it and says what it skipped.
public enum SharedCorpora {
  /// The corpora folder.
  public static var root: URL {
    PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/corpora")
  }

  /// The path of `relative` inside the corpora folder.
  public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  /// Whether `relative` exists inside the corpora folder.
  public static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }
}
