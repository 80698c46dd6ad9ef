/// Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`) in header values.
///
/// White space between two encoded words is dropped, as the RFC says, and adjacent words in the
/// same charset are decoded together so a multi-byte character split across two words survives.
/// Bytes outside encoded words are read as UTF-8 (RFC 6532), or Windows-1252 when they are not.
enum EncodedWords {
  private enum Piece {
    case literal([UInt8])
    case encoded(charset: String, bytes: [UInt8])
  }

  /// The decoded text of a raw header value.
  static func decode(_ bytes: [UInt8]) -> String {
    guard contains(bytes, 0x3D, 0x3F) else { return Charsets.utf8(bytes) }
    var pieces: [Piece] = []
    var literal: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x3D, index + 1 < bytes.count, bytes[index + 1] == 0x3F,
        let (word, next) = parseWord(bytes, at: index)
      {
        // Only white space between two encoded words is dropped.
        if !literal.isEmpty {
          if case .encoded? = pieces.last, literal.allSatisfy(MailBytes.isWhitespace) {
            literal.removeAll()
          } else {
            pieces.append(.literal(literal))
            literal.removeAll()
          }
        }
        if case .encoded(let charset, let previous)? = pieces.last, case .encoded(let newCharset, let more) = word,
          charset == newCharset
        {
          pieces[pieces.count - 1] = .encoded(charset: charset, bytes: previous + more)
        } else {
          pieces.append(word)
        }
        index = next
        continue
      }
      literal.append(bytes[index])
      index += 1
    }
    if !literal.isEmpty { pieces.append(.literal(literal)) }
    var text = ""
    for piece in pieces {
      switch piece {
      case .literal(let raw): text += Charsets.utf8(raw)
      case .encoded(let charset, let raw): text += Charsets.decode(raw, label: charset).text
      }
    }
    return text
  }

  private static func contains(_ bytes: [UInt8], _ first: UInt8, _ second: UInt8) -> Bool {
    guard bytes.count > 1 else { return false }
    for index in 0..<(bytes.count - 1) where bytes[index] == first && bytes[index + 1] == second { return true }
    return false
  }

  /// Parses `=?charset?enc?text?=` at `start`; returns the decoded piece and the index after it.
  private static func parseWord(_ bytes: [UInt8], at start: Int) -> (Piece, Int)? {
    var index = start + 2
    let charsetStart = index
    while index < bytes.count, bytes[index] != 0x3F, !MailBytes.isWhitespace(bytes[index]) { index += 1 }
    guard index + 2 < bytes.count, bytes[index] == 0x3F, index > charsetStart else { return nil }
    var charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self).lowercased()
    // RFC 2231 adds a language after `*`: `=?utf-8*en?Q?…?=`.
    if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
    let encoding = MailBytes.lower(bytes[index + 1])
    guard encoding == 0x62 || encoding == 0x71, bytes[index + 2] == 0x3F else { return nil }
    let textStart = index + 3
    var end = textStart
    // Encoded text has no white space; a `?=` ends it.
    while end + 1 < bytes.count, !(bytes[end] == 0x3F && bytes[end + 1] == 0x3D) {
      if bytes[end] == MailBytes.space || bytes[end] == MailBytes.tab { return nil }
      end += 1
    }
    guard end + 1 < bytes.count else { return nil }
    let payload = bytes[textStart..<end]
    let decoded: [UInt8]
    if encoding == 0x62 {
      decoded = Base64.decode(payload).bytes
    } else {
      decoded = decodeQ(payload)
    }
    return (.encoded(charset: charset, bytes: decoded), end + 2)
  }

  /// The `Q` encoding: quoted-printable where `_` stands for a space.
  private static func decodeQ(_ payload: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    var index = payload.startIndex
    while index < payload.endIndex {
      let byte = payload[index]
      if byte == 0x5F {
        output.append(MailBytes.space)
      } else if byte == 0x3D, index + 2 < payload.endIndex, let high = MailBytes.hexValue(payload[index + 1]),
        let low = MailBytes.hexValue(payload[index + 2])
      {
        output.append(high << 4 | low)
        index += 2
      } else {
        output.append(byte)
      }
      index += 1
    }
    return output
  }
}
