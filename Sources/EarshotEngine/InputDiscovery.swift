import EarshotModel
import EarshotReaders
import Foundation

/// Finds the input files under the paths a user gives, in a stable (sorted) order.
///
/// Hidden files and documentation that travels with exports (README, SOURCE.md, LICENSE, `*.md`,
/// schemas) are not transcripts: they are counted as skipped and named in the summary, never
/// silently dropped.
public struct InputDiscovery: Sendable {
  /// Files to read.
  public var files: [InputFile] = []
  /// Files passed over, with the reason.
  public var skipped: [(path: String, reason: String)] = []
  /// Paths that do not exist or cannot be listed.
  public var diagnostics: [InputDiagnostic] = []

  /// Walks `paths` (files or folders, recursively).
  public init(paths: [String]) {
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        diagnostics.append(InputDiagnostic(file: path, "no such file or folder"))
        continue
      }
      guard isDirectory.boolValue else {
        files.append(InputFile(path: path))
        continue
      }
      guard let enumerator = manager.enumerator(atPath: path) else {
        diagnostics.append(InputDiagnostic(file: path, "cannot list the folder"))
        continue
      }
      var found: [String] = []
      while let relative = enumerator.nextObject() as? String {
        let name = (relative as NSString).lastPathComponent
        let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
        var childIsDirectory: ObjCBool = false
        // Only the kind matters here: an entry that vanished or dangles is listed as a file, and
        // reading it later reports it by name.
        _ = manager.fileExists(atPath: full, isDirectory: &childIsDirectory)
        if name.hasPrefix(".") {
          if childIsDirectory.boolValue { enumerator.skipDescendants() }
          continue
        }
        if childIsDirectory.boolValue { continue }
        if let reason = Self.notATranscript(name) {
          skipped.append((full, reason))
          continue
        }
        found.append(full)
      }
      files += found.sorted().map { InputFile(path: $0) }
    }
  }

  /// Why a file name is not a transcript, or nil when it may be one.
  static func notATranscript(_ name: String) -> String? {
    let lower = name.lowercased()
    if lower.hasSuffix(".md") || lower.hasPrefix("readme") { return "documentation" }
    if lower.hasPrefix("license") || lower.hasPrefix("copying") { return "license text" }
    if lower.hasSuffix(".xsd") || lower.hasSuffix(".rng") || lower.hasSuffix(".dtd") { return "schema" }
    if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { return "configuration" }
    return nil
  }
}
