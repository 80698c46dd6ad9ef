/// Finds where JSON text first goes wrong and what was expected there.
///
/// Foundation's decoder says only "not valid JSON"; this scanner walks the bytes (building no
/// values) to report the line, column and the token it expected, for diagnostics.
public struct JSONSyntaxLocator {
  /// The first syntax error.
  public struct Problem: Error, Equatable, Sendable {
    /// 1-based line.
    public var line: Int
    /// 1-based column (in bytes).
    public var column: Int
    /// What was expected and what was found.
    public var message: String
    /// 0-based byte offset of the problem.
    public var offset: Int
  }

  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

  /// The first problem in `bytes`, or nil when they are valid JSON (one value, optional white space).
  public static func locate(_ bytes: [UInt8]) -> Problem? {
    var locator = JSONSyntaxLocator(bytes: bytes)
    do {
      locator.skipSpace()
      if locator.index < bytes.count, bytes[locator.index] == 0xEF { locator.index += 3 }  // byte-order mark
      try locator.value()
      locator.skipSpace()
      if locator.index < bytes.count { throw locator.problem("expected the end of the document") }
      return nil
    } catch let problem as Problem {
      return problem
    } catch {
      return nil
    }
  }

  private init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  private func problem(_ expected: String) -> Problem {
    var line = 1
    var column = 1
    for byte in bytes[..<min(index, bytes.count)] {
      if byte == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    let found: String
    if index >= bytes.count {
      found = "the end of the file"
    } else {
      let scalar = bytes[index]
      found =
        scalar >= 0x20 && scalar < 0x7F
        ? "'\(Character(Unicode.Scalar(scalar)))'" : "byte 0x" + String(scalar, radix: 16)
    }
    return Problem(line: line, column: column, message: "\(expected), found \(found)", offset: index)
  }

  private mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws {
    skipSpace()
    guard index < bytes.count, bytes[index] == byte else { throw problem("expected \(what)") }
    index += 1
  }

  private mutating func value() throws {
    skipSpace()
    guard index < bytes.count else { throw problem("expected a value") }
    depth += 1
    defer { depth -= 1 }
    if depth > 512 { throw problem("expected nesting shallower than 512 levels") }
    switch bytes[index] {
    case UInt8(ascii: "{"): try object()
    case UInt8(ascii: "["): try array()
    case UInt8(ascii: "\""): try string()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    default: throw problem("expected a value (object, array, string, number, true, false or null)")
    }
  }

  private mutating func object() throws {
    index += 1
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw problem("expected a quoted key") }
      try string()
      try expect(UInt8(ascii: ":"), "':' after the key")
      try value()
      skipSpace()
      guard index < bytes.count else { throw problem("expected ',' or '}'") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return
      } else {
        throw problem("expected ',' or '}' after the value")
      }
    }
  }

  private mutating func array() throws {
    index += 1
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return
    }
    while true {
      try value()
      skipSpace()
      guard index < bytes.count else { throw problem("expected ',' or ']'") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return
      } else {
        throw problem("expected ',' or ']' after the value")
      }
    }
  }

  private mutating func string() throws {
    index += 1
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""):
        index += 1
        return
      case UInt8(ascii: "\\"):
        index += 2
      case 0x00..<0x20:
        throw problem("expected a closing quote before the line break (control characters must be escaped)")
      case 0x80...:
        let length = UTF8Validation.sequenceLength(bytes, at: index)
        guard length > 0 else {
          throw problem("expected UTF-8 text (this byte does not start a valid UTF-8 character)")
        }
        index += length
      default:
        index += 1
      }
    }
    throw problem("expected a closing quote")
  }

  private mutating func literal(_ word: StaticString) throws {
    let expected = word.withUTF8Buffer { Array($0) }
    guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
      throw problem("expected \(word)")
    }
    index += expected.count
  }

  private mutating func number() throws {
    let start = index
    while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
    guard Double(String(decoding: bytes[start..<index], as: UTF8.self)) != nil else {
      index = start
      throw problem("expected a number")
    }
  }
}
