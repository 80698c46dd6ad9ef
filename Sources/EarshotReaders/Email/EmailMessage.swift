import EarshotModel
import Foundation

/// One e-mail, parsed down to what threading and the conversation model need.
///
/// The raw bytes are not kept: a maildir of a million messages holds only these.
struct EmailMessage: Sendable {
  /// `Message-ID` without angle brackets, or a stable id derived from the content when it is missing.
  var id: String
  /// Whether `id` was derived rather than read.
  var idIsDerived: Bool
  var inReplyTo: [String]
  var references: [String]
  var from: EmailAddress?
  var to: [EmailAddress]
  var cc: [EmailAddress]
  var subject: String
  var date: Date?
  /// The `Date` header as written, when it could not be parsed.
  var unparsedDate: String?
  /// What the author wrote, with quotes and signature stripped.
  var text: String
  var strippedQuote: String?
  var strippedSignature: String?
  var forwarded: Bool
  var attachments: [String]
  var signed: Bool
  /// `html` when the text came from an HTML part.
  var textSource: String
  /// `Auto-Submitted` (other than `no`) or `Precedence: bulk/junk/auto_reply`: an automatic message.
  var isAutomatic: Bool
  /// Whether the configured agent header (`X-Agent`, say) is present.
  var hasAgentHeader: Bool
  /// Where the message starts.
  var location: SourceLocation
  /// Read order, to keep sorting stable when dates tie or are missing.
  var ordinal: Int

  /// The parent this message names: `In-Reply-To` first (it is the sender's own claim), else the last reference.
  var claimedParent: String? { inReplyTo.last ?? references.last }
  /// Every id this message links to.
  var links: [String] { references + inReplyTo }
  /// The sender and the recipients.
  var participants: [String] { ([from].compactMap { $0 } + to + cc).map(\.address) }
}

/// Parses the bytes of one message into an `EmailMessage`.
struct EmailMessageParser {
  let options: EmailReaderOptions

  /// Parses `bytes` (one whole message).
  ///
  /// Like Python's `email` parser, this reads whatever a message holds: one without header lines is
  /// all body, one with only MIME headers has no sender. Damage goes to `issues` (each becomes a
  /// warning with its line) and the message is still read.
  ///
  /// - Returns: the message, or nil when the bytes hold nothing but white space (`issues` says so).
  func parse(_ bytes: [UInt8], location: SourceLocation, ordinal: Int, issues: inout [MailIssue]) -> EmailMessage? {
    guard bytes.contains(where: { !MailBytes.isWhitespace($0) }) else {
      issues.append(MailIssue(at: nil, "the message is empty: expected header lines (From:, Date:…) and a body"))
      return nil
    }
    var mime = MIMEParser(bytes: bytes)
    let root = mime.parseEntity(0..<bytes.count)
    let headers = root.headers
    issues += mime.issues
    let body = MessageBodyExtractor(bytes: bytes).extract(root)
    issues += body.issues
    let stripped = QuoteStripper.strip(body.text)
    var quote = stripped.quote
    if !body.enclosed.isEmpty {
      quote = ([quote].compactMap { $0 } + body.enclosed).joined(separator: "\n\n")
    }
    let dateText = headers.text("date")
    var date: Date?
    if let dateText {
      switch EmailDate.read(dateText) {
      case .date(let parsed): date = parsed
      case .invalid(let reason):
        // The message is still read; only its time is unknown. Impossible numbers are errors.
        issues.append(
          MailIssue(
            at: headers.field("date")?.offset, "Date header '\(dateText)' is not a usable date: \(reason)",
            isError: true))
      case .unusable(let reason):
        issues.append(
          MailIssue(at: headers.field("date")?.offset, "Date header '\(dateText)' is not a usable date: \(reason)"))
      }
    }
    let from =
      headers.raw("from").flatMap { EmailAddress.list($0).first }
      ?? headers.raw("sender").flatMap { EmailAddress.list($0).first }
    let subject = headers.text("subject") ?? ""
    let messageID = MessageIDs.list(headers.raw("message-id")).first
    let id =
      messageID
      ?? {
        // Stable across runs: the same message read twice gets the same id.
        let seed = [from?.address ?? "", dateText ?? "", subject, String(stripped.text.prefix(200))].joined(
          separator: "\u{1F}")
        return "derived-" + String(MailBytes.fnv1a(seed.utf8), radix: 16)
      }()
    let auto = headers.text("auto-submitted")?.lowercased()
    let precedence = headers.text("precedence")?.lowercased() ?? ""
    let isAutomatic =
      (auto != nil && auto != "no") || ["bulk", "junk", "auto_reply"].contains(precedence)
      || headers.contains("x-autoreply") || headers.contains("x-autorespond")
    let agentHeader = options.agentHeader.map { $0.lowercased() }
    return EmailMessage(
      id: id, idIsDerived: messageID == nil,
      inReplyTo: MessageIDs.list(headers.raw("in-reply-to")),
      references: MessageIDs.list(headers.raw("references")),
      from: from,
      to: headers.raw("to").map(EmailAddress.list) ?? [],
      cc: headers.raw("cc").map(EmailAddress.list) ?? [],
      subject: subject, date: date, unparsedDate: date == nil ? dateText : nil,
      text: stripped.text, strippedQuote: quote, strippedSignature: stripped.signature,
      forwarded: stripped.forwarded || !body.enclosed.isEmpty, attachments: body.attachments, signed: body.signed,
      textSource: body.source, isAutomatic: isAutomatic,
      hasAgentHeader: agentHeader.map { headers.contains($0) } ?? false,
      location: location, ordinal: ordinal)
  }
}
