import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// Real messages from the notmuch test corpora (see `Fixtures/email/notmuch/SOURCE.md`).
@Suite struct EmailNotmuchTests {
  @Test func ghostRootFolderFormsTheTwoThreadsItsHeadersDescribe() throws {
    let files = try EmailFixtures.files(under: "notmuch/threading/ghost-root")
    #expect(files.count == 9)
    let (conversations, diagnostics) = try EmailFixtures.readGroup(files)
    #expect(diagnostics.isEmpty)
    #expect(conversations.count == 2)
    let family = try #require(conversations.first { $0.id == "000-real-root@example.org" })
    #expect(family.turns.count == 6)
    #expect(
      Set(family.turns.compactMap { $0.attributes["message_id"] }) == [
        "000-real-root@example.org", "001-child@example.org", "001-grand-child@example.org",
        "001-grand-child2@example.org", "001-great-grand-child@example.org", "001-fake-message-root@example.org",
      ])
    // Mallory's message claims a missing parent; its References put it under the child, not at the root.
    let fake = try #require(family.turns.first { $0.attributes["message_id"] == "001-fake-message-root@example.org" })
    #expect(fake.attributes["in_reply_to"] == "001-child@example.org")
    let great = try #require(family.turns.first { $0.attributes["message_id"] == "001-great-grand-child@example.org" })
    #expect(great.attributes["in_reply_to"] == "001-grand-child@example.org")
    #expect(family.turns.first?.attributes["message_id"] == "000-real-root@example.org")
    #expect(family.metadata["subject"] == "root message")

