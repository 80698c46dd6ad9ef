import EarshotModel
import EarshotScoring
import Foundation

/// What a batch did, for the summary line, `summary.json` and the exit status.
public struct BatchSummary: Codable, Sendable {
  /// Files found under the inputs.
  public var filesFound = 0
  /// Files passed over as not transcripts (documentation, licenses), by path.
  public var filesSkipped: [String] = []
  /// Files that could not be read, whole or in part (files with only warnings are not counted).
  public var filesWithProblems = 0
  /// Problems reported (one file may have several), errors and warnings.
  public var diagnostics = 0
  /// Of `diagnostics`, those that kept an input, or part of it, from being read.
  public var errors = 0
  /// Of `diagnostics`, damage that was read past; warnings alone leave the exit status 0.
  public var warnings = 0
  /// Conversations scored.
  public var conversations = 0
  /// Sum of listening scores, for the mean.
  public var scoreSum = 0.0
  /// Minor and major findings by detector.
  public var findings: [String: Int] = [:]
  /// Wall-clock seconds.
  public var seconds = 0.0
  /// Bytes of input read.
  public var bytes: Int64 = 0

  /// Creates an empty summary.
  public init() {}

  /// Counts a reported diagnostic by severity.
  public mutating func count(_ diagnostic: InputDiagnostic) {
    diagnostics += 1
    if diagnostic.isWarning { warnings += 1 } else { errors += 1 }
  }

  /// Counts one scored conversation.
  mutating func add(_ result: ConversationResult) {
    conversations += 1
    scoreSum += result.score.value
    for finding in result.findings where finding.severity != .info {
      findings[finding.detector, default: 0] += 1
    }
  }

  /// Counts one unit's conversations, findings and bytes: a batch adds its units in plan order,
  /// and so does `earshot merge`, so both reach the same sums.
  public mutating func add(_ unit: UnitTotals) {
    conversations += unit.conversations
    scoreSum += unit.scoreSum
    findings.merge(unit.findings, uniquingKeysWith: +)
    bytes += unit.bytes
  }

  /// The mean listening score, when anything was scored.
  public var meanScore: Double? { conversations > 0 ? scoreSum / Double(conversations) : nil }

  /// The exit status this run deserves.
  public var exitCode: EarshotExitCode { filesWithProblems > 0 ? .someInputsUnreadable : .ok }

  /// One line for the terminal.
  public var line: String {
    let findingCount = findings.values.reduce(0, +)
    var text = "Scored \(conversations) conversation\(conversations == 1 ? "" : "s") from \(filesFound) file"
    text += filesFound == 1 ? "" : "s"
    text += " in \(String(format: "%.1f", seconds)) s"
    if let meanScore { text += "; mean listening score \(String(format: "%.1f", meanScore))" }
    text += "; \(findingCount) finding\(findingCount == 1 ? "" : "s")"
    text += ". \(filesWithProblems) file\(filesWithProblems == 1 ? "" : "s") unreadable"
    if !filesSkipped.isEmpty { text += ", \(filesSkipped.count) skipped (not transcripts)" }
    text += "; \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    return text + "."
  }
}
