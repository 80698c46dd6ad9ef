/// The readable body of a message: the text its author sent, which part it came from, and the
/// attachments it carried.
struct MessageBody: Sendable {
  /// The body text (LF line breaks), before quotes and signature are stripped.
  var text = ""
  /// `plain` or `html`: which kind of part the text came from.
  var source = "plain"
  /// Attachments as `name (type)`.
  var attachments: [String] = []
  /// The text of enclosed `message/rfc822` messages (forwards), kept apart from the author's words.
  var enclosed: [String] = []
  /// Whether the message was signed (`multipart/signed`, a detached signature part).
  var signed = false
  /// Problems met while decoding, in words a user can act on, placed at their part.
  var issues: [MailIssue] = []
}

/// Walks a MIME tree and picks the text: `text/plain` over `text/html` in alternatives, the root of
/// `multipart/related`, the signed part of `multipart/signed`, every inline text part of a mixed
/// message; everything else is noted as an attachment, never read as text.
struct MessageBodyExtractor {
  let bytes: [UInt8]

  /// Extracts the body of `root`.
  func extract(_ root: MIMEEntity) -> MessageBody {
    var body = MessageBody()
    var texts: [(text: String, source: String)] = []
    walk(root, into: &body, texts: &texts)
    body.text = texts.map(\.text).filter { !$0.isEmpty }.joined(separator: "\n\n")
    if let first = texts.first { body.source = first.source }
    return body
  }

  private func walk(_ entity: MIMEEntity, into body: inout MessageBody, texts: inout [(text: String, source: String)]) {
    let type = entity.contentType.value
    if isAttachment(entity) {
      note(entity, in: &body)
      return
    }
    switch type {
    case "multipart/alternative":
      let chosen = preferred(entity.children)
      if let chosen { walk(chosen, into: &body, texts: &texts) }
      // A calendar invitation or similar offered beside the text is worth noting.
      for child in entity.children where child.body != chosen?.body && !child.contentType.isMultipart {
        if child.contentType.type != "text" || child.contentType.value == "text/calendar" { note(child, in: &body) }
      }
    case "multipart/signed":
      body.signed = true
      if let first = entity.children.first { walk(first, into: &body, texts: &texts) }
    case "multipart/encrypted":
      body.attachments.append("encrypted message (\(type))")
    case "multipart/related":
      let start = entity.contentType.parameters["start"].map { MessageIDs.list(Array($0.utf8)).first ?? $0 }
      let root =
        entity.children.first { child in
          start != nil && MessageIDs.list(child.headers.raw("content-id")).first == start
        } ?? entity.children.first
      for child in entity.children {
        if let root, child.body == root.body {
          walk(child, into: &body, texts: &texts)
        } else {
          note(child, in: &body)
        }
      }
    case "message/rfc822", "message/global":
      if let enclosed = entity.children.first {
        let headers = enclosed.headers
        var inner = MessageBody()
        var innerTexts: [(text: String, source: String)] = []
        walk(enclosed, into: &inner, texts: &innerTexts)
        let subject = headers.text("subject") ?? ""
        let from = headers.text("from") ?? ""
        let header = "From: \(from)\nSubject: \(subject)"
        body.enclosed.append(([header] + innerTexts.map(\.text)).joined(separator: "\n\n"))
        body.attachments.append("forwarded message\(subject.isEmpty ? "" : " '\(subject)'") (message/rfc822)")
        body.issues += inner.issues
      } else {
        note(entity, in: &body)
      }
    default:
      if entity.contentType.isMultipart {
        for child in entity.children { walk(child, into: &body, texts: &texts) }
      } else if type == "text/plain" || type == "text/html" || type == "text/enriched" {
        let text = decodeText(entity, issues: &body.issues)
        if type == "text/html" {
          texts.append((HTMLText.text(text), "html"))
        } else {
          texts.append((text, "plain"))
        }
      } else {
        note(entity, in: &body)
      }
    }
  }