    // The request-tracker replies share a ghost ticket id with the original report.
    let ticket = try #require(conversations.first { $0.id == "87bmc6lp3h.fsf@len.workgroup" })
    #expect(ticket.turns.count == 3)
    #expect(ticket.turns.map(\.role) == [.customer, .agent, .agent])
    #expect(ticket.metadata["roles"] == "guessed")
    let dates = ticket.turns.compactMap(\.timestamp)
    #expect(dates == dates.sorted())
    #expect(ticket.turns[2].text.hasPrefix("According to our records, your request has been resolved."))
  }

  @Test func parentPriorityMaildirPrefersInReplyToOverABrokenReference() throws {
    let reader = EmailMessageReader()
    let files = try EmailFixtures.files(under: "notmuch/threading/parent-priority")
    #expect(Set(files.map { reader.groupKey(for: $0) }).count == 1)
    let key = try #require(files.first.map { reader.groupKey(for: $0) })
    #expect(key.hasSuffix("notmuch/threading/parent-priority"))
    let (conversations, diagnostics) = try EmailFixtures.readGroup(files)
    #expect(diagnostics.isEmpty)
    let thread = try #require(conversations.first)
    #expect(conversations.count == 1)
    #expect(thread.id == "B00-root@example.org")
    #expect(
      thread.turns.map { $0.attributes["message_id"] ?? "" } == [
        "B00-root@example.org", "B01-child@example.org", "B01-grand-child@example.org",
      ])
    #expect(thread.turns[1].attributes["in_reply_to"] == "B00-root@example.org")
    #expect(thread.turns[2].attributes["in_reply_to"] == "B01-child@example.org")
  }

  @Test func archiveThreadStripsQuotesAndSignatures() throws {
    let files = try EmailFixtures.files(under: "notmuch/archive")
    let (conversations, diagnostics) = try EmailFixtures.readGroup(files)
    #expect(diagnostics.isEmpty)
    let thread = try #require(conversations.first { $0.id == "20091117232137.GA7669@griffis1.net" })
    #expect(thread.channel == .email)
    #expect(thread.company == "notmuchmail.org")
    #expect(thread.turns.map(\.speaker) == ["agriffis@n01se.net", "keithp@keithp.com", "cworth@cworth.org"])
    #expect(thread.turns.map(\.role) == [.customer, .agent, .agent])
    #expect(thread.participants.first?.name == "Aron Griffis")

    let question = thread.turns[0]
    #expect(question.text.hasPrefix("Just subscribed, I'd like to catch up"))
    #expect(question.text.hasSuffix("Thanks,"))
    #expect(question.attributes["stripped_signature"] == "Aron")
    #expect(question.timestamp == Date(timeIntervalSince1970: 1_258_500_098))

    let keith = thread.turns[1]
    #expect(
      keith.text
        == "Yeah, the archive appears broken and will need to wait until Carl\narrives in Barcelona to get fixed.")
    #expect(keith.attributes["stripped_quote"]?.contains("Aron Griffis <agriffis at n01se.net> wrote:") == true)
    #expect(keith.attributes["stripped_signature"]?.contains("keith.packard at intel.com") == true)

    let carl = thread.turns[2]
    #expect(carl.text.hasPrefix("Fixed it in transit in Frankfurt"))
    #expect(!carl.text.contains(">"))
    #expect(carl.attributes["stripped_quote"]?.contains("> > Just subscribed") == true)
  }

  @Test func isoLatin1QuotedPrintableAndEncodedSubject() throws {
    let files = try EmailFixtures.files(under: "notmuch/archive")
    let (conversations, _) = try EmailFixtures.readGroup(files)
    let essai = try #require(conversations.first { $0.id == "877h1wv7mg.fsf@inf-8657.int-evry.fr" })
    #expect(essai.metadata["subject"] == "Essai accentué")
    #expect(essai.turns[0].text == "Du texte accentué pour ça ...\n\nà la bonne heure !")
    #expect(essai.turns[0].attributes["stripped_signature"]?.hasPrefix("--\nOlivier BERGER") == true)
  }

  @Test func htmlOnlyMessageHidesAttributeText() throws {
    let (conversations, diagnostics) = try EmailFixtures.read("notmuch/html/attribute-text")
    #expect(diagnostics.isEmpty)
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text == "hunter2")
    #expect(turn.attributes["text_source"] == "html")
  }

  @Test func alternativePrefersPlainTextAndDecodesEncodedSender() throws {
    let (conversations, _) = try EmailFixtures.read("notmuch/html/embedded-image")
    let conversation = try #require(conversations.first)
    #expect(conversation.metadata["subject"] == "Tack alla trafikanter och fotgängare!")
    #expect(conversation.participants.first?.name == "malmoborg")
    let turn = try #require(conversation.turns.first)
    #expect(turn.text.contains("Malmö 2016-07-09"))
    #expect(!turn.text.contains("<table"))
    #expect(turn.attributes["stripped_signature"]?.contains("Feed: Förvaltnings AB Malmöborg") == true)
  }

  @Test func attachmentsAreNotedNotRead() throws {
    let (gtar, _) = try EmailFixtures.read("notmuch/attachment/x-gtar-compressed.eml")
    let turn = try #require(gtar.first?.turns.first)
    #expect(turn.attributes["attachments"] == "zendesk-email-loop2.tgz (application/x-gtar-compressed)")
    #expect(turn.text.hasPrefix("And obviously I forget the frigging attachment."))

    let (calendar, _) = try EmailFixtures.read("notmuch/attachment/text-calendar.eml")
    let invite = try #require(calendar.first?.turns.first)
    #expect(invite.text == "This meeting will could have been an email")
    #expect(invite.attributes["attachments"]?.contains("text/calendar") == true)
    // `Thu Jan 01 00:00:10 +0000` has no year: kept as written, not guessed.
    #expect(invite.timestamp == nil)
    #expect(invite.attributes["unparsed_date"] == "Thu Jan 01 00:00:10 +0000")
  }

  @Test func corpusFilesAreSniffedAsEmailWithoutExtensions() throws {
    let registry = ReaderRegistry.builtIn()
    for file in try EmailFixtures.files(under: "notmuch") where !file.path.hasSuffix(".md") {
      let reader = try registry.detect(file)
      #expect(reader.format == "email", "\(file.path)")
    }
  }
}
