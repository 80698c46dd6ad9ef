/// Reduces HTML to the text a reader sees: the one converter for HTML mail parts and the HTML
/// bodies of vendor exports (Intercom, Zendesk), so both read the same markup the same way.
///
/// Block elements become line breaks, `<li>` a dash, `<blockquote>` a `> ` prefix (so quoted
/// replies are stripped like plain-text ones), entities are decoded (`&nbsp;` and the other
/// spaces as a plain space, so words split by them still split), and the contents of `script`,
/// `style`, `head` and comments are dropped. Attribute values never leak into the text. Works on
/// UTF-8 bytes; tag and entity names are ASCII.
enum HTMLText {
  private static let blockTags: Set<String> = [
    "p", "div", "br", "tr", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
    "dl", "dt", "dd", "section", "article", "header", "footer", "address", "center", "form", "fieldset", "body",
    "html", "tbody", "thead", "tfoot", "caption", "figure", "figcaption", "nav", "aside", "main",
  ]
  private static let droppedTags: Set<String> = ["script", "style", "head", "title", "template", "noscript", "svg"]

  private static let entities: [String: UInt32] = [
    "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0x20, "copy": 0xA9, "reg": 0xAE,
    "trade": 0x2122, "hellip": 0x2026, "mdash": 0x2014, "ndash": 0x2013, "lsquo": 0x2018, "rsquo": 0x2019,
    "ldquo": 0x201C, "rdquo": 0x201D, "laquo": 0xAB, "raquo": 0xBB, "euro": 0x20AC, "pound": 0xA3, "yen": 0xA5,
    "cent": 0xA2, "middot": 0xB7, "bull": 0x2022, "deg": 0xB0, "times": 0xD7, "iexcl": 0xA1, "iquest": 0xBF,
    "szlig": 0xDF, "agrave": 0xE0, "aacute": 0xE1, "acirc": 0xE2, "atilde": 0xE3, "auml": 0xE4, "aring": 0xE5,
    "aelig": 0xE6, "ccedil": 0xE7, "egrave": 0xE8, "eacute": 0xE9, "ecirc": 0xEA, "euml": 0xEB, "igrave": 0xEC,
    "iacute": 0xED, "icirc": 0xEE, "iuml": 0xEF, "ntilde": 0xF1, "ograve": 0xF2, "oacute": 0xF3, "ocirc": 0xF4,
    "otilde": 0xF5, "ouml": 0xF6, "oslash": 0xF8, "ugrave": 0xF9, "uacute": 0xFA, "ucirc": 0xFB, "uuml": 0xFC,
    "yacute": 0xFD, "Auml": 0xC4, "Ouml": 0xD6, "Uuml": 0xDC, "Eacute": 0xC9, "zwnj": 0x200C, "zwj": 0x200D,
    "shy": 0xAD, "ensp": 0x20, "emsp": 0x20, "thinsp": 0x20,
  ]

