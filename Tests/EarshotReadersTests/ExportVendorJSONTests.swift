import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

@Suite struct ExportVendorJSONTests {
  @Test func zendeskAPIResponseUsesUserRoles() throws {
    let file = try ReaderFixtures.file("exports/zendesk/ticket-api.json")
    #expect(try ReaderFixtures.claimants(file) == ["zendesk-json"])
    let (conversations, _) = try ZendeskJSONReader().readAll(file)
    let ticket = try #require(conversations.first)
    #expect(ticket.id == "35436")
    #expect(ticket.channel == "web")
    #expect(ticket.metadata["subject"] == "Help, my printer is on fire!")
    #expect(ticket.metadata["tags"] == "enterprise printer")
    #expect(ticket.turns.map(\.role) == [.customer, .agent, .agent, .system])
    #expect(ticket.turns[1].attributes["visibility"] == "internal")
    // Paragraphs are separated by a blank line, as in HTML mail (one converter for both).
    #expect(ticket.turns[2].text == "Please unplug the printer & step away.\n\nRegards,\nSam")
    #expect(ticket.participant(withID: "235323")?.name == "Sam Agent")
    #expect(ticket.turns[0].timestamp == TimestampParser().parse("2009-07-20T22:55:29Z"))
  }

  @Test func zendeskNDJSONReportsTheBadLineAndReadsTheRest() throws {
    let file = try ReaderFixtures.file("exports/zendesk/export.ndjson")
    #expect(try ReaderFixtures.claimants(file) == ["zendesk-json"])
    let (conversations, diagnostics) = try ZendeskJSONReader().readAll(file)
    #expect(conversations.map(\.id) == ["101", "103"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.line == 2)
    #expect(conversations[0].turns.map(\.role) == [.customer, .agent])
    #expect(conversations[0].participant(withID: "9")?.name == "Mia")
    #expect(conversations[0].channel == .email)
    #expect(conversations[1].turns.map(\.role) == [.customer, .agent])
    #expect(conversations[1].metadata["roles"] == "derived")
  }

  @Test func intercomCurrentShapeWithBotNoteAndSystemParts() throws {
    let file = try ReaderFixtures.file("exports/intercom/conversation-current.json")
    #expect(try ReaderFixtures.claimants(file) == ["intercom-json"])
    let (conversations, _) = try IntercomJSONReader().readAll(file)
    let chat = try #require(conversations.first)
    #expect(chat.id == "1911149811")
    #expect(chat.turns.map(\.role) == [.customer, .bot, .agent, .agent])
    #expect(chat.turns[0].text == "Hi, I was charged twice for my subscription.")
    #expect(chat.turns[2].attributes["visibility"] == "internal")
    #expect(chat.turns[3].text == "Sorry about that \u{2014} I've refunded the second charge.")
    #expect(chat.turns[0].timestamp == Date(timeIntervalSince1970: 1_663_597_223))
    #expect(chat.participant(withID: "991267608")?.name == "Ciaran Lee")
  }

  @Test func intercomOldShape() throws {
    let file = try ReaderFixtures.file("exports/intercom/conversation-old.json")
    let (conversations, _) = try IntercomJSONReader().readAll(file)
    let chat = try #require(conversations.first)
    #expect(chat.channel == .email)
    #expect(chat.metadata["subject"] == "Order never arrived")
    #expect(chat.turns.map(\.text) == ["Where is order 5521?", "It ships tomorrow."])
    #expect(chat.turns.map(\.role) == [.customer, .agent])
  }

