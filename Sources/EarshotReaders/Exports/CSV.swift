import EarshotModel
import Foundation

/// One CSV record: its fields as UTF-8 bytes and the line it starts on.
struct CSVRecord {
  /// The fields, unquoted (`""` inside quotes already turned into `"`).
  var fields: [[UInt8]]
  /// 1-based line of the record's first byte.
  var line: Int

  /// Field `index` as a string, or "" when the record is shorter.
  func string(_ index: Int) -> String {
    guard index >= 0, index < fields.count else { return "" }
    return String(decoding: fields[index], as: UTF8.self)
  }
}

/// A streaming RFC 4180 CSV reader over bytes: quoted fields may hold delimiters, newlines and
/// doubled quotes.
///
/// Only `\n` ends a record (a `\r` right before it is dropped), so a bare `\r` inside an unquoted
/// field stays part of the text, as in real exports (twcs tweet 3399). The file is read in 64 KiB
/// chunks; memory holds one record at a time.
struct CSVStreamReader {
  private let handle: FileHandle?
  private var buffer: [UInt8]
  private var position = 0
  private var finished: Bool
  private let delimiter: UInt8
  private var line = 1
  /// The path used in diagnostics.
  let path: String

  /// Reads `file` with the given field delimiter.
  init(file: InputFile, delimiter: UInt8 = UInt8(ascii: ",")) throws {
    guard let handle = FileHandle(forReadingAtPath: file.url.path) else {
      throw InputDiagnostic(file: file.path, "cannot open file")
    }
    self.handle = handle
    self.buffer = []
    self.finished = false
    self.delimiter = delimiter
    self.path = file.path
  }

  /// Reads CSV held in memory.
  init(bytes: [UInt8], path: String, delimiter: UInt8 = UInt8(ascii: ",")) {
    self.handle = nil
    self.buffer = bytes
    self.finished = true
    self.delimiter = delimiter
    self.path = path
  }

  /// Closes the file.
  func close() { try? handle?.close() }

  private mutating func refill() -> Bool {
    guard !finished, let handle else { return false }
    let chunk = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
    if chunk.isEmpty {
      finished = true
      return false
    }
    if position > 0 {
      buffer.removeFirst(position)
      position = 0
    }
    buffer.append(contentsOf: chunk)
    return true
  }

  private mutating func peekByte() -> UInt8? {
    if position >= buffer.count, !refill() { return nil }
    return buffer[position]
  }

  /// The next record, or nil at the end of the input.
  ///
  /// Runs of ordinary bytes (inside quotes: anything but a quote; outside: anything but the
  /// delimiter, a quote or a line end) are copied in one step; only the bytes that change the
  /// state are looked at one by one.
  ///
  /// - Throws: `InputDiagnostic` for a quoted field that never closes.
  mutating func next() throws -> CSVRecord? {
    guard peekByte() != nil else { return nil }
    let start = line
    var fields: [[UInt8]] = []
    var field: [UInt8] = []
    var quoted = false
    var wasQuoted = false
    while true {
      if position >= buffer.count, !refill() {
        if quoted {
          throw InputDiagnostic(
            file: path, line: start, "a quoted field opened in the record starting here never closes")
        }
        fields.append(field)
        return CSVRecord(fields: fields, line: start)
      }
      let runStart = position
      var index = position
      if quoted {
        var newlines = 0
        buffer.withUnsafeBufferPointer { bytes in
          while index < bytes.count, bytes[index] != 0x22 {
            if bytes[index] == 0x0A { newlines += 1 }
            index += 1
          }
        }
        field.append(contentsOf: buffer[runStart..<index])
        line += newlines
        position = index
        guard position < buffer.count else { continue }
        position += 1
        if peekByte() == 0x22 {
          position += 1
          field.append(0x22)
        } else {
          quoted = false
        }
        continue
      }
      let delimiter = self.delimiter
      buffer.withUnsafeBufferPointer { bytes in
        while index < bytes.count {
          let byte = bytes[index]
          if byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D { break }
          index += 1
        }
      }
      if index > runStart {
        field.append(contentsOf: buffer[runStart..<index])
        position = index
        continue
      }
      let byte = buffer[position]
      position += 1
      switch byte {
      case 0x22 where field.isEmpty && !wasQuoted:
        quoted = true
        wasQuoted = true
      case delimiter:
        fields.append(field)
        field = []
        wasQuoted = false
      case 0x0A:
        line += 1
        if !wasQuoted, field.last == 0x0D { field.removeLast() }
        fields.append(field)
        return CSVRecord(fields: fields, line: start)
      case 0x0D where wasQuoted && peekByte() == 0x0A:
        continue
      default:
        field.append(byte)
      }
    }
  }
}

/// Small text helpers for exports.
enum ExportText {
  /// Decodes the HTML entities that Twitter and chat exports leave in text (`&amp;`, `&lt;`, `&gt;`,
  /// `&quot;`, `&#39;`, numeric references), with the same table as HTML mail (`HTMLText`):
  /// `&nbsp;` is a plain space there as here.
  static func decodeEntities(_ text: String) -> String {
    HTMLText.decodeEntities(text)
  }
}
