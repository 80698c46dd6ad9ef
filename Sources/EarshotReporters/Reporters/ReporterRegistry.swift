import EarshotScoring

/// Which reporters each command writes. An output format is one file in `Reporters/` plus one
/// line here.
public enum ReporterRegistry {
  /// `earshot batch`: results and problems as they arrive, then the tables and `summary.json`.
  public static func batch(in folder: OutputFolder) throws -> [any Reporter] {
    [try ConversationsJSONLReporter(in: folder), try DiagnosticsJSONLReporter(in: folder)] + batchTables(in: folder)
  }

  /// What `earshot batch` writes at the end (the tables and `summary.json`); `earshot merge`
  /// writes the same from the shards' totals.
  public static func batchTables(in folder: OutputFolder) -> [any Reporter] {
    tables(in: folder, summaryName: "summary.json")
  }

  /// `earshot nightly --out`: the tables of the store's contents and `nightly.json`.
  public static func nightly(in folder: OutputFolder) -> [any Reporter] {
    tables(in: folder, summaryName: "nightly.json")
  }

  /// `earshot report`: the Markdown and HTML reports, and the full tables they summarize.
  public static func report(in folder: OutputFolder) -> [any Reporter] {
    [ReportFileReporter.markdown(in: folder), ReportFileReporter.html(in: folder)]
      + tableKinds.map { TableCSVReporter($0, in: folder) }
  }

  /// The aggregate tables every command writes, in order.
  public static let tableKinds: [GroupKind] = [.agent, .company, .channel, .day, .center]

  /// The aggregate tables and a summary.
  static func tables(in folder: OutputFolder, summaryName: String) -> [any Reporter] {
    tableKinds.map { TableCSVReporter($0, in: folder) }
      + [SummaryJSONReporter(fileName: summaryName, in: folder)]
  }
}
