import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

@Suite struct XMLReadersTests {
  @Test func semEvalThreadsBecomeForumConversations() throws {
    let file = try ReaderFixtures.file("xml/semeval/semeval2016-excerpt.xml")
    #expect(try ReaderFixtures.claimants(file) == ["semeval-cqa-xml"])
    let (conversations, diagnostics) = try SemEvalXMLReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.map(\.id) == ["Q201_R7", "Q201_R23"])
    let first = try #require(conversations.first)
    #expect(first.channel == .forum)
    #expect(first.turns.count == 5)
    #expect(first.turns[0].role == .customer)
    #expect(first.turns[0].speaker == "U1684")
    #expect(first.turns[0].text.hasPrefix("QR1;500/month Car Rental???\nG'day all"))
    #expect(first.turns[1].role == .agent)
    #expect(first.turns[1].attributes["relevance"] == "Good")
    #expect(first.turns[1].attributes["relevance_orgq"] == "PotentiallyUseful")
    #expect(first.turns[1].attributes["comment_id"] == "Q201_R7_C1")
    // The asker's own comment stays on the customer side.
    #expect(first.turns[2].speaker == "U1684")
    #expect(first.turns[2].role == .customer)
    #expect(first.metadata["org_question_id"] == "Q201")
    #expect(first.metadata["org_question_subject"] == "which mobile is best under 2000QR")
    #expect(first.metadata["rel_question_id"] == "Q201_R7")
    #expect(first.metadata["rel_question_subject"] == "QR1;500/month Car Rental???")
    #expect(first.metadata["same_as_thread"] == "Q46_R12")
    #expect(first.participant(withID: "U1685")?.name == "dohaboytoy")
    let second = try #require(conversations.last)
    #expect(second.turns[1].text.hasPrefix("...and you can be out"))
    #expect(second.turns[3].text.hasPrefix("I know. But it's a pain"))
    #expect(second.turns[0].timestamp == TimestampParser().parse("2009-08-02 11:44:14"))
  }

  @Test func malformedSemEvalReportsLineAndColumn() throws {
    let file = try ReaderFixtures.file("xml/semeval/malformed.xml")
    var emitted: [String] = []
    let error = #expect(throws: InputDiagnostic.self) {
      try SemEvalXMLReader().read(file, emit: { emitted.append($0.id) }, diagnose: { _ in })
    }
    // libxml2 parses ahead in chunks, so threads in the same chunk as the error may not be emitted.
    #expect(emitted.count <= 1)
    #expect(error?.location.line == 19)
    #expect(error?.location.column != nil)
    #expect(error?.message.hasPrefix("malformed XML") == true)
  }

  @Test func npsSessionIsOneChatWithDialogueActs() throws {
    let file = try ReaderFixtures.file("xml/nps/11-08-adults-excerpt.xml")
    #expect(try ReaderFixtures.claimants(file) == ["nps-chat-xml"])
    let (conversations, _) = try NPSChatXMLReader().readAll(file)
    let session = try #require(conversations.first)
    #expect(conversations.count == 1)
    #expect(session.id == "11-08-adults-excerpt")
    #expect(session.turns.count == 16)
    #expect(session.turns[0].role == .system)
    #expect(session.turns[0].text == "JOIN")
    #expect(session.turns[1].text == "no rain here..for a change LOL")
    #expect(session.turns[1].attributes["dialogue_act"] == "nAnswer")
    #expect(session.turns[1].role == .unknown)
    #expect(session.turns[7].attributes["dialogue_act"] == "whQuestion")
    #expect(session.turns[7].text == "HOW R U ALL DOING 2DAY")
    #expect(session.metadata["roles"] == "none")
  }

  @Test func earshotXMLMirrorsTheJSONFormat() throws {
    let file = try ReaderFixtures.file("xml/earshot/two-conversations.xml")
    #expect(try ReaderFixtures.claimants(file) == ["earshot-xml"])
    let (conversations, diagnostics) = try EarshotXMLReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.count == 2)
    let chat = try #require(conversations.first)
    #expect(chat.id == "acme-1001")
    #expect(chat.company == "Acme")
    #expect(chat.metadata == ["subject": "Parcel not delivered", "queue": "Deliveries"])
    #expect(chat.participants.map(\.role) == [.customer, .agent])
    #expect(chat.turns[0].text == "My order 12345 never arrived & the tracking page is blank.")
    #expect(chat.turns[2].text == "It left our depot on <Monday>; I have re-sent it.")
    #expect(chat.turns[1].role == .agent)
    #expect(chat.turns[0].timestamp == TimestampParser().parse("2024-03-01T10:32:00Z"))
    #expect(chat.turns[3].location?.line == 17)
    let mail = try #require(conversations.last)
    #expect(mail.channel == .email)
    #expect(mail.turns[0].timestamp == Date(timeIntervalSince1970: 1_709_290_000))
    #expect(mail.participant(withID: "support@acme.example")?.name == "Acme Support")
  }

  @Test func earshotXMLBadConversationIsDiagnosedAndOthersKept() throws {
    let file = try ReaderFixtures.file("xml/earshot/bad-role.xml")
    let (conversations, diagnostics) = try EarshotXMLReader().readAll(file)
    #expect(conversations.map(\.id) == ["good-1"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.message.contains("shopper") == true)
  }

  @Test func earshotXMLUnclosedTagHasLineAndColumn() throws {
    let file = try ReaderFixtures.file("xml/earshot/unclosed.xml")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(EarshotXMLReader(), file))
    #expect(diagnostic.location.line == 5)
    #expect(diagnostic.location.column != nil)
    #expect(diagnostic.message.contains("turn"))
  }

  @Test func zendeskTicketsUseUsersXMLForRoles() throws {
    let file = try ReaderFixtures.file("xml/zendesk/tickets.xml")
    #expect(try ReaderFixtures.claimants(file) == ["zendesk-xml"])
    let (conversations, diagnostics) = try ZendeskXMLReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.map(\.id) == ["4711", "4712"])
    let ticket = try #require(conversations.first)
    #expect(ticket.channel == .email)
    #expect(ticket.metadata["subject"] == "Double charge")
    #expect(ticket.metadata["tags"] == "billing refund")
    #expect(ticket.turns.map(\.role) == [.customer, .agent, .agent])
    #expect(ticket.turns[1].attributes["visibility"] == "internal")
    #expect(ticket.turns[2].attributes["visibility"] == nil)
    #expect(ticket.participant(withID: "900")?.name == "Carla (Support)")
    #expect(ticket.turns[0].timestamp == TimestampParser().parse("2012-06-19T18:32:20Z"))
    // A ticket without comments keeps its description as the customer's turn.
    let second = try #require(conversations.last)
    #expect(second.channel == .chat)
    #expect(second.turns.map(\.text) == ["How do I export my data?"])
    #expect(second.participant(withID: "502")?.name == "Ben Okafor")
  }

  @Test func zendeskUsersSideTableIsClaimedButHoldsNoConversations() throws {
    let file = try ReaderFixtures.file("xml/zendesk/users.xml")
    #expect(try ReaderFixtures.claimants(file) == ["zendesk-xml"])
    let (conversations, diagnostics) = try ZendeskXMLReader().readAll(file)
    #expect(conversations.isEmpty)
    #expect(diagnostics.isEmpty)
  }

  @Test func zendeskWithoutUsersDerivesRolesFromTheRequester() throws {
    let file = try ReaderFixtures.file("xml/zendesk-noroles/tickets.xml")
    let (conversations, _) = try ZendeskXMLReader().readAll(file)
    let ticket = try #require(conversations.first)
    #expect(ticket.turns.map(\.role) == [.customer, .agent, .agent])
    #expect(ticket.metadata["roles"] == "derived")
  }

  @Test func genesysPartiesGiveRolesBotsAndInternalMessages() throws {
    let file = try ReaderFixtures.file("xml/genesys/chat-transcript.xml")
    #expect(try ReaderFixtures.claimants(file) == ["genesys-chat-xml"])
    let (conversations, _) = try GenesysXMLReader().readAll(file)
    let chat = try #require(conversations.first)
    #expect(chat.id == "0001KaBCD123XYZ")
    #expect(chat.company == "Globex Telecom")
    #expect(chat.turns.map(\.role) == [.customer, .bot, .customer, .system, .agent, .agent])
    #expect(chat.turns[3].speaker == "system")
    #expect(chat.participant(withID: "007553863DC30002")?.role == .bot)
    #expect(chat.turns[4].attributes["visibility"] == "internal")
    #expect(chat.turns[5].text.hasPrefix("Hi Maria"))
    #expect(chat.turns[5].timestamp == TimestampParser().parse("2022-03-05T07:10:33Z"))
    #expect(chat.participant(withID: "007553863DC30003")?.name == "Piotr")
    #expect(chat.metadata["agent_login"] == "agent.kowalski")
  }

  @Test func genesysMalformedHasLineAndColumn() throws {
    let file = try ReaderFixtures.file("xml/genesys/truncated.xml")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(GenesysXMLReader(), file))
    #expect(diagnostic.location.line == 4)
    #expect(diagnostic.location.column != nil)
    #expect(diagnostic.description.contains("truncated.xml:4:"))
  }

  @Test func npsPostWithoutUserIsDiagnosedAndSkipped() throws {
    let file = try ReaderFixtures.file("xml/nps/malformed.xml")
    let (conversations, diagnostics) = try NPSChatXMLReader().readAll(file)
    #expect(conversations.first?.turns.map(\.text) == ["hello room", "fine"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.line == 6)
    #expect(diagnostics.first?.message.contains("'user'") == true)
  }

  @Test func zendeskTicketWithoutNumberIsDiagnosedAndOthersKept() throws {
    let file = try ReaderFixtures.file("xml/zendesk-broken/tickets.xml")
    let (conversations, diagnostics) = try ZendeskXMLReader().readAll(file)
    #expect(conversations.map(\.id) == ["77"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.line == 4)
    #expect(diagnostics.first?.message.contains("nice-id") == true)
  }

  @Test(arguments: [
    ("xml/semeval/semeval2016-excerpt.xml", "semeval-cqa-xml"),
    ("xml/nps/11-08-adults-excerpt.xml", "nps-chat-xml"),
    ("xml/earshot/two-conversations.xml", "earshot-xml"),
    ("xml/zendesk/tickets.xml", "zendesk-xml"),
    ("xml/genesys/chat-transcript.xml", "genesys-chat-xml"),
    ("exports/twcs/twcs-excerpt.csv", "twitter-csv"),
    ("exports/zendesk/ticket-api.json", "zendesk-json"),
    ("exports/zendesk/export.ndjson", "zendesk-json"),
    ("exports/intercom/conversation-old.json", "intercom-json"),
    ("exports/contact-lens/chat-analysis.json", "aws-contact-lens"),
    ("exports/ccai/upload.json", "ccai-insights"),
    ("exports/slack/export/support-acme/2024-03-01.json", "slack-export"),
    ("exports/whatsapp/android.txt", "whatsapp-txt"),
  ])
  func builtInRegistryDetectsEachFixture(path: String, format: String) throws {
    let file = try ReaderFixtures.file(path)
    #expect(try ReaderRegistry.builtIn().detect(file).format == format)
  }

  @Test func xmlReadersDoNotClaimOtherFormats() throws {
    let samples = [
      "{\"id\": \"x\", \"turns\": []}",
      "[10:32] Agent Bob: hello",
      "<?xml version=\"1.0\"?><rss><channel/></rss>",
      "<html><body>hi</body></html>",
    ]
    for text in samples {
      let sample = InputSample(file: InputFile(path: "sample.txt"), head: Array(text.utf8))
      #expect(ReaderFixtures.readers.filter { $0.sniff(sample) }.isEmpty, "\(text)")
    }
  }
}
