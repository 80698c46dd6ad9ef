import EarshotModel
import EarshotReporters
import EarshotScoring
import Foundation

/// The files `batch` and `nightly` both write at the end of a run: the agent, company, channel
/// and day tables, and a pretty-printed JSON summary of the run.
enum AggregateFiles {
  /// Writes the four tables and `summaryName` (the encoded `summary`) into `directory`, each file
  /// replaced atomically.
  ///
  /// - Throws: when a file cannot be written or the summary cannot be encoded.
  static func write(
    _ aggregation: Aggregation, ranking: AgentRanking, summary: some Encodable, summaryName: String, to directory: URL
  ) throws {
    func write(_ name: String, _ text: String) throws {
      let url = directory.appendingPathComponent(name)
      try FileError.attempt("cannot write", url.path) { try Data(text.utf8).write(to: url, options: .atomic) }
    }
    try write("agents.csv", CSVTableWriter.agentsCSV(aggregation, ranking: ranking))
    try write("companies.csv", CSVTableWriter.groupsCSV(aggregation, kind: .company))
    try write("channels.csv", CSVTableWriter.groupsCSV(aggregation, kind: .channel))
    try write("days.csv", CSVTableWriter.groupsCSV(aggregation, kind: .day))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    try write(summaryName, String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n")
  }
}
