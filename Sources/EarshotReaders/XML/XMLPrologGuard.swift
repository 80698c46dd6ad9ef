import EarshotModel
import Foundation

/// Checks an XML document's prolog before any parser sees it, and refuses DOCTYPEs that could
/// expand (billion laughs) or fetch (XXE) anything.
///
/// Accepted: no DOCTYPE, or a DOCTYPE whose internal subset holds only `ELEMENT`, `ATTLIST` and
/// `NOTATION` declarations, comments and processing instructions (the SemEval files). Refused: any
/// `<!ENTITY` declaration, a parameter-entity reference (`%name;`), and a `SYSTEM` or `PUBLIC`
/// identifier (an external DTD). The scan works on bytes and stops at the root element.
enum XMLPrologGuard {
  /// Why a document was refused, and where.
  struct Refusal: Equatable {
    /// 0-based byte offset of the offending construct.
    var offset: Int
    /// What was found and why it is refused.
    var message: String

    /// A diagnostic with the line and column computed from `bytes`.
    func diagnostic(path: String, bytes: ArraySlice<UInt8>) -> InputDiagnostic {
      var line = 1
      var column = 1
      var index = bytes.startIndex
      let end = min(bytes.startIndex + offset, bytes.endIndex)
      while index < end {
        if bytes[index] == 0x0A {
          line += 1
          column = 1
        } else if bytes[index] & 0xC0 != 0x80 {
          column += 1
        }
        index += 1
      }
      return InputDiagnostic(file: path, line: line, column: column, byteOffset: offset, message)
    }
  }

  /// The outcome of inspecting the bytes read so far.
  enum Outcome: Equatable {
    /// The prolog is safe (the root element was reached, or the rest is libxml2's business).
    case safe
    /// The prolog continues past the bytes given.
    case needMore
    /// The document must not be parsed.
    case refused(Refusal)

    var refusal: Refusal? {
      if case .refused(let refusal) = self { return refusal }
      return nil
    }
  }

  /// Reads `file`'s prolog (at most `limit` bytes) and throws when it must be refused.
  static func check(file: InputFile, limit: Int) throws {
    guard let handle = FileHandle(forReadingAtPath: file.url.path) else {
      throw InputDiagnostic(file: file.path, "cannot open file")
    }
    defer { try? handle.close() }
    var bytes: [UInt8] = []
    while true {
      let chunk = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
      bytes.append(contentsOf: chunk)
      let complete = chunk.isEmpty
      switch inspect(bytes[...], complete: complete) {
      case .safe:
        return
      case .refused(let refusal):
        throw refusal.diagnostic(path: file.path, bytes: bytes[...])
      case .needMore:
        if complete { return }
        if bytes.count > limit {
          throw InputDiagnostic(
            file: file.path, line: 1,
            "the DOCTYPE is longer than \(limit) bytes; refusing a document whose prolog cannot be checked")
        }
      }
    }
  }

  /// Inspects the prolog in `bytes`; `complete` says that no more bytes follow.
  static func inspect(_ bytes: ArraySlice<UInt8>, complete: Bool) -> Outcome {
    var scanner = PrologScanner(bytes: bytes)
    return scanner.run(complete: complete)
  }
}

/// A byte cursor over the prolog.
private struct PrologScanner {
  let bytes: ArraySlice<UInt8>
  var index: Int

  init(bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    self.index = bytes.startIndex
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
  }

  var offset: Int { index - bytes.startIndex }

  func has(_ literal: String, at position: Int) -> Bool {
    var cursor = position
    for byte in literal.utf8 {
      guard cursor < bytes.endIndex, bytes[cursor] == byte else { return false }
      cursor += 1
    }
    return true
  }

  /// Whether `literal` could still start at `position` when more bytes arrive.
  func isPrefixAtEnd(_ literal: String, at position: Int) -> Bool {
    let available = bytes.endIndex - position
    guard available < literal.utf8.count else { return false }
    return zip(bytes[position...], literal.utf8).allSatisfy { $0 == $1 }
  }

