/// What is left of a message body once quoted replies and the signature are taken out.
struct StrippedText: Sendable, Equatable {
  /// What the author wrote.
  var text: String
  /// The quoted or forwarded text that was removed, or nil.
  var quote: String?
  /// The signature that was removed, or nil.
  var signature: String?
  /// Whether a forwarded message was found.
  var forwarded: Bool
}

/// Separates what the author of a reply wrote from what they quoted and from their signature.
///
/// Quotes: `>` lines; attribution lines (`On … wrote:`, `Le … a écrit :`, `Am … schrieb …:` and
/// other languages, also when wrapped over two or three lines); Outlook `-----Original Message-----`
/// separators and `From:`/`Sent:`/`To:` header blocks; forwarded-message markers. Everything after
/// an Outlook block or forward marker is quote, but text written between `>` blocks (an inline
/// reply) stays. Signatures: the `-- ` delimiter, mobile footers ("Sent from my iPhone"), and
/// sign-off blocks (`Best regards,` + a few short lines at the end). A thank-you sign-off line is
/// kept as text, because it says something; the name under it is signature.
enum QuoteStripper {
  /// Splits `body` (LF line breaks) into text, quote and signature.
  static func strip(_ body: String) -> StrippedText {
    let bytes = Array(body.utf8)
    let lines = MailBytes.lineRanges(bytes, in: 0..<bytes.count)
    var kinds = [LineKind](repeating: .text, count: lines.count)
    var forwarded = false
    let cut = firstBlockHeader(bytes, lines, forwarded: &forwarded)
    for index in 0..<lines.count {
      if index >= cut {
        kinds[index] = .quote
      } else if isQuoteLine(bytes, lines[index]) {
        kinds[index] = .quote
      }
    }
    markAttributions(bytes, lines, &kinds, cut: cut)
    // A rule line right above the quoted block belongs to it.
    if cut < lines.count, let above = previousNonBlank(bytes, lines, before: cut), isRule(bytes, lines[above]) {
      for index in above..<cut { kinds[index] = .quote }
    }
    var textLines = (0..<lines.count).filter { kinds[$0] == .text }
    let quoteLines = (0..<lines.count).filter { kinds[$0] == .quote }
    let signatureLines = signature(bytes, lines, textLines)
    if !signatureLines.isEmpty {
      let removed = Set(signatureLines)
      textLines.removeAll { removed.contains($0) }
    }
    return StrippedText(
      text: join(bytes, lines, textLines), quote: optional(join(bytes, lines, quoteLines)),
      signature: optional(join(bytes, lines, signatureLines)), forwarded: forwarded)
  }

  private enum LineKind { case text, quote }

  // MARK: - Quotes

  private static func isQuoteLine(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
    var index = line.lowerBound
    while index < line.upperBound && index - line.lowerBound < 3 && bytes[index] == MailBytes.space { index += 1 }
    return index < line.upperBound && bytes[index] == MailBytes.greaterThan
  }

  private static let originalMarkers: [[UInt8]] = [
    "original message", "ursprüngliche nachricht", "message d'origine", "mensaje original", "messaggio originale",
    "oorspronkelijk bericht", "originalmeddelande", "alkuperäinen viesti", "oryginalna wiadomość",
    "mensagem original", "исходное сообщение",
  ].map { Array($0.utf8) }
  private static let forwardMarkers: [[UInt8]] = [
    "forwarded message", "begin forwarded message", "weitergeleitete nachricht", "message transféré",
    "mensaje reenviado", "messaggio inoltrato", "doorgestuurd bericht", "vidarebefordrat meddelande",
    "mensagem encaminhada",
  ].map { Array($0.utf8) }
  private static let fromLabels: [[UInt8]] = ["from:", "von:", "de:", "van:", "från:", "fra:", "od:", "da:", "от:"]
    .map { Array($0.utf8) }
  private static let sentLabels: [[UInt8]] = [
    "sent:", "date:", "gesendet:", "datum:", "envoyé :", "envoyé:", "date :", "enviado:", "enviado el:",
    "inviato:", "verzonden:", "skickat:", "sendt:", "wysłano:", "data:", "fecha:", "отправлено:",
  ].map { Array($0.utf8) }
  private static let toLabels: [[UInt8]] = [
    "to:", "an:", "à :", "à:", "para:", "a:", "aan:", "till:", "til:", "do:", "subject:", "betreff:", "objet :",
    "objet:", "asunto:", "oggetto:", "onderwerp:", "ämne:", "emne:", "temat:", "assunto:", "cc:", "кому:", "тема:",
  ].map { Array($0.utf8) }

