import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

@Suite struct ExportTwitterCSVTests {
  @Test func replyGraphsBecomeConversations() throws {
    let file = try ReaderFixtures.file("exports/twcs/twcs-excerpt.csv")
    #expect(try ReaderFixtures.claimants(file) == ["twitter-csv"])
    let (conversations, diagnostics) = try TwitterCSVReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.map(\.id) == ["8", "18", "36", "66", "3399"])
    #expect(conversations.map(\.turns.count) == [7, 6, 4, 5, 2])
    let sprint = try #require(conversations.first)
    #expect(sprint.company == "sprintcare")
    #expect(sprint.channel == .social)
    #expect(sprint.turns.map { $0.attributes["tweet_id"] ?? "" } == ["8", "6", "5", "4", "3", "1", "2"])
    #expect(sprint.turns.map(\.role) == [.customer, .agent, .customer, .agent, .customer, .agent, .customer])
    #expect(sprint.turns[0].timestamp == TimestampParser().parse("2017-10-31T21:45:10Z"))
  }

  @Test func signOffsNameTheIndividualAgent() throws {
    let file = try ReaderFixtures.file("exports/twcs/twcs-excerpt.csv")
    let (conversations, _) = try TwitterCSVReader().readAll(file)
    let sprint = try #require(conversations.first { $0.id == "18" })
    #expect(sprint.agents.map(\.id) == ["sprintcare/AA", "sprintcare/KC"])
    let verizon = try #require(conversations.first { $0.id == "36" })
    #expect(verizon.agents.map(\.id) == ["VerizonSupport/HSB"])
    let chipotle = try #require(conversations.first { $0.id == "66" })
    #expect(chipotle.agents.map(\.id) == ["ChipotleTweets/Becky"])
    #expect(chipotle.turns[1].attributes["signoff"] == "Becky")
    let unsigned = try TwitterCSVReader(options: ExportReaderOptions(twitterSignOffs: false)).readAll(file)
    #expect(unsigned.conversations.first { $0.id == "18" }?.agents.map(\.id) == ["sprintcare"])
  }

  @Test func bareCarriageReturnsStayInsideTheText() throws {
    let file = try ReaderFixtures.file("exports/twcs/twcs-excerpt.csv")
    let (conversations, _) = try TwitterCSVReader().readAll(file)
    let paypal = try #require(conversations.first { $0.id == "3399" })
    #expect(paypal.turns[0].text.hasPrefix("@AskPayPal \r\rI just love"))
    #expect(paypal.company == "AskPayPal")
  }

  @Test func unclosedQuoteIsADiagnosticWithTheRecordLine() throws {
    let file = try ReaderFixtures.file("exports/twcs/broken-quote.csv")
    let diagnostic = try #require(ReaderFixtures.expectRefusal(TwitterCSVReader(), file))
    #expect(diagnostic.location.line == 2)
    #expect(diagnostic.message.contains("never closes"))
  }

  @Test(arguments: [
    ("@115713 This is saddening to hear. Please shoot us a DM -KC", "KC"),
    ("@1 Thanks ^JG https://t.co/znUu1VJn9r", "JG"),
    ("@1 Hello!\n^HSB", "HSB"),
    ("@1 How can I help? ~ Ellen", "Ellen"),
    ("@1 Correction done! :) See you on board! Cheers!- Anwar", "Anwar"),
    ("@1 Can you DM the full address? –XG", "XG"),
    ("@1 Here you go. ^Jane 2/2", "Jane"),
    ("@1 We're at your service here. -RE.", "RE"),
    ("@1 Keep us posted /LS", "LS"),
  ])
  func signOffPatterns(text: String, agent: String) {
    #expect(TwitterSignOff.agent(in: text) == agent)
  }

  @Test(arguments: [
    "@1 Please send us a DM with your e-mail",
    "@1 We are open 24/7",
    "@1 Check https://t.co/abc",
    "@1 Thanks for reaching out!",
    "@1 Try Settings > General > About",
  ])
  func notSignOffs(text: String) {
    #expect(TwitterSignOff.agent(in: text) == nil)
  }

  @Test func twitterDatesParse() {
    #expect(TwitterDate.parse("Tue Oct 31 22:10:47 +0000 2017") == TimestampParser().parse("2017-10-31T22:10:47Z"))
    #expect(TwitterDate.parse("Tue Oct 31 22:10:47 -0130 2017") == TimestampParser().parse("2017-10-31T23:40:47Z"))
    #expect(TwitterDate.parse("yesterday") == nil)
  }
}