  mutating func skipSpace() {
    while index < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  /// Moves past the next occurrence of `terminator`; false when it is not in the bytes.
  mutating func skip(past terminator: String) -> Bool {
    let first = terminator.utf8.first ?? 0
    while index < bytes.endIndex {
      if bytes[index] == first, has(terminator, at: index) {
        index += terminator.utf8.count
        return true
      }
      index += 1
    }
    return false
  }

  /// Moves past a markup declaration's closing `>`, stepping over quoted literals.
  mutating func skipDeclaration() -> Bool {
    var quote: UInt8?
    while index < bytes.endIndex {
      let byte = bytes[index]
      index += 1
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == 0x22 || byte == 0x27 {
        quote = byte
      } else if byte == 0x3E {
        return true
      }
    }
    return false
  }

  mutating func run(complete: Bool) -> PrologOutcome {
    skipSpace()
    // The scan reads bytes as ASCII: a document in UTF-16/32 or EBCDIC could hide a declaration from it.
    if index < bytes.endIndex, bytes[index] != 0x3C {
      return .refused(
        XMLPrologGuard.Refusal(
          offset: offset,
          message: "expected an XML document in UTF-8 (or another ASCII-compatible encoding) "
            + "starting with '<'"))
    }
    while true {
      skipSpace()
      guard index < bytes.endIndex else { return complete ? .safe : .needMore }
      if has("<?", at: index) {
        let start = index
        guard skip(past: "?>") else { return complete ? .safe : .needMore }
        if let refusal = checkEncoding(declaration: bytes[start..<index], at: start - bytes.startIndex) {
          return .refused(refusal)
        }
      } else if has("<!--", at: index) {
        guard skip(past: "-->") else { return complete ? .safe : .needMore }
      } else if has("<!DOCTYPE", at: index) {
        switch doctype() {
        case .safe: continue
        case let other: return other == .needMore && complete ? .safe : other
        }
      } else if isPrefixAtEnd("<!DOCTYPE", at: index) || isPrefixAtEnd("<!--", at: index) {
        return complete ? .safe : .needMore
      } else {
        // The root element (or something libxml2 will reject with its own message).
        return .safe
      }
    }
  }

  /// Encodings whose bytes for `<!ENTITY` are the ASCII bytes this scan looks for.
  static let asciiCompatible: [String] = [
    "utf-8", "utf8", "us-ascii", "ascii", "iso-8859-", "latin", "windows-125", "cp125",
  ]

  /// Refuses an XML declaration naming an encoding that is not ASCII-compatible (UTF-7, UTF-16, EBCDIC).
  func checkEncoding(declaration: ArraySlice<UInt8>, at position: Int) -> XMLPrologGuard.Refusal? {
    let text = String(decoding: declaration, as: UTF8.self)
    guard text.hasPrefix("<?xml"), let range = text.range(of: "encoding") else { return nil }
    let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
    let name = rest.prefix { $0 != "\"" && $0 != "'" && $0 != " " && $0 != "?" }.lowercased()
    guard !PrologScanner.asciiCompatible.contains(where: { name.hasPrefix($0) }) else { return nil }
    return XMLPrologGuard.Refusal(
      offset: position,
      message: "the XML declaration names encoding '\(name)'; only UTF-8 and other "
        + "ASCII-compatible encodings are read")
  }

  /// Scans `<!DOCTYPE name [ExternalID] [internal subset]>`.
  mutating func doctype() -> PrologOutcome {
    let start = offset
    index += "<!DOCTYPE".utf8.count
    skipSpace()
    while index < bytes.endIndex, ![0x20, 0x09, 0x0A, 0x0D, 0x5B, 0x3E].contains(bytes[index]) { index += 1 }
    skipSpace()
    guard index < bytes.endIndex else { return .needMore }
    if has("SYSTEM", at: index) || has("PUBLIC", at: index) {
      return .refused(
        XMLPrologGuard.Refusal(
          offset: start,
          message:
            "the DOCTYPE names an external DTD (SYSTEM/PUBLIC identifier); external entities and DTDs are refused "
            + "so that nothing is fetched"))
    }
    if bytes[index] == 0x5B {
      index += 1
      while true {
        skipSpace()
        guard index < bytes.endIndex else { return .needMore }
        let position = offset
        if bytes[index] == 0x5D {
          index += 1
          skipSpace()
          guard index < bytes.endIndex else { return .needMore }
          guard bytes[index] == 0x3E else { return .safe }
          index += 1
          return .safe
        } else if has("<!--", at: index) {
          guard skip(past: "-->") else { return .needMore }
        } else if has("<?", at: index) {
          guard skip(past: "?>") else { return .needMore }
        } else if has("<!ENTITY", at: index) {
          return .refused(
            XMLPrologGuard.Refusal(
              offset: position,
              message:
                "the DTD declares an entity (<!ENTITY); entity declarations are refused (entity expansion attacks, "
                + "external entities)"))
        } else if bytes[index] == 0x25 {
          return .refused(
            XMLPrologGuard.Refusal(
              offset: position, message: "the DTD uses a parameter entity (%name;); refused"))
        } else if has("<!", at: index) {
          guard skipDeclaration() else { return .needMore }
        } else if isPrefixAtEnd("<!ENTITY", at: index) {
          return .needMore
        } else {
          // Not a declaration: let libxml2 report the syntax error with its position.
          return .safe
        }
      }
    }
    guard skipDeclaration() else { return .needMore }
    return .safe
  }
}

private typealias PrologOutcome = XMLPrologGuard.Outcome
