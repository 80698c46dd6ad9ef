/// A MIME entity (RFC 2045/2046): its headers, its type and either its parts or its body bytes.
struct MIMEEntity: Sendable {
  var headers: MessageHeaders
  var contentType: ContentType
  /// The body's bytes in the message (still transfer-encoded); for a multipart, everything after the headers.
  var body: Range<Int>
  /// The parts of a multipart, or the enclosed message of a `message/rfc822`.
  var children: [MIMEEntity]

  /// `Content-Disposition`, lowercased (`inline`, `attachment`), or nil.
  var disposition: ContentType? {
    headers.raw("content-disposition").map { ContentType(raw: $0, fallback: "") }
  }

  /// The attachment's file name, from the disposition or the type's `name` parameter.
  var fileName: String? {
    let name = disposition?.parameters["filename"] ?? contentType.parameters["name"]
    return name.map { EncodedWords.decode(Array($0.utf8)) }
  }
}

/// Splits a message into its MIME tree, noting (never throwing on) damage such as a missing
/// closing boundary, so a cut-off message still yields what it has.
struct MIMEParser {
  let bytes: [UInt8]
  /// Problems met while parsing, in words a user can act on, placed where they are.
  private(set) var issues: [MailIssue] = []

  /// Deeper nesting than this is not real mail; it is treated as an opaque part.
  static let maximumDepth = 16

  init(bytes: [UInt8]) { self.bytes = bytes }

  /// Parses the entity whose header block starts at `range.lowerBound`.
  mutating func parseEntity(_ range: Range<Int>, defaultType: String = "text/plain", depth: Int = 0) -> MIMEEntity {
    let header = HeaderParser.parse(bytes, in: range)
    let type = ContentType(raw: header.headers.raw("content-type"), fallback: defaultType)
    var entity = MIMEEntity(
      headers: header.headers, contentType: type, body: header.bodyStart..<range.upperBound, children: [])
    if header.separatorMissing {
      issues.append(
        MailIssue(
          at: header.bodyStart,
          header.headers.fields.isEmpty
            ? "expected header lines ('Name: value') at the start of the \(depth == 0 ? "message" : "MIME part"); "
              + "read it all as the body"
            : "expected a blank line after the header lines; this line and the rest were read as the body"))
    }
    guard depth < MIMEParser.maximumDepth else {
      if type.isMultipart || type.value == "message/rfc822" {
        issues.append(MailIssue(at: range.lowerBound, "MIME parts nested too deeply; the inner parts were ignored"))
      }
      return entity
    }
    if type.isMultipart {
      entity.children = parseMultipart(entity, depth: depth)
      if entity.children.isEmpty {
        // No usable boundary: read the body as text rather than lose it.
        entity.contentType = ContentType(raw: Array("text/plain".utf8), fallback: "text/plain")
      }
    } else if type.value == "message/rfc822" || type.value == "message/global" {
      let encoding = header.headers.text("content-transfer-encoding")?.lowercased() ?? ""
      if encoding != "base64" && encoding != "quoted-printable" && !entity.body.isEmpty {
        entity.children = [parseEntity(entity.body, depth: depth + 1)]
      }
    }
    return entity
  }

  private mutating func parseMultipart(_ entity: MIMEEntity, depth: Int) -> [MIMEEntity] {
    guard let boundaryText = entity.contentType.parameters["boundary"], !boundaryText.isEmpty else {
      issues.append(
        MailIssue(
          at: entity.body.lowerBound,
          "\(entity.contentType.value) has no boundary parameter; its body was read as plain text"))
      return []
    }
    let delimiter = Array(("--" + boundaryText).utf8)
    var partStarts: [Int] = []
    var partEnds: [Int] = []
    var closed = false
    var lineStart = entity.body.lowerBound
    let end = entity.body.upperBound
    while lineStart < end {
      var lineEnd = lineStart
      while lineEnd < end && bytes[lineEnd] != MailBytes.lf { lineEnd += 1 }
      let next = min(lineEnd + 1, end)
      if isDelimiter(lineStart..<lineEnd, delimiter) {
        // The line break before a delimiter belongs to the delimiter, not to the part.
        var partEnd = lineStart
        if partEnd > entity.body.lowerBound && bytes[partEnd - 1] == MailBytes.lf { partEnd -= 1 }
        if partEnd > entity.body.lowerBound && bytes[partEnd - 1] == MailBytes.cr { partEnd -= 1 }
        if !partStarts.isEmpty { partEnds.append(max(partStarts[partStarts.count - 1], partEnd)) }
        let after = lineStart + delimiter.count
        if after + 1 < lineEnd, bytes[after] == 0x2D, bytes[after + 1] == 0x2D {
          closed = true
          break
        }
        partStarts.append(next)
      }
      lineStart = next
    }
    if partStarts.isEmpty {
      issues.append(
        MailIssue(
          at: entity.body.lowerBound,
          "\(entity.contentType.value) body has no '--\(boundaryText)' boundary line; read as plain text"))
      return []
    }
    if !closed {
      issues.append(
        MailIssue(
          at: end,
          "\(entity.contentType.value) ends without its closing boundary '--\(boundaryText)--' (the message looks cut off)"
        ))
      partEnds.append(end)
    }
    let childDefault = entity.contentType.value == "multipart/digest" ? "message/rfc822" : "text/plain"
    var children: [MIMEEntity] = []
    for (start, partEnd) in zip(partStarts, partEnds) {
      children.append(parseEntity(start..<max(start, partEnd), defaultType: childDefault, depth: depth + 1))
    }
    return children
  }

  /// `--boundary` or `--boundary--` followed only by white space.
  private func isDelimiter(_ line: Range<Int>, _ delimiter: [UInt8]) -> Bool {
    guard line.count >= delimiter.count else { return false }
    for offset in 0..<delimiter.count where bytes[line.lowerBound + offset] != delimiter[offset] { return false }
    var index = line.lowerBound + delimiter.count
    if index + 1 < line.upperBound, bytes[index] == 0x2D, bytes[index + 1] == 0x2D { index += 2 }
    while index < line.upperBound {
      guard MailBytes.isWhitespace(bytes[index]) else { return false }
      index += 1
    }
    return true
  }
}
