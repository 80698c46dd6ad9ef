import EarshotModel
import EarshotReporters
import EarshotScoring
import Foundation

/// Writes a batch's outputs as results arrive: `conversations.jsonl` and `diagnostics.jsonl`
/// stream; the aggregate tables (`agents.csv`, `companies.csv`, `channels.csv`, `days.csv`) and
/// `summary.json` are written at the end from mergeable totals, never from held results.
public final class BatchOutputWriter {
  /// The output folder.
  public let directory: URL
  /// Totals by agent, company, channel and day.
  public private(set) var aggregation = Aggregation()
  private let conversations: FileHandle
  private let diagnostics: FileHandle
  private let dayFormatter: DateFormatter

  /// Creates the folder and opens the streaming files.
  ///
  /// - Throws: when the folder or files cannot be created.
  public init(directory: URL) throws {
    self.directory = directory
    try FileError.attempt("cannot create the output folder", directory.path) {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    conversations = try Self.create(directory.appendingPathComponent("conversations.jsonl"))
    diagnostics = try Self.create(directory.appendingPathComponent("diagnostics.jsonl"))
    dayFormatter = DateFormatter()
    dayFormatter.locale = Locale(identifier: "en_US_POSIX")
    dayFormatter.timeZone = TimeZone(identifier: "UTC")
    dayFormatter.dateFormat = "yyyy-MM-dd"
  }

  private static func create(_ url: URL) throws -> FileHandle {
    try FileError.attempt("cannot create", url.path) {
      try Data().write(to: url)
      return try FileHandle(forWritingTo: url)
    }
  }

  /// Appends one result and adds it to the totals.
  public func write(_ result: ConversationResult) throws {
    let line = Data(try JSONResultEncoder.line(result).utf8)
    try FileError.attempt("cannot write", directory.appendingPathComponent("conversations.jsonl").path) {
      try conversations.write(contentsOf: line)
    }
    aggregation.add(result, day: result.startedAt.map { dayFormatter.string(from: $0) })
  }

  /// Appends one diagnostic.
  public func write(_ diagnostic: InputDiagnostic) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    let line = try encoder.encode(diagnostic) + Data("\n".utf8)
    try FileError.attempt("cannot write", directory.appendingPathComponent("diagnostics.jsonl").path) {
      try diagnostics.write(contentsOf: line)
    }
  }

  /// Writes the tables and the summary, and closes the files.
  public func finish(summary: BatchSummary, ranking: AgentRanking) throws {
    try conversations.close()
    try diagnostics.close()
    try AggregateFiles.write(
      aggregation, ranking: ranking, summary: summary, summaryName: "summary.json", to: directory)
  }
}