  /// `text` with its character references decoded and nothing else changed (for text that is not
  /// HTML but carries entities, as tweets and chat exports do): the same table as `text(_:)`;
  /// unknown or malformed references stay as written.
  static func decodeEntities(_ text: String) -> String {
    let input = Array(text.utf8)
    guard input.contains(0x26) else { return text }
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var index = 0
    while index < input.count {
      if input[index] == 0x26, let (value, next) = entity(in: input, at: index) {
        Charsets.appendUTF8(value, to: &output)
        index = next
      } else {
        output.append(input[index])
        index += 1
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// The scalar of the reference starting with `&` at `start`, and the index after its `;`.
  fileprivate static func entity(in input: [UInt8], at start: Int) -> (UInt32, Int)? {
    var probe = start + 1
    while probe < input.count && probe - start <= 10 && input[probe] != 0x3B && !MailBytes.isWhitespace(input[probe]) {
      probe += 1
    }
    guard probe < input.count, input[probe] == 0x3B, probe > start + 1 else { return nil }
    let name = String(decoding: input[(start + 1)..<probe], as: UTF8.self)
    var scalar: UInt32?
    if name.hasPrefix("#x") || name.hasPrefix("#X") {
      scalar = UInt32(name.dropFirst(2), radix: 16)
    } else if name.hasPrefix("#") {
      scalar = UInt32(name.dropFirst())
    } else {
      scalar = entities[name] ?? entities[name.lowercased()]
    }
    guard let value = scalar, value > 0, value < 0x110000, !(0xD800..<0xE000).contains(value) else { return nil }
    // A no-break space (`&#160;` as well as `&nbsp;`) separates words like any space.
    return (value == 0xA0 ? 0x20 : value, probe + 1)
  }

  /// The readable text of `html`.
  static func text(_ html: String) -> String {
    var reducer = Reducer(input: Array(html.utf8))
    reducer.run()
    return String(decoding: reducer.finish(), as: UTF8.self)
  }

  private struct Reducer {
    let input: [UInt8]
    var output: [UInt8] = []
    var index = 0
    var quoteDepth = 0
    var preDepth = 0
    var atLineStart = true
    var pendingSpace = false
    var pendingBreaks = 0

    init(input: [UInt8]) {
      self.input = input
      output.reserveCapacity(input.count / 2)
    }

    mutating func run() {
      while index < input.count {
        let byte = input[index]
        if byte == 0x3C, index + 1 < input.count {
          let next = input[index + 1]
          if next == 0x21 {
            skipDeclaration()
            continue
          }
          if next == 0x2F || (next | 0x20 >= 0x61 && next | 0x20 <= 0x7A) {
            handleTag()
            continue
          }
        }
        if byte == 0x26 {
          decodeEntity()
          continue
        }
        emitText(byte)
        index += 1
      }
    }

    mutating func finish() -> [UInt8] {
      while let last = output.last, MailBytes.isWhitespace(last) { output.removeLast() }
      return output
    }

    /// `<!-- … -->`, `<!DOCTYPE …>`, `<![CDATA[…]]>`.
    mutating func skipDeclaration() {
      if index + 3 < input.count && input[index + 2] == 0x2D && input[index + 3] == 0x2D {
        var probe = index + 4
        while probe + 2 < input.count && !(input[probe] == 0x2D && input[probe + 1] == 0x2D && input[probe + 2] == 0x3E)
        {
          probe += 1
        }
        index = min(probe + 3, input.count)
      } else {
        while index < input.count && input[index] != 0x3E { index += 1 }
        index += 1
      }
    }

    /// Reads a tag (respecting quoted attribute values, which may hold `>`) and acts on it.
    mutating func handleTag() {
      var probe = index + 1
      let closing = input[probe] == 0x2F
      if closing { probe += 1 }
      let nameStart = probe
      while probe < input.count, isNameByte(input[probe]) { probe += 1 }
      let name = String(decoding: input[nameStart..<probe].map(MailBytes.lower), as: UTF8.self)
      var quote: UInt8 = 0
      while probe < input.count {
        let byte = input[probe]
        if quote != 0 {
          if byte == quote { quote = 0 }
        } else if byte == 0x22 || byte == 0x27 {
          quote = byte
        } else if byte == 0x3E {
          break
        }
        probe += 1
      }
      index = min(probe + 1, input.count)
      if !closing && HTMLText.droppedTags.contains(name) {
        skipUntilClosing(name)
        return
      }
      apply(name, closing: closing)
    }

    func isNameByte(_ byte: UInt8) -> Bool {
      (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x3A
    }

    mutating func skipUntilClosing(_ name: String) {
      let needle = Array(("</" + name).utf8)
      while index < input.count {
        if input[index] == 0x3C, MailBytes.hasPrefix(input, index..<input.count, needle) {
          while index < input.count && input[index] != 0x3E { index += 1 }
          index += 1
          return
        }
        index += 1
      }
    }

    mutating func apply(_ name: String, closing: Bool) {
      switch name {
      case "br":
        lineBreak(1)
      case "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl":
        lineBreak(2)
      case "li":
        if !closing {
          lineBreak(1)
          appendRaw(Array("- ".utf8))
        } else {
          lineBreak(1)
        }
      case "blockquote":
        lineBreak(1)
        quoteDepth = max(0, quoteDepth + (closing ? -1 : 1))
      case "pre":
        lineBreak(1)
        preDepth = max(0, preDepth + (closing ? -1 : 1))
      case "td", "th":
        if closing { pendingSpace = true }
      case "hr":
        lineBreak(1)
        appendRaw(Array("----".utf8))
        lineBreak(1)
      default:
        if HTMLText.blockTags.contains(name) { lineBreak(1) }
      }
    }

    mutating func lineBreak(_ count: Int) {
      pendingSpace = false
      guard !output.isEmpty else { return }
      pendingBreaks = max(pendingBreaks, count)
    }

    mutating func flushBreaks() {
      if pendingBreaks > 0 {
        while let last = output.last, last == MailBytes.space { output.removeLast() }
        for _ in 0..<pendingBreaks { output.append(MailBytes.lf) }
        pendingBreaks = 0
        atLineStart = true
        pendingSpace = false
      }
      if atLineStart {
        for _ in 0..<quoteDepth { output.append(contentsOf: [MailBytes.greaterThan, MailBytes.space]) }
        atLineStart = false
      }
    }

    mutating func appendRaw(_ bytes: [UInt8]) {
      flushBreaks()
      output.append(contentsOf: bytes)
    }

    mutating func emitText(_ byte: UInt8) {
      if preDepth > 0 {
        if byte == MailBytes.lf {
          output.append(byte)
          atLineStart = true
          return
        }
        flushBreaks()
        output.append(byte)
        return
      }
      if MailBytes.isWhitespace(byte) {
        if !atLineStart || pendingBreaks == 0 { pendingSpace = !output.isEmpty }
        return
      }
      flushBreaks()
      if pendingSpace, let last = output.last, last != MailBytes.space, last != MailBytes.lf {
        output.append(MailBytes.space)
      }
      pendingSpace = false
      output.append(byte)
    }

    mutating func decodeEntity() {
      guard let (value, next) = HTMLText.entity(in: input, at: index) else {
        emitText(input[index])
        index += 1
        return
      }
      index = next
      if value == 0x20 {
        emitText(MailBytes.space)
        return
      }
      var encoded: [UInt8] = []
      Charsets.appendUTF8(value, to: &encoded)
      for byte in encoded { emitText(byte) }
    }
  }
}
