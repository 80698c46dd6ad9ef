import EarshotModel

/// Damage met while reading one message, placed by byte offset in the message so the reader can
/// name its line in the file.
///
/// Every issue is something the message was read past (a mail client shows such a message too), so
/// readers report it as a warning, except values no message can hold (a date with a 14-digit
/// year), which are errors although the message is still read.
struct MailIssue: Sendable, Hashable {
  /// Byte offset in the message's bytes, or nil when the issue concerns the whole message.
  var offset: Int?
  /// What was wrong and what was done about it.
  var message: String
  /// Whether it is damage rather than a quirk a mail client would pass over.
  var isError = false

  /// Creates an issue at `offset`.
  init(at offset: Int?, _ message: String, isError: Bool = false) {
    self.offset = offset
    self.message = message
    self.isError = isError
  }

  /// The warning for this issue in a message that starts at `start` (line and byte offset in the file).
  func diagnostic(in bytes: [UInt8], start: SourceLocation) -> InputDiagnostic {
    var location = start
    if let offset {
      let end = min(max(offset, 0), bytes.count)
      var lines = 0
      for index in 0..<end where bytes[index] == MailBytes.lf { lines += 1 }
      location.line = (start.line ?? 1) + lines
      // The line is exact; a byte offset would not be in an mbox whose `>From ` lines were unquoted.
      location.byteOffset = nil
      location.column = nil
    }
    return isError ? InputDiagnostic(location, message) : .warning(location, message)
  }
}
