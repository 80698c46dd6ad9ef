/// IBANs: a country code with a known IBAN length, two check digits, then the account part, written
/// unbroken or in groups of four separated by single spaces; the whole must pass the ISO 13616
/// mod-97 check. Letters may be upper or lower case.
enum IBANRule {
  /// The IBAN starting at `start` (a letter at a word start), if there is one.
  static func match(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Range<Int>? {
    guard start + 4 <= bytes.count, Bytes.isLetter(bytes[start]), Bytes.isLetter(bytes[start + 1]),
      Bytes.isDigit(bytes[start + 2]), Bytes.isDigit(bytes[start + 3])
    else { return nil }
    let country = UInt16(bytes[start] & 0xDF) << 8 | UInt16(bytes[start + 1] & 0xDF)
    guard let length = lengths[country] else { return nil }
    // Read `length` letters and digits; a single space may sit after every fourth.
    var index = start
    var read = 0
    var remainder = 0
    // The check moves the first four characters to the end: fold them in last.
    while read < length, index < bytes.count {
      let byte = bytes[index]
      if Bytes.isAlphanumeric(byte) {
        if read >= 4 { remainder = fold(remainder, byte) }
        read += 1
        index += 1
      } else if byte == Bytes.space, read % 4 == 0, index + 1 < bytes.count, Bytes.isAlphanumeric(bytes[index + 1]) {
        index += 1
      } else {
        return nil
      }
    }
    guard read == length else { return nil }
    if index < bytes.count, Bytes.isAlphanumeric(bytes[index]) { return nil }
    for offset in 0..<4 { remainder = fold(remainder, bytes[start + offset]) }
    return remainder == 1 ? start..<index : nil
  }

  /// Appends one character to the running mod-97 remainder (letters count as 10…35).
  private static func fold(_ remainder: Int, _ byte: UInt8) -> Int {
    if Bytes.isDigit(byte) { return (remainder * 10 + Int(byte &- 0x30)) % 97 }
    let value = Int((byte | 0x20) &- 0x61) + 10
    return (remainder * 100 + value) % 97
  }

  /// IBAN length by country (SWIFT IBAN registry), keyed by the two upper-case letters.
  private static let lengths: [UInt16: Int] = {
    let table: [(String, Int)] = [
      ("AD", 24), ("AE", 23), ("AL", 28), ("AT", 20), ("AZ", 28), ("BA", 20), ("BE", 16), ("BG", 22), ("BH", 22),
      ("BI", 27), ("BR", 29), ("BY", 28), ("CH", 21), ("CR", 22), ("CY", 28), ("CZ", 24), ("DE", 22), ("DJ", 27),
      ("DK", 18), ("DO", 28), ("EE", 20), ("EG", 29), ("ES", 24), ("FI", 18), ("FK", 18), ("FO", 18), ("FR", 27),
      ("GB", 22), ("GE", 22), ("GI", 23), ("GL", 18), ("GR", 27), ("GT", 28), ("HR", 21), ("HU", 28), ("IE", 22),
      ("IL", 23), ("IQ", 23), ("IS", 26), ("IT", 27), ("JO", 30), ("KW", 30), ("KZ", 20), ("LB", 28), ("LC", 32),
      ("LI", 21), ("LT", 20), ("LU", 20), ("LV", 21), ("LY", 25), ("MC", 27), ("MD", 24), ("ME", 22), ("MK", 19),
      ("MN", 20), ("MR", 27), ("MT", 31), ("MU", 30), ("NI", 28), ("NL", 18), ("NO", 15), ("OM", 23), ("PK", 24),
      ("PL", 28), ("PS", 29), ("PT", 25), ("QA", 29), ("RO", 24), ("RS", 22), ("RU", 33), ("SA", 24), ("SC", 31),
      ("SD", 18), ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27), ("SO", 23), ("ST", 25), ("SV", 28), ("TL", 23),
      ("TN", 24), ("TR", 26), ("UA", 29), ("VA", 22), ("VG", 24), ("XK", 20), ("YE", 30),
    ]
    var lengths: [UInt16: Int] = [:]
    for (code, length) in table {
      let letters = Array(code.utf8)
      lengths[UInt16(letters[0]) << 8 | UInt16(letters[1])] = length
    }
    return lengths
  }()
}
