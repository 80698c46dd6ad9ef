import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

@Suite struct ExportChatTests {
  @Test func slackExportGroupsThreadsAndUsesSlackConnectTeams() throws {
    let root = try ReaderFixtures.root().appendingPathComponent("exports/slack/export")
    let paths = [
      "users.json", "channels.json", "support-acme/2024-03-01.json", "support-acme/2024-03-02.json",
      "general/2024-03-01.json",
    ]
    let files = paths.map { InputFile(path: root.appendingPathComponent($0).path) }
    let reader = SlackExportReader()
    for file in files {
      #expect(try ReaderFixtures.claimants(file) == ["slack-export"], "\(file.path)")
      #expect(reader.groupKey(for: file) == root.path)
    }
    var conversations: [Conversation] = []
    try reader.read(group: files, emit: { conversations.append($0) }, diagnose: { Issue.record("\($0)") })
    #expect(
      conversations.map(\.id) == ["general/2024-03-01", "support-acme/2024-03-01", "support-acme/1709287200.000200"])
    let thread = try #require(conversations.last)
    #expect(thread.turns.map(\.role) == [.customer, .agent, .bot, .customer])
    #expect(thread.turns[0].text == "Our SSO login fails since the update & nobody can sign in")
    #expect(thread.turns[1].text == "@lee thanks, looking into it. See our status page")
    #expect(thread.turns[3].timestamp == Date(timeIntervalSince1970: 1_709_370_000.0001))
    #expect(thread.participant(withID: "U01AGENT")?.name == "Maria")
    let join = try #require(conversations.first { $0.id == "support-acme/2024-03-01" })
    #expect(join.turns.map(\.role) == [.system])
    let general = try #require(conversations.first)
    #expect(general.metadata["roles"] == "guessed")
  }

  @Test func slackAgentNamesOverrideTeams() throws {
    let root = try ReaderFixtures.root().appendingPathComponent("exports/slack/export")
    let file = InputFile(path: root.appendingPathComponent("general/2024-03-01.json").path)
    let reader = SlackExportReader(options: ExportReaderOptions(agentNames: ["tom"]))
    let (conversations, _) = try reader.readAll(file)
    #expect(conversations.first?.turns.map(\.role) == [.agent, .customer])
  }

  @Test func slackBrokenDayFileIsDiagnosedAndTheRestRead() throws {
    let root = try ReaderFixtures.root().appendingPathComponent("exports/slack/broken-export")
    let files = ["users.json", "channels.json", "support/2024-03-01.json", "support/2024-03-02.json"].map {
      InputFile(path: root.appendingPathComponent($0).path)
    }
    var conversations: [Conversation] = []
    var diagnostics: [InputDiagnostic] = []
    try SlackExportReader().read(
      group: files, emit: { conversations.append($0) }, diagnose: { diagnostics.append($0) })
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.file.hasSuffix("2024-03-01.json") == true)
    #expect(conversations.map(\.id) == ["support/2024-03-02"])
    #expect(conversations.first?.turns.map(\.role) == [.customer, .agent])
  }

  @Test func whatsAppAndroidWithContinuationAndSystemLines() throws {
    let file = try ReaderFixtures.file("exports/whatsapp/android.txt")
    #expect(try ReaderFixtures.claimants(file) == ["whatsapp-txt"])
    let reader = WhatsAppReader(options: ExportReaderOptions(agentNames: ["Acme Store"], company: "Acme"))
    let (conversations, diagnostics) = try reader.readAll(file)
    #expect(diagnostics.isEmpty)
    let chat = try #require(conversations.first)
    #expect(chat.company == "Acme")
    #expect(chat.turns.map(\.role) == [.system, .customer, .agent, .customer, .customer])
    #expect(chat.turns[2].text == "Hi Dana! Yes, 10:00 to 16:00.\nWe close early on the 31st.")
    #expect(chat.turns[1].timestamp == TimestampParser().parse("2019-12-24T11:23:00Z"))
    #expect(chat.turns[3].timestamp == TimestampParser().parse("2019-12-24T23:40:00Z"))
  }

  @Test func whatsAppIOSDayFirstTwelveHourClock() throws {
    let file = try ReaderFixtures.file("exports/whatsapp/ios.txt")
    #expect(try ReaderFixtures.claimants(file) == ["whatsapp-txt"])
    let (conversations, _) = try WhatsAppReader().readAll(file)
    let chat = try #require(conversations.first)
    #expect(chat.turns.map(\.speaker) == ["Acme Store", "Kim", "Acme Store"])
    #expect(chat.metadata["roles"] == "guessed")
    #expect(chat.turns[2].timestamp == TimestampParser().parse("2024-10-24T13:05:10Z"))
  }

  @Test func whatsAppMalformedFileIsRefusedWithItsLine() throws {
    let file = try ReaderFixtures.file("exports/whatsapp/malformed.txt")
    #expect(try ReaderFixtures.claimants(file).isEmpty)
    let diagnostic = try #require(ReaderFixtures.expectRefusal(WhatsAppReader(), file))
    #expect(diagnostic.location.line == 1)
  }

  @Test func genericCSVNeedsAMappingThenGroupsRows() throws {
    let file = try ReaderFixtures.file("exports/csv/chats.csv")
    #expect(try ReaderFixtures.claimants(file).isEmpty)
    let mapping = CSVColumnMapping(
      conversationID: "ticket", speaker: "author", role: "author_type", timestamp: "sent_at", text: "message",
      company: "brand")
    let options = ExportReaderOptions(csvColumns: mapping)
    let reader = GenericCSVReader(options: options)
    let sample = InputSample(file: file, head: try file.head())
    #expect(reader.sniff(sample))
    let (conversations, diagnostics) = try reader.readAll(file)
    #expect(conversations.map(\.id) == ["T-1", "T-2"])
    #expect(conversations[0].turns.map(\.role) == [.customer, .agent, .customer])
    #expect(conversations[0].turns[1].text == "Sorry Dana, checking \"12345\" now.\nIt left yesterday.")
    #expect(conversations[0].turns[2].location?.line == 6)
    #expect(conversations[0].company == "Acme")
    #expect(conversations[1].turns.map(\.role) == [.customer, .bot])
    #expect(conversations[1].company == "Acme Pro")
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.line == 7)
  }

  @Test func genericCSVMissingColumnIsADiagnostic() throws {
    let file = try ReaderFixtures.file("exports/csv/chats.csv")
    let options = ExportReaderOptions(csvColumns: CSVColumnMapping(speaker: "author", text: "body"))
    let diagnostic = try #require(ReaderFixtures.expectRefusal(GenericCSVReader(options: options), file))
    #expect(diagnostic.message.contains("'body'"))
  }
}
