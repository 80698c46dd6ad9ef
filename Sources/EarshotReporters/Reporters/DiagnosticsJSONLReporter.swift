import EarshotModel
import Foundation

/// `diagnostics.jsonl`: one input problem per line, as problems are found.
public final class DiagnosticsJSONLReporter: Reporter {
  public static let identifier = "diagnostics-jsonl"
  public static let description = "Every input problem (file, line or byte offset, what was expected) as JSON."
  public static let isStreaming = true
  public let fileName = "diagnostics.jsonl"
  private let file: StreamedFile
  private let encoder = JSONCoding.encoder(.compact)

  /// Creates the file in `folder`.
  ///
  /// - Throws: ``OutputError`` when it cannot be created.
  public init(in folder: OutputFolder) throws {
    file = try folder.stream(fileName)
  }

  public func write(_ diagnostic: InputDiagnostic) throws {
    try file.write(String(decoding: try encoder.encode(diagnostic), as: UTF8.self) + "\n")
  }

  public func finish(_ totals: RunTotals) throws { try file.close() }
}
