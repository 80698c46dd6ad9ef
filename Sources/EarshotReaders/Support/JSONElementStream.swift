import EarshotModel

/// A place in a file: 0-based byte offset, 1-based line and byte column.
struct JSONPosition: Sendable, Hashable {
  var offset: Int
  var line: Int
  var column: Int

  /// The start of a file.
  static let start = JSONPosition(offset: 0, line: 1, column: 1)

  /// The position `relative` bytes after this one inside `bytes` (which start here).
  func advanced(by relative: Int, in bytes: [UInt8]) -> JSONPosition {
    var position = self
    let end = min(max(relative, 0), bytes.count)
    var lineStart = -1
    for index in 0..<end where bytes[index] == 0x0A {
      position.line += 1
      lineStart = index
    }
    position.offset += end
    position.column = lineStart < 0 ? column + end : end - lineStart
    return position
  }

  /// The location of this position in `file`.
  func location(_ file: String) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column, byteOffset: offset)
  }
}

/// One top-level value of a JSON document: the document itself, or one element of a top-level array.
struct JSONElement {
  /// The value's bytes (exactly the value, no surrounding white space).
  var bytes: [UInt8]
  /// Where the value starts in the file.
  var start: JSONPosition
  /// Its index in the top-level array (0 for a document that is not an array).
  var index: Int
  /// Elements of the value's `"turns"` array, kept or not (when the stream caps turns).
  var turnCount = 0
  /// Where the first turn left out starts, when the stream's `turnLimit` cut the `"turns"` array.
  var firstLeftOut: JSONPosition?
}

/// A syntax problem found between values, or a value cut short by the end of the file.
struct JSONStreamProblem: Error {
  var position: JSONPosition
  var message: String
  /// The bytes of a value that the end of the file cut short, for a precise diagnostic.
  var partial: JSONElement?
}

/// Finds the top-level values of a JSON file while reading it in chunks.
///
/// A document whose top level is an array yields its elements one at a time; any other document is
/// one element. Only the element being scanned is held (plus one read buffer), so a 200 MB array
/// on one line costs the size of its largest element. The scanner tracks only string, escape and
/// nesting state to find where each element ends; the element's bytes are then decoded on their
/// own, and a decoder error inside them is located with `JSONSyntaxLocator`.
struct JSONElementStream {
  private enum Phase {
    /// Before the first significant byte of the document.
    case start
    /// Inside the top-level array, before an element (`afterComma`: a `]` here is an error).
    case arrayElement(afterComma: Bool)
    /// Inside the top-level array, after an element.
    case arraySeparator
    /// The top-level value is not an array: it is the one element.
    case single
    /// After the document: only white space may follow.
    case end
  }

  private let reader: ChunkedFileReader
  private var position = 0
  private var phase = Phase.start
  private var nextIndex = 0
  /// The file offset just after the last newline seen (for byte columns).
  private var lineStartOffset = 0
  private var line = 1

  /// When set, an element that is an object keeps only the first `turnLimit` elements of its
  /// top-level `"turns"` array: later ones are scanned and counted (`JSONElement.turnCount`) but
  /// their bytes are not kept, so a conversation of millions of turns costs the limit's worth of
  /// memory. Syntax inside the left-out turns is not checked.
  var turnLimit: Int?

  /// Streams `file`.
  init(file: InputFile, chunkSize: Int = ChunkedFileReader.defaultChunkSize) throws {
    reader = try ChunkedFileReader(file: file, chunkSize: chunkSize)
  }

  /// Streams the one value that starts at `start` (a line of a JSON Lines file); positions in
  /// elements and problems are the file's.
  init(file: InputFile, startingAt start: JSONPosition, chunkSize: Int = ChunkedFileReader.defaultChunkSize) throws {
    reader = try ChunkedFileReader(file: file, chunkSize: chunkSize, startingAt: start.offset)
    line = start.line
    lineStartOffset = start.offset - (start.column - 1)
  }

  /// Whether the top level of the document is an array (known once the first element was asked for).
  private(set) var isArray = false

  private var here: JSONPosition {
    let offset = reader.chunkOffset + position
    return JSONPosition(offset: offset, line: line, column: offset - lineStartOffset + 1)
  }

