import Foundation

/// One header field, unfolded, its value still raw (encoded words not yet decoded).
struct HeaderField: Sendable {
  /// The lowercased field name.
  var name: String
  /// The value after the colon, with folding line breaks removed.
  var value: [UInt8]
  /// Where the field's line starts in the bytes it was read from, for warnings that name its line.
  var offset: Int = 0
}

/// A message's or a MIME part's header block.
struct MessageHeaders: Sendable {
  var fields: [HeaderField] = []

  /// The raw value of the first field named `name` (lowercase).
  func raw(_ name: String) -> [UInt8]? {
    fields.first { $0.name == name }?.value
  }

  /// The first field named `name` (lowercase).
  func field(_ name: String) -> HeaderField? {
    fields.first { $0.name == name }
  }

  /// The decoded, trimmed text of the first field named `name` (lowercase).
  func text(_ name: String) -> String? {
    guard let raw = raw(name) else { return nil }
    return collapseWhitespace(EncodedWords.decode(raw))
  }

  /// Whether a field named `name` (lowercase) is present.
  func contains(_ name: String) -> Bool { fields.contains { $0.name == name } }

  /// Runs of white space become one space; ends are trimmed. Bytes, not characters: this runs per header.
  private func collapseWhitespace(_ text: String) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for byte in text.utf8 {
      if MailBytes.isWhitespace(byte) {
        pendingSpace = !output.isEmpty
      } else {
        if pendingSpace { output.append(MailBytes.space) }
        pendingSpace = false
        output.append(byte)
      }
    }
    return String(decoding: output, as: UTF8.self)
  }
}

/// Reads RFC 5322 header blocks: `Name: value` lines, folded continuation lines, a blank line.
enum HeaderParser {
  /// The result of reading a header block.
  struct Result {
    var headers: MessageHeaders
    /// Where the body starts (after the blank line, or where the header lines stopped).
    var bodyStart: Int
    /// Whether the header lines stopped at a line that is not a field, with no blank line before
    /// it (Python's `MissingHeaderBodySeparatorDefect`): that line is read as the body's first.
    var separatorMissing = false
  }

  /// Parses the header block of `bytes[range]`.
  ///
  /// A first line in mbox `From ` form is skipped. Parsing stops at the blank line; a line that is
  /// neither a field nor a continuation also ends the block (lenient, as mail readers are).
  static func parse(_ bytes: [UInt8], in range: Range<Int>) -> Result {
    var headers = MessageHeaders()
    var index = range.lowerBound
    var first = true
    while index < range.upperBound {
      var lineEnd = index
      while lineEnd < range.upperBound && bytes[lineEnd] != MailBytes.lf { lineEnd += 1 }
      let next = min(lineEnd + 1, range.upperBound)
      var contentEnd = lineEnd
      if contentEnd > index && bytes[contentEnd - 1] == MailBytes.cr { contentEnd -= 1 }
      defer { first = false }
      if contentEnd == index {
        return Result(headers: headers, bodyStart: next)
      }
      let lead = bytes[index]
      if (lead == MailBytes.space || lead == MailBytes.tab) && !headers.fields.isEmpty {
        // Unfolding removes only the line break; the white space that starts the line stays.
        headers.fields[headers.fields.count - 1].value.append(contentsOf: bytes[index..<contentEnd])
      } else if let colon = fieldNameEnd(bytes, index..<contentEnd) {
        let name = String(decoding: bytes[index..<colon].map(MailBytes.lower), as: UTF8.self)
          .trimmingTrailingSpaces()
        var valueStart = colon + 1
        while valueStart < contentEnd && (bytes[valueStart] == MailBytes.space || bytes[valueStart] == MailBytes.tab) {
          valueStart += 1
        }
        headers.fields.append(
          HeaderField(name: name, value: Array(bytes[valueStart..<contentEnd]), offset: index))
      } else if first && MailBytes.hasPrefix(bytes, index..<contentEnd, Array("from ".utf8)) {
        // An mbox `From ` envelope line kept at the top of a maildir file or .eml.
      } else {
        return Result(headers: headers, bodyStart: index, separatorMissing: true)
      }
      index = next
    }
    return Result(headers: headers, bodyStart: range.upperBound)
  }

  /// The index of the colon ending a valid field name at the start of `range` (RFC 5322 ftext:
  /// printable ASCII except colon; obsolete syntax allows spaces before the colon).
  static func fieldNameEnd(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = bytes[index]
      if byte == MailBytes.colon { break }
      guard byte > 0x20 && byte < 0x7F else {
        // `Subject :` (obsolete): spaces may only sit right before the colon.
        var probe = index
        while probe < range.upperBound && (bytes[probe] == MailBytes.space || bytes[probe] == MailBytes.tab) {
          probe += 1
        }
        if probe > index && probe < range.upperBound && bytes[probe] == MailBytes.colon && index > range.lowerBound {
          return probe
        }
        return nil
      }
      index += 1
    }
    guard index < range.upperBound, index > range.lowerBound else { return nil }
    return index
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " || text.last == "\t" { text.removeLast() }
    return text
  }
}
