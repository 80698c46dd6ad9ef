import EarshotModel
import Foundation

/// Reads mbox archives (RFC 4155; mboxo and mboxrd): many messages in one file, each after a
/// `From sender date` line, threaded into conversations.
///
/// A message starts at a `From ` line at the start of the file or after a blank line, when a header
/// line follows (the rule that keeps body text starting with "From " from splitting a message).
/// Quoted `>From ` lines lose one `>`, which is right for mboxrd and for the common mboxo case.
public struct MboxReader: TranscriptReader {
  /// `mbox`, the value of `--input-format`.
  public var format: String { "mbox" }
  /// One line for help text.
  public var summary: String { "mbox archive (mboxo/mboxrd): many e-mails in one file, threaded" }

  /// Agent, company and role settings.
  public var options: EmailReaderOptions

  /// Creates the reader.
  public init(options: EmailReaderOptions = EmailReaderOptions()) {
    self.options = options
  }

  /// Whether the file starts with an mbox `From ` line followed by header lines.
  public func sniff(_ sample: InputSample) -> Bool {
    EmailSniffer.looksLikeMbox(sample.head)
  }

  /// Splits the archive, reads each message (damaged ones are diagnosed) and emits one conversation per thread.
  ///
  /// - Throws: `InputDiagnostic` when the file holds no readable message.
  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let data = try file.contents()
    let parser = EmailMessageParser(options: options)
    var messages: [EmailMessage] = []
    var skipped = 0
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let bytes = raw.bindMemory(to: UInt8.self)
      MboxSplitter.split(bytes) { range, line in
        var issues: [MailIssue] = []
        let message = MboxSplitter.unquoted(bytes, range)
        let location = SourceLocation(file: file.path, line: line, byteOffset: range.lowerBound)
        if let parsed = parser.parse(message, location: location, ordinal: messages.count, issues: &issues) {
          messages.append(parsed)
          for issue in issues { diagnose(issue.diagnostic(in: message, start: location)) }
        } else {
          // An empty message between two `From ` lines holds nothing to read; the others are read.
          skipped += 1
          for issue in issues { diagnose(.warning(location, issue.message + "; skipped")) }
        }
      }
    }
    if messages.isEmpty {
      throw InputDiagnostic(
        file: file.path, line: 1,
        skipped > 0
          ? "no readable message in the mbox (\(skipped) empty)"
          : "expected an mbox archive: 'From sender date' lines each followed by a message")
    }
    for conversation in EmailConversationBuilder(options: options).conversations(messages) {
      try emit(conversation)
    }
  }
}

/// Finds message boundaries in an mbox and undoes `>From ` quoting.
enum MboxSplitter {
  /// Calls `body` with each message's byte range (after its `From ` line) and the 1-based line of its header.
  static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Int) -> Void) {
    var messageStart: Int?
    var messageLine = 0
    var lineStart = 0
    var lineNumber = 1
    var previousBlank = true
    while lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != MailBytes.lf { lineEnd += 1 }
      let next = min(lineEnd + 1, bytes.count)
      var contentEnd = lineEnd
      if contentEnd > lineStart && bytes[contentEnd - 1] == MailBytes.cr { contentEnd -= 1 }
      if previousBlank && isFromLine(bytes, lineStart..<contentEnd) && nextLineIsHeader(bytes, from: next) {
        if let start = messageStart { body(start..<trimmedEnd(bytes, start, lineStart), messageLine) }
        messageStart = next
        messageLine = lineNumber + 1
      }
      previousBlank = contentEnd == lineStart
      lineStart = next
      lineNumber += 1
    }
    if let start = messageStart { body(start..<max(start, bytes.count), messageLine) }
  }

  private static func isFromLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
    line.count > 5 && bytes[line.lowerBound] == 0x46 && bytes[line.lowerBound + 1] == 0x72
      && bytes[line.lowerBound + 2] == 0x6F && bytes[line.lowerBound + 3] == 0x6D
      && bytes[line.lowerBound + 4] == MailBytes.space
  }

  private static func nextLineIsHeader(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    var index = start
    var sawName = false
    while index < bytes.count && index - start < 200 {
      let byte = bytes[index]
      if byte == MailBytes.colon { return sawName }
      guard byte > 0x20 && byte < 0x7F else { return false }
      sawName = true
      index += 1
    }
    return false
  }

  /// The blank line before the next `From ` line is the separator, not part of the message.
  private static func trimmedEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    var upper = end
    if upper > start && bytes[upper - 1] == MailBytes.lf { upper -= 1 }
    if upper > start && bytes[upper - 1] == MailBytes.cr { upper -= 1 }
    return upper
  }

  /// The message's bytes with one `>` removed from lines matching `^>+From `.
  static func unquoted(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(range.count)
    var lineStart = range.lowerBound
    while lineStart < range.upperBound {
      var lineEnd = lineStart
      while lineEnd < range.upperBound && bytes[lineEnd] != MailBytes.lf { lineEnd += 1 }
      let next = min(lineEnd + 1, range.upperBound)
      var probe = lineStart
      while probe < lineEnd && bytes[probe] == MailBytes.greaterThan { probe += 1 }
      let quoted =
        probe > lineStart && probe + 5 <= lineEnd && bytes[probe] == 0x46 && bytes[probe + 1] == 0x72
        && bytes[probe + 2] == 0x6F && bytes[probe + 3] == 0x6D && bytes[probe + 4] == MailBytes.space
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(quoted ? lineStart + 1 : lineStart)..<next]))
      lineStart = next
    }
    return output
  }
}