  /// The next significant byte, skipping white space (and a byte-order mark at the very start).
  private mutating func peekSignificant() throws -> UInt8? {
    while true {
      if position >= reader.count {
        guard try reader.readChunk() else { return nil }
        position = 0
      }
      let byte = reader.buffer[position]
      switch byte {
      case 0x20, 0x09, 0x0D:
        position += 1
      case 0x0A:
        position += 1
        line += 1
        lineStartOffset = reader.chunkOffset + position
      case 0xEF
      where reader.chunkOffset + position == 0 && reader.count >= 3 && reader.buffer[1] == 0xBB
        && reader.buffer[2] == 0xBF:
        // A UTF-8 byte-order mark: skipped as Foundation's decoder does.
        position += 3
        lineStartOffset = 3
      default:
        return byte
      }
    }
  }

  private func describe(_ byte: UInt8?) -> String {
    guard let byte else { return "the end of the file" }
    return byte >= 0x20 && byte < 0x7F
      ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16)
  }

  /// The next top-level element, or nil after the last one.
  ///
  /// - Throws: `JSONStreamProblem` for a syntax error between elements or a file that ends inside
  ///   one; `InputDiagnostic` when the file cannot be read.
  mutating func next() throws -> JSONElement? {
    while true {
      switch phase {
      case .start:
        guard let byte = try peekSignificant() else {
          throw JSONStreamProblem(position: here, message: "expected a value, found the end of the file")
        }
        if byte == UInt8(ascii: "[") {
          isArray = true
          position += 1
          phase = .arrayElement(afterComma: false)
        } else {
          phase = .single
        }
      case .arrayElement(let afterComma):
        let byte = try peekSignificant()
        if byte == UInt8(ascii: "]") && !afterComma {
          position += 1
          phase = .end
          continue
        }
        guard let byte, byte != UInt8(ascii: "]"), byte != UInt8(ascii: ",") else {
          throw JSONStreamProblem(position: here, message: "expected a value, found \(describe(byte))")
        }
        let element = try scanElement()
        phase = .arraySeparator
        return element
      case .arraySeparator:
        let byte = try peekSignificant()
        if byte == UInt8(ascii: ",") {
          position += 1
          phase = .arrayElement(afterComma: true)
        } else if byte == UInt8(ascii: "]") {
          position += 1
          phase = .end
        } else {
          throw JSONStreamProblem(
            position: here, message: "expected ',' or ']' after the array element, found \(describe(byte))")
        }
      case .single:
        guard try peekSignificant() != nil else { return nil }
        let element = try scanElement()
        phase = .end
        return element
      case .end:
        if let byte = try peekSignificant() {
          throw JSONStreamProblem(
            position: here, message: "expected the end of the document, found \(describe(byte))")
        }
        return nil
      }
    }
  }

  /// Scans one value starting at the current (significant) byte and returns its bytes.
  private mutating func scanElement() throws -> JSONElement {
    let start = here
    var bytes: [UInt8] = []
    var depth = 0
    var inString = false
    var escaped = false
    let scalar = !(reader.buffer[position] == UInt8(ascii: "{") || reader.buffer[position] == UInt8(ascii: "["))
    // The turn cap (see `turnLimit`): which key a string at depth 1 spelled, whether the scan is in
    // the `"turns"` array (depth 2), how many of its elements began, and whether bytes are dropped.
    let limit = scalar || reader.buffer[position] != UInt8(ascii: "{") ? nil : turnLimit
    let turnsKey = Array("turns".utf8)
    var keyMatch = -1
    var afterTurnsKey = false
    var inTurns = false
    var turnsSeen = 0
    var turnPending = false
    var dropping = false
    var firstLeftOut: JSONPosition?
    while true {
      if position >= reader.count {
        guard try reader.readChunk() else {
          let element = JSONElement(bytes: bytes, start: start, index: nextIndex)
          if scalar && !inString { break }
          throw JSONStreamProblem(
            position: here, message: "the file ends inside a value", partial: element)
        }
        position = 0
      }
      var keepFrom: Int? = dropping ? nil : position
      var done = false
      var index = position
      let count = reader.count
      reader.buffer.withUnsafeBufferPointer { buffer in
        while index < count {
          let byte = buffer[index]
          if inString {
            if escaped {
              escaped = false
            } else if byte == 0x5C {
              escaped = true
              keyMatch = -1
            } else if byte == 0x22 {
              inString = false
              if limit != nil && depth == 1 { afterTurnsKey = keyMatch == turnsKey.count }
            } else {
              if byte == 0x0A {
                line += 1
                lineStartOffset = reader.chunkOffset + index + 1
              }
              if limit != nil && depth == 1 {
                keyMatch = keyMatch >= 0 && keyMatch < turnsKey.count && turnsKey[keyMatch] == byte ? keyMatch + 1 : -1
              }
            }
            index += 1
            continue
          }
          if inTurns && depth == 2 && turnPending == false {
            // The first significant byte of an element of the turns array (not its `]`).
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","), UInt8(ascii: "]"): break
            default:
              turnPending = true
              turnsSeen += 1
              if let limit, turnsSeen > limit, !dropping {
                // Keep the bytes up to the comma before this turn; drop from there to the `]`.
                dropping = true
                firstLeftOut = JSONPosition(
                  offset: reader.chunkOffset + index, line: line,
                  column: reader.chunkOffset + index - lineStartOffset + 1)
                let from = keepFrom ?? index
                var comma = index
                while comma > from, buffer[comma - 1] != UInt8(ascii: ",") { comma -= 1 }
                if comma > from {
                  bytes.append(contentsOf: buffer[from..<(comma - 1)])
                } else if let kept = bytes.lastIndex(of: UInt8(ascii: ",")) {
                  // The comma came in an earlier chunk: take it back with the white space after it.
                  bytes.removeSubrange(kept...)
                }
                keepFrom = nil
              }
            }
          }
          switch byte {
          case 0x22:
            inString = true
            keyMatch = 0
          case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
            if depth == 2 && byte == UInt8(ascii: "[") && afterTurnsKey { inTurns = true }
          case UInt8(ascii: "}"), UInt8(ascii: "]"):
            if scalar {
              done = true
              return
            }
            depth -= 1
            if inTurns && depth == 1 {
              inTurns = false
              if dropping {
                dropping = false
                keepFrom = index
              }
            }
            if depth == 0 {
              index += 1
              done = true
              return
            }
          case UInt8(ascii: ","), 0x20, 0x09, 0x0D, 0x0A:
            if scalar {
              done = true
              return
            }
            if byte == 0x0A {
              line += 1
              lineStartOffset = reader.chunkOffset + index + 1
            }
            if byte == UInt8(ascii: ",") && inTurns && depth == 2 { turnPending = false }
          default:
            break
          }
          if depth == 1 && byte != 0x22 && byte > 0x20 { afterTurnsKey = afterTurnsKey && byte == UInt8(ascii: ":") }
          index += 1
        }
      }
      if let keepFrom { bytes.append(contentsOf: reader.buffer[keepFrom..<index]) }
      position = index
      if done { break }
    }
    defer { nextIndex += 1 }
    return JSONElement(
      bytes: bytes, start: start, index: nextIndex, turnCount: turnsSeen, firstLeftOut: firstLeftOut)
  }
}

extension JSONElementStream {
  /// Decodes each element with `decode` and hands the value to `use`. A stream problem (bad syntax
  /// between elements, invalid UTF-8, a cut-off file) ends the file with its place, and so does a
  /// syntax error inside an element; any other error of `decode` goes to `recover` as a located
  /// diagnostic, with whether the document is an array (`recover` may rethrow it to end the file,
  /// or report it and go on). Errors of `use` (the consumer's) pass through untouched.
  mutating func forEachElement<Value>(
    of file: InputFile, decode: (JSONElement) throws -> Value,
    recover: (_ diagnostic: InputDiagnostic, _ isArray: Bool) throws -> Void, use: (Value) throws -> Void
  ) throws {
    while true {
      let element: JSONElement
      do {
        guard let next = try next() else { return }
        element = next
      } catch let problem as JSONStreamProblem {
        throw DecodingErrorText.diagnostic(problem, file: file)
      }
      let value: Value
      do {
        value = try decode(element)
      } catch {
        if let syntax = DecodingErrorText.syntax(element.bytes, file: file, start: element.start) { throw syntax }
        try recover(
          DecodingErrorText.diagnostic(error, file: file, bytes: element.bytes, start: element.start), isArray)
        continue
      }
      try use(value)
    }
  }
}
