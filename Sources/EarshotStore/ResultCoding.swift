import EarshotModel
import EarshotReporters
import EarshotScoring
import Foundation

/// How results and totals are written into the store: the result in the same JSON as
/// `conversations.jsonl` (snake_case, sorted keys, ISO 8601 dates), totals sorted by key, so the
/// stored text is the same whichever process or run wrote it.
enum ResultCoding {
  static func encoder(snakeCase: Bool) -> JSONEncoder { JSONCoding.encoder(.compact, snakeCase: snakeCase) }

  static func decoder(snakeCase: Bool) -> JSONDecoder { JSONCoding.decoder(snakeCase: snakeCase) }

  static func encode(_ result: ConversationResult) throws -> String {
    result.compactJSON()
  }

  static func decodeResult(_ text: String) throws -> ConversationResult {
    do {
      return try decoder(snakeCase: true).decode(ConversationResult.self, from: Data(text.utf8))
    } catch {
      throw StoreError.corrupt("a stored conversation result: \(error)")
    }
  }

  /// One group of an aggregation; a dictionary keyed by a struct would encode in hash order.
  struct Entry: Codable {
    var key: GroupKey
    var totals: GroupTotals
  }

  static func encode(_ aggregation: Aggregation) throws -> String {
    let entries = aggregation.groups.sorted { $0.key < $1.key }.map { Entry(key: $0.key, totals: $0.value) }
    return String(decoding: try encoder(snakeCase: false).encode(entries), as: UTF8.self)
  }

  static func decodeAggregation(_ text: String, what: String = "stored totals") throws -> Aggregation {
    do {
      var aggregation = Aggregation()
      for entry in try decoder(snakeCase: false).decode([Entry].self, from: Data(text.utf8)) {
        aggregation.groups[entry.key] = entry.totals
      }
      return aggregation
    } catch {
      throw StoreError.corrupt("\(what): \(error)")
    }
  }

  /// A unit's totals as stored: ``BinaryCoding`` of its groups sorted by key (compressed by the
  /// caller), written by ``TotalsCoding``.
  static func binary(_ aggregation: Aggregation) -> [UInt8] {
    TotalsCoding.encode(aggregation)
  }

  /// The same layout through the generic `Codable` path (how stores were written before
  /// ``TotalsCoding``; tests compare the two).
  static func genericBinary(_ aggregation: Aggregation) throws -> [UInt8] {
    try BinaryCoding.encode(aggregation.groups.sorted { $0.key < $1.key }.map { Entry(key: $0.key, totals: $0.value) })
  }

  /// The unit totals stored as a compressed blob: ``BinaryCoding``, or JSON in a store converted from
  /// one that kept JSON text.
  static func decodeAggregation(blob: some ContiguousBytes, unitKey: String, unpacker: StoreBlobUnpacker) throws
    -> Aggregation
  {
    let what = "the totals of unit \(unitKey)"
    let bytes = try unpacker.unpack(blob, what: what)
    guard bytes.first == BinaryCoding.tag else {
      return try decodeAggregation(String(decoding: bytes, as: UTF8.self), what: what)
    }
    if let aggregation = TotalsCoding.decodeAggregation(bytes) { return aggregation }
    // Another shape, or damage: the generic reader decodes it or says what is wrong.
    do {
      var aggregation = Aggregation()
      for entry in try BinaryCoding.decode([Entry].self, from: bytes) { aggregation.groups[entry.key] = entry.totals }
      return aggregation
    } catch {
      throw StoreError.corrupt("\(what): \(BinaryCoding.describe(error))")
    }
  }

  /// A group's totals stored with a run, a compressed blob (``BinaryCoding``, or JSON once converted).
  static func decodeTotals(blob: some ContiguousBytes, what: String, unpacker: StoreBlobUnpacker) throws
    -> GroupTotals
  {
    let bytes = try unpacker.unpack(blob, what: what)
    do {
      if bytes.first == BinaryCoding.tag {
        return try TotalsCoding.decodeTotals(bytes) ?? BinaryCoding.decode(GroupTotals.self, from: bytes)
      }
      return try decoder(snakeCase: false).decode(GroupTotals.self, from: Data(bytes))
    } catch {
      throw StoreError.corrupt("\(what): \(BinaryCoding.describe(error))")
    }
  }

  static func encode(_ totals: GroupTotals) throws -> String {
    String(decoding: try encoder(snakeCase: false).encode(totals), as: UTF8.self)
  }

  static func decodeTotals(_ text: String) throws -> GroupTotals {
    do {
      return try decoder(snakeCase: false).decode(GroupTotals.self, from: Data(text.utf8))
    } catch {
      throw StoreError.corrupt("stored totals: \(error)")
    }
  }

  static func encode(_ strings: [String]) -> String {
    (try? encoder(snakeCase: false).encode(strings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
  }

  static func decodeStrings(_ text: String) -> [String] {
    (try? decoder(snakeCase: false).decode([String].self, from: Data(text.utf8))) ?? []
  }

  /// ISO 8601 with milliseconds in UTC (``StoreTimestamp``).
  static func timestamp(_ date: Date) -> String {
    StoreTimestamp.string(date)
  }

  static func date(_ text: String?) -> Date? {
    guard let text else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
  }
}
