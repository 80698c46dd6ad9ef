import EarshotModel
import EarshotStore
import Foundation

/// What a nightly run did, for the terminal and the exit status.
public struct NightlySummary: Sendable {
  /// The run's id in the store.
  public var runID: Int64 = 0
  /// The store's path.
  public var storePath = ""
  /// File counts (new, changed, re-scored, unchanged, removed, failed) and conversations.
  public var counts = RunCounts()
  /// Whether the fingerprint differs from the previous run's (configuration, lexicons, version or
  /// schema changed), so every file was scored again.
  public var fingerprintChanged = false
  /// Problems reported in this run, errors and warnings.
  public var diagnostics = 0
  /// Of `diagnostics`, damage that was read past; warnings alone leave the exit status 0.
  public var warnings = 0
  /// Bytes of input read to score (unchanged files are not read).
  public var bytesScored: Int64 = 0
  /// Wall-clock seconds.
  public var seconds = 0.0

  /// Creates an empty summary.
  public init() {}

  /// Files that had to be scored.
  public var filesScored: Int { counts.new + counts.changed + counts.rescored }

  /// The exit status this run deserves: 2 when a file could not be read in this run.
  public var exitCode: EarshotExitCode {
    counts.failed > 0 || diagnostics > warnings ? .someInputsUnreadable : .ok
  }

  /// Counts a reported diagnostic by severity.
  public mutating func count(_ diagnostic: InputDiagnostic) {
    diagnostics += 1
    if diagnostic.isWarning { warnings += 1 }
  }

  /// The lines printed at the end of a run.
  public var lines: [String] {
    var lines: [String] = []
    if fingerprintChanged {
      lines.append("Configuration, lexicons, tool version or schema changed since the last run: re-scoring everything.")
    }
    let c = counts
    lines.append(
      "Files: \(c.new) new, \(c.changed) changed, \(c.rescored) re-scored, \(c.unchanged) unchanged, "
        + "\(c.removed) removed, \(c.failed) failed; \(diagnostics - warnings) error\(diagnostics - warnings == 1 ? "" : "s"), "
        + "\(warnings) warning\(warnings == 1 ? "" : "s").")
    if filesScored == 0 && c.removed == 0 {
      lines.append("Nothing new since the last run: no file was scored.")
    } else {
      lines.append(
        "Scored \(c.conversationsScored) conversation\(c.conversationsScored == 1 ? "" : "s") from \(filesScored) "
          + "file\(filesScored == 1 ? "" : "s") (\(String(format: "%.1f", Double(bytesScored) / 1_048_576)) MB) in "
          + "\(String(format: "%.1f", seconds)) s.")
    }
    lines.append(
      "Run \(runID): the store now holds \(c.conversationsTotal) conversation\(c.conversationsTotal == 1 ? "" : "s") "
        + "(\(storePath)).")
    return lines
  }
}
