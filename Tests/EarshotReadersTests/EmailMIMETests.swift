import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// MIME decoding: transfer encodings, charsets, HTML, damaged parts, headers and dates.
@Suite struct EmailMIMETests {
  @Test func quotedPrintableSoftBreaksAndLatin1AsWindows1252() throws {
    let (conversations, diagnostics) = try EmailFixtures.read("own/qp-soft-breaks.eml")
    #expect(diagnostics.isEmpty)
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text.contains("je voudrais un remboursement complet, s'il vous plaît."))
    #expect(turn.text.contains("ma commande n°4471 est arrivée abîmée"))
    // 0x80 labelled ISO-8859-1 is the euro sign of Windows-1252, as mail clients show it.
    #expect(turn.text.hasSuffix("Le coût était de 25 €."))
  }

  @Test func encodedWordHeadersAreDecodedAndJoined() throws {
    let (conversations, _) = try EmailFixtures.read("own/qp-soft-breaks.eml")
    let conversation = try #require(conversations.first)
    #expect(conversation.metadata["subject"] == "Re: Commande n° 4471 — remboursement")
    #expect(conversation.participants.first?.name == "Renée François")
    #expect(conversation.participants.first?.id == "renee@example.fr")
    // `5 Mar 2024 11:00:00 EST`: no weekday, obsolete zone.
    #expect(conversation.turns.first?.timestamp == Date(timeIntervalSince1970: 1_709_654_400))
  }

  @Test func encodedWordsEdgeCases() {
    // A character split across two adjacent words of the same charset.
    #expect(EncodedWords.decode(Array("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=".utf8)) == "café")
    #expect(EncodedWords.decode(Array("=?utf-8?b?w6k=?=  =?utf-8?b?w6k=?= x".utf8)) == "éé x")
    #expect(EncodedWords.decode(Array("Re: =?ISO-8859-15?Q?=A4uro?=".utf8)) == "Re: €uro")
    #expect(EncodedWords.decode(Array("=?utf-8*en?Q?hello_world?=".utf8)) == "hello world")
    // Not an encoded word: left as written.
    #expect(EncodedWords.decode(Array("a =?broken? b".utf8)) == "a =?broken? b")
    #expect(EncodedWords.decode(Array("=?KOI8-R?B?8NLJ18XU?=".utf8)) == "Привет")
  }

  @Test func base64HTMLPartInWindows1252() throws {
    let (conversations, diagnostics) = try EmailFixtures.read("own/base64-html-cp1252.eml")
    #expect(diagnostics.isEmpty)
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.attributes["text_source"] == "html")
    #expect(turn.text.hasPrefix("Café order “4471” still hasn’t arrived – € 25 paid."))
    #expect(turn.text.contains("Second line & more <here> été"))
    #expect(turn.text.contains("- one\n- two"))
    #expect(!turn.text.contains("alert"))
    #expect(!turn.text.contains("color"))
    #expect(!turn.text.contains("Ticket"))
    // A <blockquote> is a quote like `>` lines are.
    #expect(!turn.text.contains("quoted old text"))
    #expect(turn.attributes["stripped_quote"] == "> quoted old text")
  }

  @Test func truncatedMultipartIsDiagnosedAndPartlyRead() throws {
    let (conversations, diagnostics) = try EmailFixtures.read("own/truncated-mime.eml")
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text == "The app crashes when I open settings.")
    #expect(turn.attributes["attachments"] == "screen.png (image/png)")
    #expect(diagnostics.contains { $0.message.contains("closing boundary '--b1--'") })
    #expect(diagnostics.allSatisfy { $0.location.file.hasSuffix("truncated-mime.eml") })
    // Read past: a warning on the line where the message stops, not an unreadable file.
    #expect(diagnostics.allSatisfy { $0.severity == .warning && ($0.location.line ?? 0) > 1 })
  }

  @Test func cutBase64TextIsDiagnosedAndKeptAsFarAsItGoes() throws {
    let (conversations, diagnostics) = try EmailFixtures.read("own/truncated-text.eml")
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text.hasPrefix("The app crashes when I open se"))
    #expect(diagnostics.contains { $0.message.contains("cut off") })
    #expect(diagnostics.count == 2)
  }

  @Test func unknownCharsetIsDiagnosedAndReadAsUTF8() throws {
    let (conversations, diagnostics) = try EmailFixtures.read("own/unknown-charset.eml")
    #expect(conversations.first?.turns.first?.text == "My invoice is wrong.")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.message.contains("unknown charset 'x-klingon-42'"))
    #expect(diagnostics.count == 1)
  }

  @Test func truncatedAndDamagedInputsNeverCrash() throws {
    let samples = [
      "From: a@b.c\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nhi",
      "From: a@b.c\nContent-Type: multipart/mixed\n\nno boundary here",
      "From: a@b.c\nContent-Type: multipart/mixed; boundary=x\n\nno delimiter at all",
      "From: a@b.c\nContent-Transfer-Encoding: base64\n\n!!!!",
      "From: a@b.c\nContent-Transfer-Encoding: quoted-printable\n\n=\n=4\n=ZZ",
      "From: a@b.c\nContent-Type: message/rfc822\n\n",
      "From: a@b.c\nSubject: =?utf-8?B?",
      "From: a@b.c\nContent-Type: text/html\n\n<p>unclosed <b attr=\"x",
      "From: a@b.c\nContent-Type: multipart/alternative; boundary=q\n\n--q\n\n--q--",
    ]
    for sample in samples {
      let file = try EmailFixtures.temporary(sample)
      let result = try EmailMessageReader().readAll(file)
      #expect(result.conversations.count == 1, "\(sample)")
    }
  }

  @Test func emptyFileIsAnInputDiagnostic() throws {
    let file = try EmailFixtures.temporary("\n  \n")
    #expect(throws: InputDiagnostic.self) { try EmailMessageReader().readAll(file) }
  }

  @Test func textWithoutHeadersIsTheBodyWithAWarning() throws {
    let file = try EmailFixtures.temporary("just some words\nand more\n")
    let (conversations, diagnostics) = try EmailMessageReader().readAll(file)
    #expect(conversations.first?.turns.first?.text == "just some words\nand more")
    #expect(conversations.first?.turns.first?.role == .customer)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.severity == .warning)
    #expect(diagnostics.first?.message.hasPrefix("expected header lines ('Name: value') at the start") == true)
  }

  @Test func mimeHeadersWithoutFromOrDateAreAMessage() throws {
    let file = try EmailFixtures.temporary("MIME-Version: 1.0\nContent-Type: text/plain\n\nHello there.\n")
    let (conversations, diagnostics) = try EmailMessageReader().readAll(file)
    #expect(conversations.first?.turns.first?.text == "Hello there.")
    #expect(diagnostics.isEmpty)
  }

  @Test func forwardedMessageAttachmentIsKeptAsQuote() throws {
    let text = """
      From: Agent <a@acme-support.com>
      To: b@example.com
      Subject: Fwd: order
      Date: Mon, 11 Mar 2024 10:00:00 +0000
      Message-ID: <fwd@acme-support.com>
      Content-Type: multipart/mixed; boundary="m"

      --m
      Content-Type: text/plain

      See below.
      --m
      Content-Type: message/rfc822

      From: Dana <dana@example.com>
      Subject: order

      Where is my order?
      --m--
      """
    let (conversations, diagnostics) = try EmailMessageReader().readAll(EmailFixtures.temporary(text))
    #expect(diagnostics.isEmpty)
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text == "See below.")
    #expect(turn.attributes["forwarded"] == "true")
    #expect(turn.attributes["stripped_quote"]?.contains("Where is my order?") == true)
    #expect(turn.attributes["attachments"] == "forwarded message 'order' (message/rfc822)")
  }

  @Test func datesInTheirRFCAndBrokenForms() {
    let expected = Date(timeIntervalSince1970: 1_258_509_871)  // 2009-11-18 02:04:31 UTC
    for text in [
      "Tue, 17 Nov 2009 18:04:31 -0800", "17 Nov 2009 18:04:31 -0800", "Tue, 17 Nov 2009 18:04:31 -0800 (PST)",
      "Tue, 17 Nov 2009 18:04:31 PST", "Tue, 17 Nov 09 18:04:31 -0800", "Tue, 18 Nov 2009 02:04:31 GMT",
      "Wed Nov 18 02:04:31 2009", "Tue, 17 Nov 2009 21:04:31 EST", "Tue,  17  Nov  2009  19:04:31  PDT",
      "2009-11-18T02:04:31Z",
    ] {
      #expect(EmailDate.parse(text) == expected, "\(text)")
    }
    #expect(EmailDate.parse("Thu Jan 01 00:00:10 +0000") == nil)
    #expect(EmailDate.parse("not a date") == nil)
  }

  @Test func charsetsFromTablesFoundationAndIconv() {
    #expect(Charsets.decode([0x80, 0x93, 0x94], label: "iso-8859-1").text == "€“”")
    #expect(Charsets.decode([0xA4, 0xBD], label: "ISO-8859-15").text == "€œ")
    #expect(Charsets.decode([0xF0, 0xD2, 0xC9], label: "koi8-r").text == "При")
    #expect(Charsets.decode([0x00, 0x41], label: "utf-16be").text == "A")
    #expect(Charsets.decode([0x41], label: "x-unheard-of").known == false)
    // Mislabelled 8-bit text in a UTF-8 part reads as Latin rather than as replacement characters.
    #expect(Charsets.decode([0x63, 0x61, 0x66, 0xE9], label: "utf-8").text == "café")
  }

  @Test func htmlReduction() {
    let html = """
      <html><head><title>T</title></head><body><p>Hello&nbsp;<b>Dana</b>,</p>
      <!-- a comment with <p> inside --><div>Line&nbsp;two<br>Line three</div>
      <table><tr><td>a</td><td>b</td></tr></table><p>&euro;5 &#8364;6 &unknown; &lt;tag&gt;</p></body></html>
      """
    #expect(HTMLText.text(html) == "Hello Dana,\n\nLine two\nLine three\n\na b\n\n€5 €6 &unknown; <tag>")
  }

  @Test func formatFlowedIsUnwrapped() {
    let text = "This is a long \nflowed line.\n> quoted \n> more\n-- \nsig"
    #expect(Flowed.unwrap(text, deleteSpace: false) == "This is a long flowed line.\n> quoted more\n-- \nsig")
  }

  @Test func parametersWithRFC2231ContinuationsAndQuoting() {
    let raw = "attachment; filename*0*=utf-8''%E2%82%AC%20invoice; filename*1=\".pdf\"; size=12"
    let disposition = ContentType(raw: Array(raw.utf8), fallback: "")
    #expect(disposition.value == "attachment")
    #expect(disposition.parameters["filename"] == "€ invoice.pdf")
    #expect(disposition.parameters["size"] == "12")
    let type = ContentType(raw: Array("Multipart/Mixed; boundary=\"a;b \\\"c\\\"\"".utf8), fallback: "text/plain")
    #expect(type.value == "multipart/mixed")
    #expect(type.parameters["boundary"] == "a;b \"c\"")
    #expect(ContentType(raw: Array("text".utf8), fallback: "text/plain").value == "text/plain")
  }

  @Test func addressListsWithGroupsCommentsAndEncodedNames() {
    let raw =
      "\"Smith, Dana\" <Dana@Example.com>, bob@acme-support.com (Bob Agent), "
      + "team: =?UTF-8?Q?Ren=C3=A9e?= <renee@example.fr>;, \"=?utf-8?B?w4l2ZQ==?=\" <eve@example.org>"
    let list = EmailAddress.list(Array(raw.utf8))
    #expect(
      list.map(\.address) == [
        "dana@example.com", "bob@acme-support.com", "renee@example.fr", "eve@example.org",
      ])
    #expect(list.map(\.name) == ["Smith, Dana", "Bob Agent", "Renée", "Éve"])
    #expect(list.first?.domain == "example.com")
    #expect(EmailAddress.list(Array("undisclosed-recipients:;".utf8)).isEmpty)
  }

  @Test func messageIDsWithFoldingAndWithoutBrackets() {
    #expect(MessageIDs.list(Array(" <a@b>\t<c\n @d> junk <e@f>".utf8)) == ["a@b", "c@d", "e@f"])
    #expect(MessageIDs.list(Array("x@y".utf8)) == ["x@y"])
  }
}
