import EarshotModel
import EarshotScoring

/// `conversations.jsonl`: one result per line, in input order, as results arrive.
public final class ConversationsJSONLReporter: Reporter {
  public static let identifier = "conversations-jsonl"
  public static let description = "Every scored conversation as one line of JSON (the result schema)."
  public static let isStreaming = true
  public let fileName = "conversations.jsonl"
  private let file: StreamedFile
  /// Lines (0-based) of results with a customer, by conversation, to add repeat contacts at the end.
  private var customerLines: [ConversationReference: [Int]] = [:]
  private var lines = 0

  /// Creates the file in `folder`.
  ///
  /// - Throws: ``OutputError`` when it cannot be created.
  public init(in folder: OutputFolder) throws {
    file = try folder.stream(fileName)
  }

  public func write(_ result: ConversationResult) throws {
    try write(EncodedResult(result))
  }

  /// Writes the line as it was encoded: no `String` made of it and copied again.
  public func write(_ encoded: EncodedResult) throws {
    try file.writeLine(encoded.line[...])
    let result = encoded.result
    if result.customerKey != nil {
      customerLines[
        ConversationReference(sourceFile: result.sourceFile, conversationId: result.conversationId),
        default: []
      ].append(lines)
    }
    lines += 1
  }

  /// Closes the file, then gives the earlier conversation of each repeat contact its finding
  /// (known only once every result is in: the pass runs at the end of the run).
  public func finish(_ totals: RunTotals) throws {
    try file.close()
    var changes: [Int: RepeatContact?] = [:]
    for repeated in totals.repeatContacts {
      for line in customerLines[repeated.earlier.reference] ?? [] { changes[line] = repeated }
    }
    try RepeatContactLines.rewrite(path: file.path, repeats: changes)
  }
}
