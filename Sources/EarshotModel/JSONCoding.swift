import Foundation

/// The one place JSON encoders and decoders are set up, so every output and the store write the
/// same bytes: snake_case keys, sorted keys, unescaped slashes, ISO 8601 dates, and "inf" / "-inf" /
/// "nan" for numbers JSON cannot hold.
public enum JSONCoding {
  /// How the encoded text is laid out.
  public enum Layout: Sendable {
    /// One line (JSON Lines, the store).
    case compact
    /// Indented, for people (`score --format json`, summaries).
    case pretty
  }

  /// An encoder with Earshot's conventions.
  ///
  /// - Parameters:
  ///   - layout: one line or indented.
  ///   - snakeCase: whether Swift's camelCase property names become snake_case keys.
  public static func encoder(_ layout: Layout = .compact, snakeCase: Bool = true) -> JSONEncoder {
    let encoder = JSONEncoder()
    if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting =
      layout == .pretty
      ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

  /// The decoder that reads what ``encoder(_:snakeCase:)`` writes.
  public static func decoder(snakeCase: Bool = true) -> JSONDecoder {
    let decoder = JSONDecoder()
    if snakeCase { decoder.keyDecodingStrategy = .convertFromSnakeCase }
    decoder.dateDecodingStrategy = .iso8601
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }
}