  /// The first line that starts a block quoted to the end: an Outlook separator or header block, or a forward.
  private static func firstBlockHeader(_ bytes: [UInt8], _ lines: [Range<Int>], forwarded: inout Bool) -> Int {
    for (index, line) in lines.enumerated() where !isQuoteLine(bytes, line) {
      let trimmed = MailBytes.trimmed(bytes, line)
      if trimmed.count < 80, trimmed.count > 6 {
        if bytes[trimmed.lowerBound] == 0x2D || bytes[trimmed.lowerBound] == 0x5F
          || bytes[trimmed.lowerBound] == 0x3D || MailBytes.hasPrefix(bytes, trimmed, Array("begin forwarded".utf8))
        {
          if forwardMarkers.contains(where: { MailBytes.contains(bytes, trimmed, $0) }) {
            forwarded = true
            return index
          }
          if originalMarkers.contains(where: { MailBytes.contains(bytes, trimmed, $0) }) { return index }
        }
      }
      if isOutlookHeaderBlock(bytes, lines, at: index) { return index }
    }
    return lines.count
  }

  /// `From: …` followed within a few lines by `Sent:`/`Date:` and `To:`/`Subject:` (in several languages).
  private static func isOutlookHeaderBlock(_ bytes: [UInt8], _ lines: [Range<Int>], at index: Int) -> Bool {
    let first = MailBytes.trimmed(bytes, lines[index])
    let stripped = stripEmphasis(bytes, first)
    guard fromLabels.contains(where: { MailBytes.hasPrefix(bytes, stripped, $0) }) else { return false }
    var sawSent = false
    var sawTo = false
    for next in lines[(index + 1)..<min(lines.count, index + 7)] {
      let line = stripEmphasis(bytes, MailBytes.trimmed(bytes, next))
      if sentLabels.contains(where: { MailBytes.hasPrefix(bytes, line, $0) }) { sawSent = true }
      if toLabels.contains(where: { MailBytes.hasPrefix(bytes, line, $0) }) { sawTo = true }
    }
    return sawSent && sawTo
  }

  /// Outlook's HTML-to-text puts `*From:*` in bold; look past the asterisks.
  private static func stripEmphasis(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    while lower < range.upperBound && bytes[lower] == 0x2A { lower += 1 }
    return lower..<range.upperBound
  }

  private static let verbs: [[UInt8]] = [
    "wrote", "writes", "a écrit", "schrieb", "escribió", "ha scritto", "schreef", "napisał", "skrev", "escreveu",
    "kirjoitti", "написал", "yazdı", "írta", "napsal", "scrisse", "geschreven",
  ].map { Array($0.utf8) }
  private static let openers: [[UInt8]] = [
    "on ", "le ", "am ", "el ", "il ", "op ", "w dniu", "den ", "em ", "dne ", "at ", "in ",
  ].map { Array($0.utf8) }