  @Test func intercomMalformedJSONHasAPosition() throws {
    let file = try ReaderFixtures.file("exports/intercom/malformed.json")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(IntercomJSONReader(), file))
    #expect(diagnostic.message.contains("invalid JSON"))
    #expect(diagnostic.location.line == 1)
  }

  @Test func contactLensRolesComeFromTheParticipantList() throws {
    let file = try ReaderFixtures.file("exports/contact-lens/chat-analysis.json")
    #expect(try ReaderFixtures.claimants(file) == ["aws-contact-lens"])
    let (conversations, _) = try ContactLensReader().readAll(file)
    let chat = try #require(conversations.first)
    #expect(chat.id == "a1b2c3d4-contact")
    #expect(chat.channel == .chat)
    #expect(chat.turns.map(\.role) == [.bot, .customer, .system, .agent])
    #expect(chat.turns[2].attributes["event"] == "participant.joined")
    #expect(chat.turns[1].attributes["sentiment"] == "NEGATIVE")
    #expect(chat.participant(withID: "7f4b-agent-uuid")?.role == .agent)
    #expect(chat.turns[3].timestamp == TimestampParser().parse("2024-05-01T09:01:10Z"))
    #expect(chat.metadata["categories"] == "billing")
  }

  @Test func transcribeCallAnalyticsKeepsOffsets() throws {
    let file = try ReaderFixtures.file("exports/contact-lens/call-analytics.json")
    #expect(try ReaderFixtures.claimants(file) == ["aws-contact-lens"])
    let (conversations, _) = try ContactLensReader().readAll(file)
    let call = try #require(conversations.first)
    #expect(call.id == "call-2024-05-01-0001")
    #expect(call.channel == .voice)
    #expect(call.turns.map(\.role) == [.agent, .customer])
    #expect(call.turns[1].attributes["offset_ms"] == "3300")
    #expect(call.turns[1].timestamp == nil)
  }

  @Test func ccaiUploadFormat() throws {
    let file = try ReaderFixtures.file("exports/ccai/upload.json")
    #expect(try ReaderFixtures.claimants(file) == ["ccai-insights"])
    let (conversations, _) = try CCAIInsightsReader().readAll(file)
    let chat = try #require(conversations.first)
    #expect(chat.id == "upload")
    #expect(chat.turns.map(\.role) == [.agent, .customer, .bot])
    #expect(chat.turns[1].timestamp == Date(timeIntervalSince1970: 1_714_554_012))
    #expect(chat.metadata["categories"] == "Billing")
  }

  @Test func ccaiAPIResource() throws {
    let file = try ReaderFixtures.file("exports/ccai/resource.json")
    #expect(try ReaderFixtures.claimants(file) == ["ccai-insights"])
    let (conversations, _) = try CCAIInsightsReader().readAll(file)
    let call = try #require(conversations.first)
    #expect(call.id == "conv-42")
    #expect(call.channel == .voice)
    #expect(call.turns.map(\.role) == [.agent, .customer])
    #expect(call.turns[1].attributes["sentiment_score"] == "-0.6")
  }

  @Test func contactLensWithTheWrongShapeIsADiagnostic() throws {
    let file = try ReaderFixtures.file("exports/contact-lens/malformed.json")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(ContactLensReader(), file))
    #expect(diagnostic.message.lowercased().contains("transcript"))
  }

  @Test func ccaiTruncatedJSONIsADiagnostic() throws {
    let file = try ReaderFixtures.file("exports/ccai/malformed.json")
    #expect(try ReaderFixtures.claimants(file) == ["ccai-insights"])
    let diagnostic = try #require(ReaderFixtures.expectRefusal(CCAIInsightsReader(), file))
    #expect(diagnostic.message.contains("invalid JSON"))
  }

  @Test func vendorReadersLeaveEarshotJSONAndChatLogsAlone() {
    let samples = [
      "{\"id\": \"x\", \"channel\": \"chat\", \"turns\": [{\"speaker\": \"a\", \"role\": \"agent\", \"text\": \"hi\"}]}",
      "{\"id\": \"x\", \"turns\": [], \"metadata\": {\"author_id\": \"1\", \"public\": \"yes\"}}",
      "# company: Acme\n[10:32] Agent Bob: hello\n[10:33] Customer: hi",
      "[{\"convo_id\": 1, \"original\": [[\"agent\", \"hi\"]]}]",
    ]
    for text in samples {
      let sample = InputSample(file: InputFile(path: "sample.json"), head: Array(text.utf8))
      #expect(ReaderFixtures.readers.filter { $0.sniff(sample) }.isEmpty, "\(text)")
    }
  }
}
