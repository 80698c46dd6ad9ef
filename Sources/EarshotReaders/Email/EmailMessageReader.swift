import EarshotModel
import Foundation

/// Reads single RFC 5322 messages: `.eml` files and maildir files (`cur/1700000000.M1P2.host:2,S`),
/// threading all the messages of a folder together.
///
/// The engine groups files by `groupKey(for:)` (the maildir root, or the folder of loose `.eml`
/// files) and reads each group at once, so a reply and the message it answers meet whichever file
/// they are in.
public struct EmailMessageReader: GroupedTranscriptReader {
  /// `email`, the value of `--input-format`.
  public var format: String { "email" }
  /// One line for help text.
  public var summary: String { "RFC 5322 e-mail messages (.eml files, maildir folders), threaded per folder" }

  /// Agent, company and role settings.
  public var options: EmailReaderOptions

  /// Creates the reader.
  public init(options: EmailReaderOptions = EmailReaderOptions()) {
    self.options = options
  }

  /// Whether the file starts with a block of RFC 5322 header lines (any name or extension).
  public func sniff(_ sample: InputSample) -> Bool {
    EmailSniffer.looksLikeMessage(sample.head)
  }

  /// The maildir root (the parent of `cur`, `new` or `tmp`) or, for loose files, their folder.
  public func groupKey(for file: InputFile) -> String {
    let folder = (file.path as NSString).deletingLastPathComponent
    let name = (folder as NSString).lastPathComponent
    if name == "cur" || name == "new" || name == "tmp" {
      let root = (folder as NSString).deletingLastPathComponent
      return root.isEmpty ? "." : root
    }
    return folder.isEmpty ? "." : folder
  }

  /// Reads every message of `files`, threads them together and emits one conversation per thread.
  ///
  /// A file that is not a message, or a damaged part, goes to `diagnose`; the group only throws when
  /// no file at all could be read.
  public func read(
    group files: [InputFile], emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let parser = EmailMessageParser(options: options)
    var messages: [EmailMessage] = []
    var failures: [InputDiagnostic] = []
    for file in files.sorted(by: { $0.path < $1.path }) {
      do {
        let bytes = [UInt8](try file.contents())
        var issues: [MailIssue] = []
        let location = SourceLocation(file: file.path, line: 1, byteOffset: 0)
        let message = parser.parse(bytes, location: location, ordinal: messages.count, issues: &issues)
        guard let message else {
          throw InputDiagnostic(file: file.path, line: 1, issues.first?.message ?? "not an e-mail message")
        }
        // Damage the message was read past: warnings, each with its line.
        for issue in issues { diagnose(issue.diagnostic(in: bytes, start: location)) }
        messages.append(message)
      } catch let diagnostic as InputDiagnostic {
        failures.append(diagnostic)
      }
    }
    // Nothing readable at all: the group failed, and says why.
    if messages.isEmpty, let first = failures.first {
      for other in failures.dropFirst() { diagnose(other) }
      throw first
    }
    for failure in failures { diagnose(failure) }
    for conversation in EmailConversationBuilder(options: options).conversations(messages) {
      try emit(conversation)
    }
  }
}