  /// Marks `On … wrote:` lines (one to three lines long) that introduce a quote.
  private static func markAttributions(_ bytes: [UInt8], _ lines: [Range<Int>], _ kinds: inout [LineKind], cut: Int) {
    var index = 0
    while index < min(cut, lines.count) {
      guard kinds[index] == .text, !MailBytes.isBlank(bytes, lines[index]) else {
        index += 1
        continue
      }
      var matched = 0
      for span in 1...3 where index + span <= min(cut, lines.count) {
        let range = lines[index].lowerBound..<lines[index + span - 1].upperBound
        let trimmed = MailBytes.trimmed(bytes, range)
        guard trimmed.count < 400, endsWithColon(bytes, trimmed) else { continue }
        guard verbs.contains(where: { MailBytes.contains(bytes, trimmed, $0) }) else { continue }
        let opened = openers.contains(where: { MailBytes.hasPrefix(bytes, trimmed, $0) })
        if span > 1 && !opened { continue }
        // An attribution introduces something: quoted lines, a quoted block, or nothing at all.
        let after = nextNonBlank(bytes, lines, from: index + span)
        if after == nil || after.map({ kinds[$0] == .quote || $0 >= cut }) == true {
          matched = span
          break
        }
        // Apple Mail and Outlook for Mac quote without `>`: a full attribution (opener, and a date or an
        // address) followed by plain text starts a quoted message that runs to the end.
        if opened, bytes[trimmed].contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x40 }) {
          for line in index..<lines.count { kinds[line] = .quote }
          return
        }
      }
      if matched > 0 {
        for line in index..<(index + matched) { kinds[line] = .quote }
        index += matched
      } else {
        index += 1
      }
    }
  }

  private static func endsWithColon(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    guard !range.isEmpty else { return false }
    return bytes[range.upperBound - 1] == MailBytes.colon
  }

  private static func nextNonBlank(_ bytes: [UInt8], _ lines: [Range<Int>], from start: Int) -> Int? {
    var index = start
    while index < lines.count {
      if !MailBytes.isBlank(bytes, lines[index]) { return index }
      index += 1
    }
    return nil
  }

  private static func previousNonBlank(_ bytes: [UInt8], _ lines: [Range<Int>], before end: Int) -> Int? {
    var index = end - 1
    while index >= 0 {
      if !MailBytes.isBlank(bytes, lines[index]) { return index }
      index -= 1
    }
    return nil
  }

  /// `______` or `------` alone on a line (an HTML `<hr>` becomes `----`).
  private static func isRule(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
    let trimmed = MailBytes.trimmed(bytes, line)
    guard trimmed.count >= 3 else { return false }
    return bytes[trimmed].allSatisfy { $0 == 0x5F || $0 == 0x2D || $0 == 0x3D }
  }

  // MARK: - Signatures

  private static let mobileFooters: [[UInt8]] = [
    "sent from my ", "sent from mail for windows", "sent from outlook", "sent from yahoo mail", "get outlook for ",
    "sent from samsung", "sent via ", "envoyé de mon ", "von meinem ", "enviado desde mi ", "inviato da ",
    "verzonden vanaf mijn ", "skickat från min ", "sendt fra min ", "wysłane z ", "sent using ",
  ].map { Array($0.utf8) }

  /// Sign-offs whose line is a signature too.
  private static let signOffs: Set<String> = [
    "best regards", "kind regards", "warm regards", "regards", "best", "best wishes", "cheers", "sincerely",
    "yours sincerely", "sincerely yours", "yours truly", "respectfully", "all the best", "take care", "br",
    "mit freundlichen grüßen", "mit freundlichen grüssen", "viele grüße", "beste grüße", "gruß", "grüße",
    "cordialement", "bien cordialement", "salutations", "saludos", "un saludo", "atentamente", "cordiali saluti",
    "saluti", "met vriendelijke groet", "groeten", "med vänliga hälsningar", "hälsningar", "mvh", "med venlig hilsen",
    "pozdrawiam", "atenciosamente", "abraços",
  ]
  /// Sign-offs that say something (gratitude): their line stays in the text, the lines after are signature.
  private static let thanks: Set<String> = [
    "thanks", "thank you", "many thanks", "thanks a lot", "thanks again", "thanks in advance", "thank you again",
    "thx", "ty", "danke", "vielen dank", "merci", "merci beaucoup", "gracias", "grazie", "bedankt", "tack", "tak",
    "dziękuję", "obrigado", "obrigada",
  ]

  /// The signature's line numbers among `textLines` (empty when there is none), a mailing-list footer included.
  private static func signature(_ bytes: [UInt8], _ lines: [Range<Int>], _ textLines: [Int]) -> [Int] {
    guard let footer = listFooter(bytes, lines, textLines) else { return authorSignature(bytes, lines, textLines) }
    let above = textLines.filter { $0 < footer }
    return authorSignature(bytes, lines, above) + textLines.filter { $0 >= footer }
  }

  /// Mailman's `____` rule followed by `<list> mailing list`, near the end: list boilerplate, not the author's.
  private static func listFooter(_ bytes: [UInt8], _ lines: [Range<Int>], _ textLines: [Int]) -> Int? {
    let tail = textLines.filter { !MailBytes.isBlank(bytes, lines[$0]) }.suffix(8)
    for (position, index) in zip(tail.indices, tail) {
      let line = MailBytes.trimmed(bytes, lines[index])
      guard line.count >= 10, bytes[line].allSatisfy({ $0 == 0x5F }), position + 1 < tail.endIndex else { continue }
      if MailBytes.contains(bytes, lines[tail[position + 1]], Array("mailing list".utf8)) { return index }
    }
    return nil
  }

  /// The author's own signature among `textLines`.
  private static func authorSignature(_ bytes: [UInt8], _ lines: [Range<Int>], _ textLines: [Int]) -> [Int] {
    let nonBlank = textLines.filter { !MailBytes.isBlank(bytes, lines[$0]) }
    guard !nonBlank.isEmpty else { return [] }
    // 1. The `-- ` delimiter (also `--`, as many clients trim the space), close enough to the end.
    for (position, index) in nonBlank.enumerated() {
      let line = lines[index]
      let isDelimiter =
        (line.count == 3 && bytes[line.lowerBound] == 0x2D && bytes[line.lowerBound + 1] == 0x2D
          && bytes[line.lowerBound + 2] == MailBytes.space)
        || (line.count == 2 && bytes[line.lowerBound] == 0x2D && bytes[line.lowerBound + 1] == 0x2D)
      if isDelimiter && nonBlank.count - position <= 20 && position > 0 {
        return textLines.filter { $0 >= index }
      }
    }
    // 2. A mobile footer among the last lines.
    for index in nonBlank.suffix(3) {
      let trimmed = MailBytes.trimmed(bytes, lines[index])
      if trimmed.count < 80, mobileFooters.contains(where: { MailBytes.hasPrefix(bytes, trimmed, $0) }) {
        return textLines.filter { $0 >= index }
      }
    }
    // 3. A sign-off line followed by a few short lines (name, title, company, phone).
    let tail = Array(nonBlank.suffix(7))
    for (position, index) in tail.enumerated() {
      let phrase = signOffPhrase(bytes, lines[index])
      guard !phrase.isEmpty else { continue }
      let isThanks = thanks.contains(phrase)
      guard isThanks || signOffs.contains(phrase) else { continue }
      let after = tail[(position + 1)...]
      let shortLines = after.allSatisfy { lines[$0].count <= 72 && !endsSentence(bytes, lines[$0]) }
      guard shortLines, after.count <= 6 else { continue }
      // Nothing but the sign-off itself at the very top: that is the whole message, not a signature.
      guard nonBlank.first != index || !after.isEmpty else { continue }
      if isThanks {
        return after.isEmpty ? [] : textLines.filter { $0 > index }
      }
      return textLines.filter { $0 >= index }
    }
    return []
  }

  /// The line lowercased without trailing punctuation, when it is short enough to be a sign-off.
  private static func signOffPhrase(_ bytes: [UInt8], _ line: Range<Int>) -> String {
    var trimmed = MailBytes.trimmed(bytes, line)
    guard trimmed.count <= 40 else { return "" }
    while !trimmed.isEmpty,
      [0x2C, 0x2E, 0x21, 0x20, 0x2D].contains(bytes[trimmed.upperBound - 1])
    {
      trimmed = trimmed.lowerBound..<(trimmed.upperBound - 1)
    }
    return String(decoding: bytes[trimmed], as: UTF8.self).lowercased()
  }

  /// Whether a line reads like prose (ends a sentence), which a signature line seldom does.
  private static func endsSentence(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
    let trimmed = MailBytes.trimmed(bytes, line)
    guard let last = trimmed.last.map({ bytes[$0] }) else { return false }
    return (last == 0x3F || last == 0x21) || (last == 0x2E && trimmed.count > 40)
  }

  // MARK: - Output

  private static func join(_ bytes: [UInt8], _ lines: [Range<Int>], _ selected: [Int]) -> String {
    var output: [UInt8] = []
    var blankRun = 0
    for index in selected {
      let line = lines[index]
      if MailBytes.isBlank(bytes, line) {
        blankRun += 1
        continue
      }
      if !output.isEmpty { output.append(contentsOf: repeatElement(MailBytes.lf, count: blankRun > 0 ? 2 : 1)) }
      blankRun = 0
      var end = line.upperBound
      while end > line.lowerBound && (bytes[end - 1] == MailBytes.space || bytes[end - 1] == MailBytes.tab) {
        end -= 1
      }
      output.append(contentsOf: bytes[line.lowerBound..<end])
    }
    return String(decoding: output, as: UTF8.self)
  }

  private static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
}
