/// Content sniffing shared by the XML readers: the root element's name, found on bytes.
enum XMLSniffing {
  /// The local name of the first element in `head`, after the XML declaration, comments,
  /// processing instructions and DOCTYPE; nil when `head` does not start like XML.
  static func rootElement(_ sample: InputSample) -> String? {
    let bytes = sample.head
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    func starts(_ literal: String) -> Bool {
      var cursor = index
      for byte in literal.utf8 {
        guard cursor < bytes.count, bytes[cursor] == byte else { return false }
        cursor += 1
      }
      return true
    }
    func skip(past terminator: String) -> Bool {
      while index < bytes.count {
        if starts(terminator) {
          index += terminator.utf8.count
          return true
        }
        index += 1
      }
      return false
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        index += 1
      } else if starts("<?") {
        guard skip(past: "?>") else { return nil }
      } else if starts("<!--") {
        guard skip(past: "-->") else { return nil }
      } else if starts("<!DOCTYPE") {
        // An internal subset ends with "]>"; a plain DOCTYPE with ">".
        var depth = 0
        while index < bytes.count {
          if bytes[index] == 0x5B { depth += 1 }
          if bytes[index] == 0x5D { depth -= 1 }
          index += 1
          if bytes[index - 1] == 0x3E && depth <= 0 { break }
        }
      } else if byte == 0x3C {
        index += 1
        let start = index
        while index < bytes.count,
          !(bytes[index] == 0x20 || bytes[index] == 0x3E || bytes[index] == 0x2F || bytes[index] == 0x0A
            || bytes[index] == 0x09 || bytes[index] == 0x0D)
        {
          index += 1
        }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let first = name.utf8.first, first != 0x21 else { return nil }
        if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
        return name
      } else {
        return nil
      }
    }
    return nil
  }

  /// Whether `sample` is XML whose root element is one of `roots` and whose head contains every
  /// one of `markers`.
  static func matches(_ sample: InputSample, roots: Set<String>, markers: [String] = []) -> Bool {
    guard sample.firstSignificantByte == UInt8(ascii: "<"), let root = rootElement(sample), roots.contains(root)
    else { return false }
    let text = sample.text
    return markers.allSatisfy { text.contains($0) }
  }
}
