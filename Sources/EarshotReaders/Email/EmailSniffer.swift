/// Recognizes e-mail by its content: a block of real RFC 5322 header lines, or an mbox `From ` line
/// followed by one. Chat logs (`Customer: hello`) and JSON are not mail: their labels are not
/// header names, and at least one header that only mail has (`From`, `Date`, `Message-ID`,
/// `Received`, `MIME-Version`…) must be there.
enum EmailSniffer {
  /// Header names that mail carries (lowercase); `x-` names count as neutral.
  static let knownHeaders: Set<String> = [
    "from", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to", "references", "reply-to", "sender",
    "received", "return-path", "delivered-to", "mime-version", "content-type", "content-transfer-encoding",
    "content-disposition", "content-language", "content-id", "content-description", "user-agent", "list-id",
    "list-unsubscribe", "list-post", "list-help", "list-subscribe", "list-archive", "list-owner", "precedence",
    "auto-submitted", "dkim-signature", "domainkey-signature", "authentication-results", "arc-seal",
    "arc-message-signature", "arc-authentication-results", "received-spf", "envelope-to", "organization",
    "importance", "priority", "thread-topic", "thread-index", "accept-language", "errors-to", "keywords",
    "comments", "resent-from", "resent-date", "resent-to", "resent-message-id", "resent-sender", "status",
    "mail-followup-to", "mail-reply-to", "openpgp", "autocrypt", "feedback-id", "sensitivity",
    "disposition-notification-to",
    "return-receipt-to", "original-message-id", "archived-at", "lines", "newsgroups", "path",
    "xref", "organisation", "face",
  ]
  /// Headers only mail has; at least one must be present.
  static let strongHeaders: Set<String> = [
    "from", "date", "message-id", "received", "mime-version", "return-path", "delivered-to", "in-reply-to",
    "references", "dkim-signature", "authentication-results", "arc-seal", "x-original-to", "envelope-to",
    "received-spf", "x-mozilla-status", "x-gm-thrid",
  ]

  /// Whether `head` starts with a mail header block (optionally after an mbox `From ` line).
  static func looksLikeMessage(_ head: [UInt8]) -> Bool {
    let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return headerBlockScore(head, from: start, allowEnvelope: true)
  }

  /// Whether `head` starts with an mbox `From sender date` line followed by a header block.
  static func looksLikeMbox(_ head: [UInt8]) -> Bool {
    let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    guard let lineEnd = head[start...].firstIndex(of: MailBytes.lf) else { return false }
    guard isEnvelopeLine(head, start..<lineEnd) else { return false }
    return headerBlockScore(head, from: lineEnd + 1, allowEnvelope: false)
  }

  /// `From ` then at least a sender and something with a digit (the date).
  static func isEnvelopeLine(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
    guard line.count > 7, MailBytes.hasPrefix(bytes, line, Array("from ".utf8)),
      bytes[line.lowerBound] == 0x46
    else { return false }
    let rest = bytes[(line.lowerBound + 5)..<line.upperBound]
    guard let first = rest.first, first != MailBytes.space else { return false }
    return rest.contains(MailBytes.space) && rest.contains { $0 >= 0x30 && $0 <= 0x39 }
  }

  private static func headerBlockScore(_ head: [UInt8], from start: Int, allowEnvelope: Bool) -> Bool {
    var known = 0
    var strong = 0
    var unknown = 0
    var index = start
    var first = true
    // `From: Customer` is a chat label, not a mailbox: mail's From always holds an address.
    var fromWithoutAddress = false
    var inFrom = false
    // Strong headers other than From: with one of them, a From without an address is still mail
    // (`From: foo` beside a Message-Id and MIME-Version).
    var strongBesidesFrom = 0
    // `Content-Type: multipart/mixed; boundary=…` alone at the top is a MIME entity, as Python reads it.
    var mimeEntity = false
    while index < head.count {
      guard let lineEnd = head[index...].firstIndex(of: MailBytes.lf) else { break }  // cut line: ignore
      var contentEnd = lineEnd
      if contentEnd > index && head[contentEnd - 1] == MailBytes.cr { contentEnd -= 1 }
      let line = index..<contentEnd
      index = lineEnd + 1
      defer { first = false }
      if line.isEmpty { break }
      let lead = head[line.lowerBound]
      if lead == MailBytes.space || lead == MailBytes.tab {
        if first { return false }
        if inFrom && head[line].contains(where: { $0 == 0x40 || $0 == 0x3C }) { fromWithoutAddress = false }
        continue
      }
      inFrom = false
      if first && allowEnvelope && isEnvelopeLine(head, line) { continue }
      guard let colon = HeaderParser.fieldNameEnd(head, line) else {
        // A body line right after the headers, with no blank line between (a defect mail readers
        // tolerate): the header lines so far decide.
        if first { return false }
        break
      }
      let name = String(decoding: head[line.lowerBound..<colon].map(MailBytes.lower), as: UTF8.self)
      if name.contains(" ") || name.contains("\t") { return false }
      if name == "content-type" {
        let value = String(decoding: head[(colon + 1)..<line.upperBound], as: UTF8.self).lowercased()
        mimeEntity = value.contains("multipart/") || value.contains("message/")
      }
      if name == "from" {
        inFrom = true
        // `<>` is the null sender of bounces (`From: MAILER DAEMON <>`): an address, though empty.
        fromWithoutAddress = !head[colon..<line.upperBound].contains { $0 == 0x40 || $0 == 0x3C }
      }
      if strongHeaders.contains(name) { strong += 1 }
      if strongHeaders.contains(name) && name != "from" { strongBesidesFrom += 1 }
      if knownHeaders.contains(name) || strongHeaders.contains(name) || name.hasPrefix("x-") || name.hasPrefix("arc-")
        || name.hasPrefix("list-") || name.hasPrefix("content-")
      {
        known += 1
      } else {
        unknown += 1
      }
    }
    if mimeEntity && unknown == 0 { return true }
    return strong >= 1 && known >= 2 && unknown <= known && (!fromWithoutAddress || strongBesidesFrom > 0)
  }
}
