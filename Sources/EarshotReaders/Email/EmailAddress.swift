/// A mailbox from an address header: the address (lowercased) and the display name.
struct EmailAddress: Sendable, Hashable {
  /// `local@domain`, lowercased so the same person matches across messages.
  var address: String
  /// The display name, with encoded words decoded.
  var name: String?

  /// The part after `@`, or "" when there is none.
  var domain: String {
    guard let at = address.lastIndex(of: "@") else { return "" }
    return String(address[address.index(after: at)...])
  }

  /// Parses an address-list header (`"Name" <a@b>, c@d (Comment), group: e@f;`).
  static func list(_ raw: [UInt8]) -> [EmailAddress] {
    var entries: [[UInt8]] = []
    var current: [UInt8] = []
    var quoted = false
    var angle = false
    var comment = 0
    var escaped = false
    for byte in raw {
      if escaped {
        escaped = false
        current.append(byte)
        continue
      }
      switch byte {
      case 0x5C where quoted: escaped = true
      case 0x22 where comment == 0: quoted.toggle()
      case 0x3C where !quoted && comment == 0: angle = true
      case 0x3E where !quoted && comment == 0: angle = false
      case 0x28 where !quoted: comment += 1
      case 0x29 where !quoted && comment > 0: comment -= 1
      default: break
      }
      if (byte == 0x2C || byte == 0x3B) && !quoted && !angle && comment == 0 {
        entries.append(current)
        current.removeAll()
      } else {
        current.append(byte)
      }
    }
    entries.append(current)
    return entries.compactMap(parseMailbox)
  }

  private static func parseMailbox(_ raw: [UInt8]) -> EmailAddress? {
    var entry = raw
    // A group's name: `undisclosed-recipients:` or `team: a@b`.
    if let colon = entry.firstIndex(of: MailBytes.colon), !entry[..<colon].contains(0x3C),
      !entry[..<colon].contains(0x40), !entry[..<colon].contains(0x22)
    {
      entry = Array(entry[(colon + 1)...])
    }
    if let open = entry.lastIndex(of: 0x3C), let close = entry[open...].firstIndex(of: 0x3E) {
      let address = clean(entry[(open + 1)..<close])
      guard !address.isEmpty else { return nil }
      let name = displayName(Array(entry[..<open]))
      return EmailAddress(address: address, name: name)
    }
    // `a@b (Name)` or a bare address.
    var name: String?
    var rest = entry
    if let open = entry.firstIndex(of: 0x28), let close = entry.lastIndex(of: 0x29), close > open {
      name = displayName(Array(entry[(open + 1)..<close]))
      rest = Array(entry[..<open]) + Array(entry[(close + 1)...])
    }
    let address = clean(rest[...])
    guard address.contains("@") else { return nil }
    return EmailAddress(address: address, name: name)
  }

  private static func clean(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes.filter { !MailBytes.isWhitespace($0) && $0 != 0x22 }, as: UTF8.self).lowercased()
  }

  private static func displayName(_ raw: [UInt8]) -> String? {
    // Encoded words inside quotes are decoded too: senders put them there, and readers expect it.
    let unquoted = raw.filter { $0 != 0x22 }
    let text = EncodedWords.decode(unquoted).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(
      separator: " ")
    return text.isEmpty ? nil : text
  }
}

/// Reads the message ids of `Message-ID`, `In-Reply-To` and `References`.
enum MessageIDs {
  /// The ids in `raw`, without angle brackets or white space, in order.
  static func list(_ raw: [UInt8]?) -> [String] {
    guard let raw else { return [] }
    var ids: [String] = []
    var index = 0
    while index < raw.count {
      if raw[index] == 0x3C, let close = raw[(index + 1)...].firstIndex(of: 0x3E) {
        let id = String(decoding: raw[(index + 1)..<close].filter { !MailBytes.isWhitespace($0) }, as: UTF8.self)
        if !id.isEmpty { ids.append(id) }
        index = close + 1
      } else {
        index += 1
      }
    }
    if ids.isEmpty {
      // Brackets missing (broken mailers): take the tokens that look like ids.
      let text = String(decoding: raw, as: UTF8.self)
      ids = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init).filter {
        $0.contains("@")
      }
    }
    return ids
  }
}
