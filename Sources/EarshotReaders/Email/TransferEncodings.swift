/// Content-Transfer-Encoding decoders (RFC 2045): quoted-printable and base64, both lenient
/// because real mail breaks both rules often.
enum QuotedPrintable {
  /// Decodes quoted-printable bytes: `=XX` escapes, `=` soft line breaks; a stray `=` stays as it is.
  static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index < end {
      let byte = bytes[index]
      guard byte == 0x3D else {
        output.append(byte)
        index += 1
        continue
      }
      if index + 2 < end, let high = MailBytes.hexValue(bytes[index + 1]),
        let low = MailBytes.hexValue(bytes[index + 2])
      {
        output.append(high << 4 | low)
        index += 3
        continue
      }
      // A soft line break: `=` then optional trailing white space, then CRLF or LF (or the end).
      var probe = index + 1
      while probe < end && (bytes[probe] == MailBytes.space || bytes[probe] == MailBytes.tab) { probe += 1 }
      if probe == end {
        index = end
      } else if bytes[probe] == MailBytes.lf {
        index = probe + 1
      } else if bytes[probe] == MailBytes.cr {
        index = probe + 1 < end && bytes[probe + 1] == MailBytes.lf ? probe + 2 : probe + 1
      } else {
        output.append(byte)
        index += 1
      }
    }
    return output
  }
}

/// A lenient base64 decoder that reports whether the data ended cleanly.
enum Base64 {
  /// Sextet values by byte; 0xFF marks bytes outside the alphabet (skipped, as line breaks are).
  private static let table: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
    // The URL-safe alphabet shows up in hand-made mail; accept it too.
    table[Int(UInt8(ascii: "-"))] = 62
    table[Int(UInt8(ascii: "_"))] = 63
    return table
  }()

  /// Decodes `bytes`, ignoring characters outside the alphabet.
  ///
  /// - Returns: the bytes, and `complete == false` when the input stopped inside a 4-character group
  ///   without padding (a cut-off part).
  static func decode(_ bytes: ArraySlice<UInt8>) -> (bytes: [UInt8], complete: Bool) {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count * 3 / 4)
    var accumulator: UInt32 = 0
    var count = 0
    var padded = false
    for byte in bytes {
      if byte == 0x3D {
        padded = true
        break
      }
      let value = table[Int(byte)]
      if value == 0xFF { continue }
      accumulator = accumulator << 6 | UInt32(value)
      count += 1
      if count == 4 {
        output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
        output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
        output.append(UInt8(truncatingIfNeeded: accumulator))
        accumulator = 0
        count = 0
      }
    }
    switch count {
    case 2:
      output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
    case 3:
      output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
      output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
    default:
      break
    }
    return (output, count == 0 || padded)
  }
}
