import EarshotModel
import EarshotScoring

/// `conversations.jsonl`: one result per line, in input order, as results arrive.
public final class ConversationsJSONLReporter: Reporter {
  public static let identifier = "conversations-jsonl"
  public static let description = "Every scored conversation as one line of JSON (the result schema)."
  public static let isStreaming = true
  public let fileName = "conversations.jsonl"
  private let file: StreamedFile

  /// Creates the file in `folder`.
  ///
  /// - Throws: ``OutputError`` when it cannot be created.
  public init(in folder: OutputFolder) throws {
    file = try folder.stream(fileName)
  }

  public func write(_ result: ConversationResult) throws {
    try file.write(JSONResultEncoder.line(result))
  }

  public func finish(_ totals: RunTotals) throws { try file.close() }
}
