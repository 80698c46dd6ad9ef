import EarshotModel
import EarshotReaders
import Foundation

/// Finds the input files under the paths a user gives, in a stable (sorted) order.
///
/// Hidden files and documentation that travels with exports (README, SOURCE.md, LICENSE, `*.md`,
/// schemas) are not transcripts: they are counted as skipped and named in the summary, never
/// silently dropped. Only regular files are read: a FIFO, device or socket (which would block a
/// read forever) is a diagnostic, decided by `stat` before anything opens it. A folder that cannot
/// be listed is a diagnostic too, and its path is in `unknownPaths` so that `nightly` does not take
/// its files for removed.
public struct InputDiscovery: Sendable {
  /// Files to read.
  public var files: [InputFile] = []
  /// Files passed over, with the reason.
  public var skipped: [(path: String, reason: String)] = []
  /// Paths that do not exist, cannot be listed or are not regular files.
  public var diagnostics: [InputDiagnostic] = []
  /// Inputs and folders whose contents are unknown in this run (missing, unlistable): files stored
  /// under them must not be taken for removed.
  public var unknownPaths: [String] { diagnostics.map(\.location.file) }

  /// Lists a folder's entry names; tests inject a failing one, since as root no folder is unreadable.
  @TaskLocal public static var lister = DirectoryLister.fileSystem

  /// Walks `paths` (files or folders, recursively).
  public init(paths: [String]) {
    for path in paths {
      switch FileKind.of(path) {
      case .failure(let problem):
        let broken = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
        let message =
          broken
          ? "broken symbolic link (\(problem))"
          : problem.code == ENOENT ? "no such file or folder" : "cannot examine the input: \(problem)"
        diagnostics.append(InputDiagnostic(file: path, message))
      case .success(.regular):
        files.append(InputFile(path: path))
      case .success(.directory):
        var found: [String] = []
        walk(folder: path, into: &found)
        files += found.sorted().map { InputFile(path: $0) }
      case .success(let kind):
        diagnostics.append(Self.notRegular(path, kind))
      }
    }
  }

  /// Adds the transcript files under `folder` to `found`, depth first.
  private mutating func walk(folder: String, into found: inout [String]) {
    let names: [String]
    do {
      names = try Self.lister.list(folder)
    } catch {
      diagnostics.append(
        InputDiagnostic(file: folder, "cannot list the folder: \(FileError.reason(of: error)); its files were not read")
      )
      return
    }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    for name in names.sorted() where !name.hasPrefix(".") {
      let full = prefix + name
      // The entry itself first: a link is followed only to a regular file, never into a folder
      // (a link back up the tree would loop).
      let kind: FileKind
      switch FileKind.of(full, followingLinks: false) {
      case .failure(let problem):
        diagnostics.append(InputDiagnostic(file: full, "cannot examine the entry: \(problem)"))
        continue
      case .success(.symbolicLink):
        switch FileKind.of(full) {
        case .failure(let problem):
          diagnostics.append(InputDiagnostic(file: full, "broken symbolic link (\(problem))"))
          continue
        case .success(.directory):
          skipped.append((full, "symbolic link to a folder (not followed)"))
          continue
        case .success(let target):
          kind = target
        }
      case .success(let entry):
        kind = entry
      }
      switch kind {
      case .directory:
        walk(folder: full, into: &found)
      case .regular:
        if let reason = Self.notATranscript(name) {
          skipped.append((full, reason))
        } else {
          found.append(full)
        }
      default:
        diagnostics.append(Self.notRegular(full, kind))
      }
    }
  }

  private static func notRegular(_ path: String, _ kind: FileKind) -> InputDiagnostic {
    InputDiagnostic(file: path, "not a regular file (\(kind)); only regular files are read")
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

/// Lists the entry names of a folder.
public struct DirectoryLister: Sendable {
  /// The entry names of the folder at the path (any order); throws when it cannot be listed.
  public var list: @Sendable (String) throws -> [String]

  /// Creates a lister from a function.
  public init(list: @escaping @Sendable (String) throws -> [String]) {
    self.list = list
  }

  /// The real file system.
  public static let fileSystem = DirectoryLister { path in
    try FileManager.default.contentsOfDirectory(atPath: path)
  }
}
