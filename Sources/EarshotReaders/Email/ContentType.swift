import Foundation

/// A `Content-Type` (or `Content-Disposition`) value: the main value and its parameters.
struct ContentType: Sendable {
  /// `type/subtype`, lowercased (`text/plain`), or the disposition (`attachment`).
  var value: String
  /// Parameters with lowercased names; RFC 2231 continuations and charsets already joined and decoded.
  var parameters: [String: String]

  /// The MIME type's top-level type (`text`).
  var type: Substring { value.split(separator: "/", maxSplits: 1).first ?? "" }
  /// Whether this is a `multipart/*` type.
  var isMultipart: Bool { value.hasPrefix("multipart/") }

  /// Parses `raw`, defaulting to `fallback` when the value is empty or malformed.
  init(raw: [UInt8]?, fallback: String) {
    guard let raw, !raw.isEmpty else {
      self.value = fallback
      self.parameters = [:]
      return
    }
    let segments = ContentType.splitParameters(raw)
    let cleaned = segments.first.map { ContentType.trimmedText($0).lowercased() } ?? ""
    // `text` alone or garbage: fall back rather than mis-route the part.
    self.value = cleaned.isEmpty || (fallback.contains("/") && !cleaned.contains("/")) ? fallback : cleaned
    self.parameters = ContentType.parameters(Array(segments.dropFirst()))
  }

  /// Splits on `;` outside quoted strings.
  private static func splitParameters(_ raw: [UInt8]) -> [[UInt8]] {
    var segments: [[UInt8]] = []
    var current: [UInt8] = []
    var quoted = false
    var escaped = false
    for byte in raw {
      if escaped {
        current.append(byte)
        escaped = false
      } else if quoted && byte == 0x5C {
        current.append(byte)
        escaped = true
      } else if byte == 0x22 {
        quoted.toggle()
        current.append(byte)
      } else if byte == 0x3B && !quoted {
        segments.append(current)
        current.removeAll()
      } else {
        current.append(byte)
      }
    }
    segments.append(current)
    return segments
  }

  /// Parses `name=value` segments, joining RFC 2231 `name*0*=` continuations.
  private static func parameters(_ segments: [[UInt8]]) -> [String: String] {
    var plain: [String: String] = [:]
    var extended: [String: [(index: Int, encoded: Bool, value: String)]] = [:]
    for segment in segments {
      guard let equals = segment.firstIndex(of: 0x3D) else { continue }
      let key = trimmedText(segment[..<equals]).lowercased()
      var valueBytes = segment[(equals + 1)...]
      while let first = valueBytes.first, MailBytes.isWhitespace(first) { valueBytes = valueBytes.dropFirst() }
      while let last = valueBytes.last, MailBytes.isWhitespace(last) { valueBytes = valueBytes.dropLast() }
      if valueBytes.first == 0x22 {
        valueBytes = valueBytes.dropFirst()
        if valueBytes.last == 0x22 { valueBytes = valueBytes.dropLast() }
        // Quoted-pair: a backslash escapes the next character.
        if valueBytes.contains(0x5C) {
          var unescaped: [UInt8] = []
          var escaped = false
          for byte in valueBytes {
            if byte == 0x5C && !escaped {
              escaped = true
              continue
            }
            escaped = false
            unescaped.append(byte)
          }
          valueBytes = unescaped[...]
        }
      }
      let value = String(decoding: valueBytes, as: UTF8.self)
      guard !key.isEmpty else { continue }
      if let star = key.firstIndex(of: "*") {
        let base = String(key[..<star])
        let rest = key[key.index(after: star)...]
        let encoded = rest.hasSuffix("*") || rest.isEmpty
        let number = Int(rest.filter(\.isNumber)) ?? 0
        extended[base, default: []].append((number, encoded, value))
      } else {
        plain[key] = value
      }
    }
    for (base, parts) in extended {
      var charset: String?
      var bytes: [UInt8] = []
      for part in parts.sorted(by: { $0.index < $1.index }) {
        var value = part.value
        if part.encoded && part.index == 0 {
          // charset'language'percent-encoded
          let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
          if pieces.count == 3 {
            charset = String(pieces[0])
            value = String(pieces[2])
          }
        }
        bytes += part.encoded ? percentDecode(value) : Array(value.utf8)
      }
      plain[base] = Charsets.decode(bytes, label: charset?.isEmpty == false ? charset : nil).text
    }
    return plain
  }

  /// The bytes without surrounding white space, as text.
  private static func trimmedText(_ bytes: some Collection<UInt8>) -> String {
    let array = Array(bytes)
    return String(decoding: array[MailBytes.trimmed(array, 0..<array.count)], as: UTF8.self)
  }

  private static func percentDecode(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    var output: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x25, index + 2 < bytes.count, let high = MailBytes.hexValue(bytes[index + 1]),
        let low = MailBytes.hexValue(bytes[index + 2])
      {
        output.append(high << 4 | low)
        index += 3
      } else {
        output.append(bytes[index])
        index += 1
      }
    }
    return output
  }
}
