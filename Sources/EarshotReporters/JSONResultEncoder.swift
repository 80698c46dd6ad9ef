import EarshotModel
import EarshotScoring
import Foundation

/// Encodes results as JSON with snake_case keys, sorted, and ISO 8601 dates: stable for golden files.
public enum JSONResultEncoder {
  /// Pretty-printed JSON for one result (`earshot score --format json`).
  public static func pretty(_ result: ConversationResult) throws -> String {
    let data = try encoder(pretty: true).encode(result)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// A pretty-printed JSON array of results.
  public static func prettyArray(_ results: [ConversationResult]) throws -> String {
    String(decoding: try encoder(pretty: true).encode(results), as: UTF8.self) + "\n"
  }

  /// One line of JSON Lines for one result (the same bytes `encoder(pretty: false)` writes, by the
  /// hand-written `ConversationResult.compactJSON()`).
  public static func line(_ result: ConversationResult) throws -> String {
    result.compactJSON() + "\n"
  }

  static func encoder(pretty: Bool) -> JSONEncoder {
    JSONCoding.encoder(pretty ? .pretty : .compact)
  }
}
