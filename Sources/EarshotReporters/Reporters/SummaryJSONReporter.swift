import EarshotModel
import Foundation

/// The run's summary as pretty-printed JSON (`summary.json` for a batch, `nightly.json`).
public final class SummaryJSONReporter: Reporter {
  public static let identifier = "summary-json"
  public static let description = "What the run did: files, conversations, findings, problems, seconds."
  public static let isStreaming = false
  public let fileName: String
  private let folder: OutputFolder

  /// A reporter writing `fileName` in `folder`.
  public init(fileName: String, in folder: OutputFolder) {
    self.fileName = fileName
    self.folder = folder
  }

  public func finish(_ totals: RunTotals) throws {
    guard let summary = totals.summary else { return }
    let data = try JSONCoding.encoder(.pretty).encode(summary)
    try folder.write(String(decoding: data, as: UTF8.self) + "\n", to: fileName)
  }
}
