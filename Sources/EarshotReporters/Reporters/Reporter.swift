import EarshotModel
import EarshotScoring
import Foundation

/// What a run hands its reporters when it ends.
public struct RunTotals: Sendable {
  /// Totals by agent, company, channel, day and center.
  public var aggregation: Aggregation
  /// How agents are ranked.
  public var ranking: AgentRanking
  /// The run's summary (`summary.json`, `nightly.json`), when the run writes one.
  public var summary: (any Encodable & Sendable)?
  /// The store's report (`report.md`, `report.html`), when the run writes one.
  public var report: ListeningReport?
  /// The repeat contacts found by the cross-conversation pass over the run's results (already
  /// counted in `aggregation`); `conversations.jsonl` adds their findings at the end.
  public var repeatContacts: [RepeatContact]

  /// Creates totals.
  public init(
    aggregation: Aggregation, ranking: AgentRanking, summary: (any Encodable & Sendable)? = nil,
    report: ListeningReport? = nil, repeatContacts: [RepeatContact] = []
  ) {
    self.aggregation = aggregation
    self.ranking = ranking
    self.summary = summary
    self.report = report
    self.repeatContacts = repeatContacts
  }
}

/// One output format, written into an output folder (after SwiftLint's `Reporter`).
///
/// A streaming reporter writes each result or diagnostic as it arrives, in input order; the others
/// write their file once, at ``finish(_:)``, from mergeable totals. To add an output: write a
/// type conforming to this protocol in its own file in `Reporters/`, add it to a list in
/// ``ReporterRegistry``, and add a golden file for it in `Tests/EarshotReportersTests/Snapshots`.
public protocol Reporter: AnyObject {
  /// A kebab-case identifier (`conversations-jsonl`, `agents-csv`).
  static var identifier: String { get }
  /// One line on what the file holds.
  static var description: String { get }
  /// Whether it writes as results arrive rather than only at the end.
  static var isStreaming: Bool { get }
  /// The file it writes, inside the output folder.
  var fileName: String { get }
  /// Takes one scored conversation (streaming reporters write it now).
  func write(_ result: ConversationResult) throws
  /// Takes one scored conversation with its result line already encoded (on a scoring thread);
  /// by default the same as ``write(_:)-(ConversationResult)``.
  func write(_ encoded: EncodedResult) throws
  /// Takes one input problem (streaming reporters write it now).
  func write(_ diagnostic: InputDiagnostic) throws
  /// Writes what is left and closes the file.
  func finish(_ totals: RunTotals) throws
}

extension Reporter {
  public func write(_ result: ConversationResult) throws {}
  public func write(_ encoded: EncodedResult) throws { try write(encoded.result) }
  public func write(_ diagnostic: InputDiagnostic) throws {}
}

/// Writes every reporter of a list into one folder: results and diagnostics fan out to each as
/// they arrive, and each finishes with the run's totals.
public final class ReportWriter {
  /// The output folder.
  public let folder: OutputFolder
  /// The reporters, in the order they write.
  public let reporters: [any Reporter]

  /// Creates the folder and the reporters.
  ///
  /// - Throws: ``OutputError`` when the folder or a streaming file cannot be created.
  public init(directory: URL, reporters make: (OutputFolder) throws -> [any Reporter]) throws {
    folder = try OutputFolder(directory)
    reporters = try make(folder)
  }

  /// Hands one result to every reporter.
  public func write(_ result: ConversationResult) throws {
    for reporter in reporters { try reporter.write(result) }
  }

  /// Hands one result, its line already encoded, to every reporter.
  public func write(_ encoded: EncodedResult) throws {
    for reporter in reporters { try reporter.write(encoded) }
  }

  /// Hands one input problem to every reporter.
  public func write(_ diagnostic: InputDiagnostic) throws {
    for reporter in reporters { try reporter.write(diagnostic) }
  }

  /// Finishes every reporter.
  public func finish(_ totals: RunTotals) throws {
    for reporter in reporters { try reporter.finish(totals) }
  }
}
