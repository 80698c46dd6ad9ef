import EarshotScoring

/// One aggregate table as CSV: `agents.csv` (with the ranking), or `companies.csv`,
/// `channels.csv`, `days.csv`, `centers.csv`, written at the end from mergeable totals.
public final class TableCSVReporter: Reporter {
  public static let identifier = "table-csv"
  public static let description = "Per-agent, per-company, per-channel, per-day or per-center totals as CSV."
  public static let isStreaming = false
  public let fileName: String
  private let kind: GroupKind
  private let folder: OutputFolder

  /// A reporter for the table of `kind` in `folder`.
  public init(_ kind: GroupKind, in folder: OutputFolder) {
    self.kind = kind
    self.folder = folder
    fileName = "\(Self.tableName(kind)).csv"
  }

  public func finish(_ totals: RunTotals) throws {
    let text =
      kind == .agent
      ? CSVTableWriter.agentsCSV(totals.aggregation, ranking: totals.ranking)
      : CSVTableWriter.groupsCSV(totals.aggregation, kind: kind)
    try folder.write(text, to: fileName)
  }

  static func tableName(_ kind: GroupKind) -> String {
    switch kind {
    case .agent: "agents"
    case .company: "companies"
    case .channel: "channels"
    case .day: "days"
    case .center: "centers"
    }
  }
}
