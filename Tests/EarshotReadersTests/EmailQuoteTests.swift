import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// Keeping only what the author wrote: quotes, attributions, Outlook blocks, forwards, signatures.
@Suite struct EmailQuoteTests {
  @Test func replyQuotedThreeLevelsDeep() throws {
    let (conversations, diagnostics) = try EmailFixtures.read("own/three-level-quote.eml")
    #expect(diagnostics.isEmpty)
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text == "Hi Dana,\n\nThe replacement ships today; the tracking number is ZX-99.")
    let quote = try #require(turn.attributes["stripped_quote"])
    #expect(quote.hasPrefix("On Tue, Mar 5, 2024 at 6:01 PM Dana Smith <\ndana@example.com> wrote:"))
    #expect(quote.contains("> > > >> It never arrived, order 4471."))
    #expect(quote.contains(">>> old text"))
    #expect(turn.attributes["stripped_signature"] == "--\nBob Agent | Acme Support")
  }

  @Test func outlookStyleReply() throws {
    let (conversations, _) = try EmailFixtures.read("own/outlook-reply.eml")
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text == "That works for us, please go ahead with the credit note.\n\nThanks,")
    #expect(turn.attributes["stripped_signature"]?.hasPrefix("Carol\n\nCarol Jones\nAccounts Payable") == true)
    let quote = try #require(turn.attributes["stripped_quote"])
    #expect(quote.hasPrefix("________________________________\nFrom: Acme Support <support@acme-support.com>"))
    #expect(quote.contains("-----Original Message-----"))
    #expect(quote.hasSuffix("You charged us twice."))
    // `(EST)` comment after a numeric zone.
    #expect(turn.timestamp == Date(timeIntervalSince1970: 1_709_838_131))
  }

  @Test func signOffBlockWithoutDelimiter() throws {
    let (conversations, _) = try EmailFixtures.read("own/signature-no-dashes.eml")
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text == "Hello,\n\nI cannot reset my password, the link in the email has expired twice.")
    #expect(
      turn.attributes["stripped_signature"] == "Best regards,\nDana Smith\nSenior Buyer, Example Inc.\n+1 555 0199")
  }

  @Test func mobileFooterIsASignature() throws {
    let (conversations, _) = try EmailFixtures.read("own/mobile-footer.eml")
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text == "It works now, thank you!")
    #expect(turn.attributes["stripped_signature"] == "Sent from my iPhone")
  }

  @Test func attributionsInOtherLanguages() {
    let cases = [
      "Merci !\n\nLe mar. 5 mars 2024 à 10:32, Dana <dana@example.com> a écrit :\n> Bonjour",
      "Danke!\n\nAm 05.03.2024 um 10:32 schrieb Dana <dana@example.com>:\n> Hallo",
      "Gracias!\n\nEl mar, 5 mar 2024 a las 10:32, Dana (<dana@example.com>)\nescribió:\n> Hola",
      "Tack!\n\nDen 5 mars 2024 skrev Dana <dana@example.com>:\n\n> Hej",
      "Dzięki!\n\nW dniu 5.03.2024 o 10:32, Dana pisze/napisał:\n> Cześć",
      "Bedankt!\n\nOp 5 mrt. 2024 om 10:32 schreef Dana <dana@example.com>:\n> Hoi",
    ]
    for body in cases {
      let result = EmailFixtures.strip(body)
      #expect(!result.text.contains("\n"), "\(body)")
      #expect(result.quote?.isEmpty == false, "\(body)")
    }
  }

  @Test func inlineRepliesKeepTheAuthorsLines() {
    let body = """
      On Mon, Dana wrote:
      > What is the order number?
      It is 4471.
      > And the date?
      Last Tuesday.
      """
    let result = EmailFixtures.strip(body)
    #expect(result.text == "It is 4471.\nLast Tuesday.")
    #expect(result.quote == "On Mon, Dana wrote:\n> What is the order number?\n> And the date?")
  }

  @Test func forwardedBlockIsStripped() {
    let body = """
      FYI, see the customer's message.

      ---------- Forwarded message ---------
      From: Dana <dana@example.com>
      Date: Tue, Mar 5, 2024 at 10:32 AM
      Subject: Broken
      To: <help@acme-support.com>

      It is broken.
      """
    let result = EmailFixtures.strip(body)
    #expect(result.text == "FYI, see the customer's message.")
    #expect(result.forwarded)
    #expect(result.quote?.hasSuffix("It is broken.") == true)
  }

  @Test func textThatOnlyLooksLikeHeadersStays() {
    let body = """
      From: the billing page I see two charges.
      Please refund one.

      Best,
      """
    let result = EmailFixtures.strip(body)
    #expect(result.text.hasPrefix("From: the billing page I see two charges.\nPlease refund one."))
    #expect(result.quote == nil)
  }

  @Test func thanksLineStaysAndNameGoes() {
    let result = EmailFixtures.strip("Works now.\n\nThanks a lot,\nDana")
    #expect(result.text == "Works now.\n\nThanks a lot,")
    #expect(result.signature == "Dana")
    let alone = EmailFixtures.strip("Thank you!")
    #expect(alone.text == "Thank you!")
    #expect(alone.signature == nil)
  }

  @Test func htmlRepliesFromWebmailClients() throws {
    let gmail = """
      From: Dana <dana@gmail.com>
      Subject: Re: Charger
      Message-ID: <g1@gmail.com>
      Content-Type: text/html; charset=UTF-8

      <div dir="ltr">Thanks, that fixed it!</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, \
      Apr 2, 2024 at 5:44 PM Bob &lt;<a href="mailto:bob@acme-support.com">bob@acme-support.com</a>&gt; \
      wrote:<br></div><blockquote class="gmail_quote">Try restarting.<br></blockquote></div>
      """
    let gmailTurn = try #require(
      EmailMessageReader().readAll(EmailFixtures.temporary(gmail)).conversations.first?.turns.first)
    #expect(gmailTurn.text == "Thanks, that fixed it!")
    #expect(
      gmailTurn.attributes["stripped_quote"]
        == "On Mon, Apr 2, 2024 at 5:44 PM Bob <bob@acme-support.com> wrote:\n> Try restarting.")

    let zimbra = """
      From: erin@example.net
      Subject: Re: Test
      Message-ID: <z1@example.net>
      Content-Type: text/html

      <html><body><div>Hello<br><br><hr id="zwchr"><b>From: </b>bob@acme-support.com<br><b>To: </b>erin@example.net\
      <br><b>Sent: </b>Monday, April 1, 2024 5:44:22 PM<br><b>Subject: </b>Test<br><br>Hi<br></div></body></html>
      """
    let zimbraTurn = try #require(
      EmailMessageReader().readAll(EmailFixtures.temporary(zimbra)).conversations.first?.turns.first)
    #expect(zimbraTurn.text == "Hello")
    #expect(zimbraTurn.attributes["stripped_quote"]?.hasPrefix("----\nFrom: bob@acme-support.com") == true)
  }

  @Test func attributionOverUnmarkedQuoteCutsToTheEnd() {
    let body = """
      Thanks, done.

      On Mar 5, 2024, at 10:00, Bob Agent <bob@acme-support.com> wrote:

      Hi Dana,
      Please try again.
      """
    let result = EmailFixtures.strip(body)
    #expect(result.text == "Thanks, done.")
    #expect(result.quote?.hasSuffix("Hi Dana,\nPlease try again.") == true)
    // Without a date or an address it is prose, not an attribution.
    let prose = EmailFixtures.strip("On Monday I wrote:\nthe steps below.")
    #expect(prose.text == "On Monday I wrote:\nthe steps below.")
  }

  @Test func mailingListFooterIsNotTheAuthors() {
    let body = """
      It uses 64 as the buffer size.

      alex

      _______________________________________________
      notmuch mailing list
      notmuch@notmuchmail.org
      http://notmuchmail.org/mailman/listinfo/notmuch
      """
    let result = EmailFixtures.strip(body)
    #expect(result.text == "It uses 64 as the buffer size.\n\nalex")
    #expect(
      result.signature?.hasPrefix("_______________________________________________\nnotmuch mailing list") == true)
  }
}
