import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns bytes in a MIME charset into text.
///
/// UTF-8, US-ASCII and the Latin single-byte sets are decoded here from tables (they are most mail
/// and must be fast); `iso-8859-1` is read as Windows-1252, as every mail client does, because
/// senders label 1252 text as Latin-1. UTF-16 goes through Foundation and the long tail (KOI8-R,
/// Shift_JIS, GB18030, ISO-2022-JP…) through the system's iconv.
enum Charsets {
  /// How a charset label is decoded.
  enum Decoder: Equatable {
    case utf8
    case windows1252
    case latin9
    case foundation(String.Encoding)
    case iconv(String)
  }

  /// The decoder for a charset label, or nil when the label names no charset this system knows.
  static func decoder(for label: String) -> Decoder? {
    let name = label.lowercased().filter { $0 != "\"" && $0 != "'" && $0 != " " && $0 != "\t" }
    switch name {
    case "", "utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "646",
      "x-unknown", "unknown-8bit", "default":
      // US-ASCII labels routinely hide UTF-8; UTF-8 decoding of true ASCII is the same text.
      return .utf8
    case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819", "windows-1252",
      "cp1252", "x-cp1252", "iso_8859-1:1987":
      return .windows1252
    case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin-9", "latin9", "l9":
      return .latin9
    case "utf-16", "utf16": return .foundation(.utf16)
    case "utf-16le": return .foundation(.utf16LittleEndian)
    case "utf-16be": return .foundation(.utf16BigEndian)
    case "utf-32", "utf32": return .foundation(.utf32)
    default:
      let iconvName = aliases[name] ?? name
      return IconvDecoder.isAvailable(iconvName) ? .iconv(iconvName) : nil
    }
  }

  /// Labels that iconv spells differently or that senders use for a superset.
  private static let aliases: [String: String] = [
    "gb2312": "GB18030", "gbk": "GB18030", "x-gbk": "GB18030", "ks_c_5601-1987": "CP949",
    "x-sjis": "SHIFT_JIS", "shift-jis": "SHIFT_JIS", "x-mac-roman": "MACINTOSH", "macintosh": "MACINTOSH",
    "iso-8859-8-i": "ISO-8859-8", "windows-874": "CP874", "tis-620": "CP874",
  ]

  /// Decodes `bytes`; a nil `label` means the MIME default (US-ASCII, read leniently as UTF-8).
  ///
  /// - Returns: the text, and whether the label was understood (when not, the bytes were read as UTF-8).
  static func decode(_ bytes: [UInt8], label: String?) -> (text: String, known: Bool) {
    guard let label else { return (utf8(bytes), true) }
    guard let decoder = decoder(for: label) else { return (utf8(bytes), false) }
    return (decode(bytes, with: decoder), true)
  }

  /// Decodes `bytes` with a resolved decoder.
  static func decode(_ bytes: [UInt8], with decoder: Decoder) -> String {
    switch decoder {
    case .utf8: return utf8(bytes)
    case .windows1252: return singleByte(bytes, high: windows1252High, latin9: false)
    case .latin9: return singleByte(bytes, high: nil, latin9: true)
    case .foundation(let encoding):
      return String(data: Data(bytes), encoding: encoding) ?? utf8(bytes)
    case .iconv(let name):
      return IconvDecoder.decode(bytes, from: name) ?? utf8(bytes)
    }
  }

  /// UTF-8, with U+FFFD for invalid sequences; when the bytes are not UTF-8 at all but look like
  /// Latin text (mislabelled mail is common), Windows-1252.
  static func utf8(_ bytes: [UInt8]) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    // A handful of stray high bytes in otherwise valid UTF-8 stays UTF-8; pure 8-bit text is Latin.
    var index = 0
    var validMultiByte = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte < 0x80 {
        index += 1
        continue
      }
      let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
      if length > 0, index + length <= bytes.count,
        bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
      {
        validMultiByte += 1
        index += length
      } else {
        index += 1
      }
    }
    if validMultiByte == 0 { return singleByte(bytes, high: windows1252High, latin9: false) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Code points of Windows-1252 bytes 0x80–0x9F (undefined ones keep their C1 value, as WHATWG does).
  static let windows1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
    0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x9D, 0x017E, 0x0178,
  ]

  /// The eight places where ISO-8859-15 differs from Latin-1.
  private static func latin9Scalar(_ byte: UInt8) -> UInt32 {
    switch byte {
    case 0xA4: 0x20AC
    case 0xA6: 0x0160
    case 0xA8: 0x0161
    case 0xB4: 0x017D
    case 0xB8: 0x017E
    case 0xBC: 0x0152
    case 0xBD: 0x0153
    case 0xBE: 0x0178
    default: UInt32(byte)
    }
  }

  private static func singleByte(_ bytes: [UInt8], high: [UInt32]?, latin9: Bool) -> String {
    if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 4)
    for byte in bytes {
      if byte < 0x80 {
        output.append(byte)
        continue
      }
      let scalar: UInt32
      if latin9 {
        scalar = latin9Scalar(byte)
      } else if let high, byte < 0xA0 {
        scalar = high[Int(byte - 0x80)]
      } else {
        scalar = UInt32(byte)
      }
      appendUTF8(scalar, to: &output)
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends the UTF-8 encoding of a scalar; a value beyond U+10FFFF becomes U+FFFD (the byte
  /// arithmetic below would not fit in a byte for it).
  static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    guard scalar < 0x110000 else {
      output += [0xEF, 0xBF, 0xBD]
      return
    }
    if scalar < 0x80 {
      output.append(UInt8(scalar))
    } else if scalar < 0x800 {
      output.append(UInt8(0xC0 | (scalar >> 6)))
      output.append(UInt8(0x80 | (scalar & 0x3F)))
    } else if scalar < 0x10000 {
      output.append(UInt8(0xE0 | (scalar >> 12)))
      output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (scalar & 0x3F)))
    } else {
      output.append(UInt8(0xF0 | (scalar >> 18)))
      output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
      output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }
}

/// The system iconv, for charsets Foundation does not decode on every platform.
enum IconvDecoder {
  /// Whether iconv can convert from `name` to UTF-8.
  static func isAvailable(_ name: String) -> Bool {
    guard let handle = iconv_open("UTF-8", name), handle != iconv_t(bitPattern: -1) else { return false }
    iconv_close(handle)
    return true
  }

  /// `bytes` converted from `name` to text; invalid sequences become U+FFFD.
  static func decode(_ bytes: [UInt8], from name: String) -> String? {
    guard let handle = iconv_open("UTF-8", name), handle != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(handle) }
    var input = bytes.map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
    var produced = 0
    input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
        var inPointer: UnsafeMutablePointer<CChar>? = inBase
        var inLeft = inBuffer.count
        var outPointer: UnsafeMutablePointer<CChar>? = outBase
        var outLeft = outBuffer.count - 4
        while inLeft > 0 {
          if iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) != -1 { break }
          guard outLeft >= 3, let current = inPointer else { break }
          // Skip one bad byte, mark it, and go on: a damaged character must not lose the message.
          inPointer = current + 1
          inLeft -= 1
          for byte: UInt8 in [0xEF, 0xBF, 0xBD] {
            outPointer?.pointee = CChar(bitPattern: byte)
            outPointer = outPointer.map { $0 + 1 }
            outLeft -= 1
          }
        }
        produced = outBuffer.count - 4 - outLeft
      }
    }
    return String(decoding: output[0..<produced].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
