import EarshotScoring

/// The store's report as a document: `report.md` (Markdown) or `report.html` (self-contained,
/// charts as inline SVG).
public final class ReportFileReporter: Reporter {
  public static let identifier = "report"
  public static let description = "The listening report: ranking, distribution, findings, companies, trends."
  public static let isStreaming = false
  public let fileName: String
  private let folder: OutputFolder
  private let render: @Sendable (ListeningReport) -> String

  /// `report.md`.
  public static func markdown(in folder: OutputFolder) -> ReportFileReporter {
    ReportFileReporter(fileName: "report.md", folder: folder, render: MarkdownReport.render)
  }

  /// `report.html`.
  public static func html(in folder: OutputFolder) -> ReportFileReporter {
    ReportFileReporter(fileName: "report.html", folder: folder, render: HTMLReport.render)
  }

  private init(fileName: String, folder: OutputFolder, render: @escaping @Sendable (ListeningReport) -> String) {
    self.fileName = fileName
    self.folder = folder
    self.render = render
  }

  public func finish(_ totals: RunTotals) throws {
    guard let report = totals.report else { return }
    try folder.write(render(report), to: fileName)
  }
}