  /// In an alternative, the plain part when it has words, else the HTML part, else the richest other.
  private func preferred(_ children: [MIMEEntity]) -> MIMEEntity? {
    let plain = children.first { $0.contentType.value == "text/plain" && !isBlankPart($0) }
    if let plain { return plain }
    if let html = children.last(where: { $0.contentType.value == "text/html" }) { return html }
    if let nested = children.last(where: { $0.contentType.isMultipart }) { return nested }
    return children.first
  }

  private func isBlankPart(_ entity: MIMEEntity) -> Bool {
    var ignored: [MailIssue] = []
    return decodeText(entity, issues: &ignored).allSatisfy { $0.isWhitespace }
  }

  /// Parts with `Content-Disposition: attachment`, and non-text parts, are attachments.
  private func isAttachment(_ entity: MIMEEntity) -> Bool {
    if entity.disposition?.value == "attachment" { return true }
    return false
  }

  private func note(_ entity: MIMEEntity, in body: inout MessageBody) {
    let type = entity.contentType.value
    if type == "application/pgp-signature" || type == "application/pkcs7-signature"
      || type == "application/x-pkcs7-signature"
    {
      body.signed = true
      return
    }
    if entity.contentType.isMultipart {
      for child in entity.children { note(child, in: &body) }
      return
    }
    let name = entity.fileName.map { $0.isEmpty ? "unnamed" : $0 } ?? "unnamed"
    body.attachments.append("\(name) (\(type))")
  }

  /// The part's bytes after its transfer encoding and charset, with LF line breaks.
  func decodeText(_ entity: MIMEEntity, issues: inout [MailIssue]) -> String {
    let raw = bytes[entity.body]
    let encoding = entity.headers.text("content-transfer-encoding")?.lowercased() ?? "7bit"
    var decoded: [UInt8]
    switch encoding {
    case "base64":
      let result = Base64.decode(raw)
      decoded = result.bytes
      if !result.complete {
        issues.append(
          MailIssue(
            at: entity.body.upperBound,
            "base64 \(entity.contentType.value) part ends in the middle of a character group (cut off)"))
      }
    case "quoted-printable":
      decoded = QuotedPrintable.decode(raw)
    default:
      decoded = Array(raw)
    }
    let label = entity.contentType.parameters["charset"]
    let (text, known) = Charsets.decode(decoded, label: label)
    if !known, let label {
      issues.append(
        MailIssue(
          at: entity.body.lowerBound, "unknown charset '\(label)' in a \(entity.contentType.value) part; read as UTF-8")
      )
    }
    var normalized = String(decoding: MailBytes.normalizedNewlines(Array(text.utf8)), as: UTF8.self)
    if entity.contentType.parameters["format"]?.lowercased() == "flowed" {
      normalized = Flowed.unwrap(normalized, deleteSpace: entity.contentType.parameters["delsp"]?.lowercased() == "yes")
    }
    return normalized
  }
}

/// RFC 3676 `format=flowed`: a line ending in a space continues on the next line.
enum Flowed {
  /// Joins soft-broken lines of the same quote depth; `-- ` stays a signature delimiter.
  static func unwrap(_ text: String, deleteSpace: Bool) -> String {
    var output: [Substring] = []
    var current = ""
    var currentDepth = -1
    var open = false
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let depth = rawLine.prefix { $0 == ">" }.count
      var content = rawLine.dropFirst(depth)
      if content.hasPrefix(" ") { content = content.dropFirst() }  // space-stuffing
      let flowed = content.hasSuffix(" ") && content != "-- "
      if open && depth == currentDepth {
        current += content
      } else {
        if open { output.append(Substring(current)) }
        current = String(repeating: ">", count: depth) + (depth > 0 ? " " : "") + content
        currentDepth = depth
      }
      if flowed {
        if deleteSpace { current.removeLast() }
        open = true
      } else {
        output.append(Substring(current))
        current = ""
        open = false
      }
    }
    if open { output.append(Substring(current)) }
    return output.joined(separator: "\n")
  }
}
