import EarshotScoring

/// A result with its `conversations.jsonl` line (``ConversationResult/compactJSONBytes()``, without
/// the newline), encoded where the result was made: batch encodes on the scoring threads, so the
/// consumer, which must write lines in order, only copies bytes.
public struct EncodedResult: Sendable {
  /// The result as the output shows it (redacted when the configuration says so).
  public let result: ConversationResult
  /// Its line of compact JSON, in UTF-8.
  public let line: [UInt8]

  /// Encodes `result`.
  public init(_ result: ConversationResult) {
    self.result = result
    line = result.compactJSONBytes()
  }
}
