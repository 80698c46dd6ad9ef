import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// mbox splitting, maildir threading, roles, companies and format sniffing.
@Suite struct EmailThreadingTests {
  static let acme = EmailReaderOptions(
    agentDomains: ["acme-support.com"], agentAddresses: [], agentHeader: "X-Agent",
    companyByDomain: ["acme-support.com": "Acme"])

  @Test func mboxSplitsMessagesAndUnquotesFromLines() throws {
    let file = try EmailFixtures.file("own/support.mbox")
    let (conversations, diagnostics) = try MboxReader(options: Self.acme).readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.map(\.id) == ["mbox-1@example.com", "mbox-3@example.com"])
    let refund = conversations[0]
    #expect(refund.turns.count == 2)
    #expect(refund.turns[0].text.contains("\nFrom what I read on your site, I have 30 days."))
    #expect(refund.turns[0].text.contains("\n>From here on it is a quoted quote.") == false)
    #expect(refund.turns[0].attributes["stripped_quote"] == ">From here on it is a quoted quote.")
    #expect(refund.turns.map(\.role) == [.customer, .agent])
    #expect(refund.company == "Acme")
    #expect(refund.metadata["roles"] == nil)
    #expect(refund.turns[1].location?.line == 13)
    #expect(conversations[1].turns.first?.text == "I cannot log in since this morning.")
  }

  @Test func maildirThreadsAcrossCurAndNewWithSubjectFallback() throws {
    let reader = EmailMessageReader(options: Self.acme)
    let files = try EmailFixtures.files(under: "own/maildir")
    #expect(Set(files.map { reader.groupKey(for: $0) }).count == 1)
    #expect(files.first.map { reader.groupKey(for: $0).hasSuffix("own/maildir") } == true)
    let (conversations, diagnostics) = try EmailFixtures.readGroup(files, options: Self.acme)
    #expect(diagnostics.isEmpty)
    #expect(conversations.map(\.id) == ["md-1@example.com", "md-4@example.org"])
    let charger = conversations[0]
    #expect(
      charger.turns.map { $0.attributes["message_id"] ?? "" } == [
        "md-1@example.com", "md-2@acme-support.com", "md-3@example.com",
      ])
    #expect(charger.turns.map(\.role) == [.customer, .agent, .customer])
    #expect(charger.company == "Acme")
    #expect(charger.metadata["subject"] == "Broken charger")
    #expect(charger.turns[1].text == "Sorry about that! Could you send me your order number?")
    #expect(charger.turns[2].text == "It is 4471.")
    #expect(charger.participants.map(\.id) == ["dana@example.com", "bob@acme-support.com"])
  }

  @Test func agentHeaderAloneMarksAgents() throws {
    let options = EmailReaderOptions(agentHeader: "x-agent")
    let files = try EmailFixtures.files(under: "own/maildir")
    let (conversations, _) = try EmailFixtures.readGroup(files, options: options)
    #expect(conversations[0].turns.map(\.role) == [.customer, .agent, .customer])
    #expect(conversations[0].company == "acme-support.com")
  }

  @Test func agentAddressesAndSubdomains() throws {
    let builder = EmailConversationBuilder(
      options: EmailReaderOptions(agentDomains: ["acme.com"], agentAddresses: ["Helper@Partner.example"]))
    func message(_ address: String) -> EmailMessage {
      EmailMessage(
        id: address, idIsDerived: false, inReplyTo: [], references: [], from: EmailAddress(address: address),
        to: [], cc: [], subject: "", date: nil, text: "", forwarded: false, attachments: [], signed: false,
        textSource: "plain", isAutomatic: false, hasAgentHeader: false, location: SourceLocation(file: "x"),
        ordinal: 0)
    }
    #expect(builder.isAgent(message("bob@eu.acme.com")))
    #expect(builder.isAgent(message("helper@partner.example")))
    #expect(!builder.isAgent(message("bob@notacme.com")))
  }

  @Test func unconfiguredRolesAreGuessed() throws {
    let files = try EmailFixtures.files(under: "own/maildir")
    let (conversations, _) = try EmailFixtures.readGroup(files)
    let charger = conversations[0]
    #expect(charger.metadata["roles"] == "guessed")
    #expect(charger.turns.map(\.role) == [.customer, .agent, .customer])
    #expect(charger.company == "acme-support.com")
  }

  @Test func subjectNormalization() {
    #expect(Threader.normalizedSubject("Re: AW: [notmuch] SV:  Broken   charger") == "broken charger")
    #expect(Threader.normalizedSubject("RE[2]: Fwd: Broken charger") == "broken charger")
    #expect(Threader.isReply("Re(3): x"))
    #expect(!Threader.isReply("Reply needed: x"))
  }

  @Test func sniffingTellsMailFromChatAndJSON() throws {
    let registry = ReaderRegistry.builtIn()
    func detect(_ text: String, name: String = "input") throws -> String? {
      let file = try EmailFixtures.temporary(text, name: name)
      return registry.detect(InputSample(file: file, head: try file.head()))?.format
    }
    let chat = "Customer: hello\nAgent: hi, how can I help?\nCustomer: my order\n"
    let stampedChat = "[10:32] Agent Bob: Hello\n[10:33] Customer: Date: tomorrow?\n"
    #expect(try detect(chat) != "email")
    #expect(try detect(stampedChat) != "email")
    #expect(try detect("{\"from\": \"x\", \"date\": \"y\"}") != "email")
    #expect(try detect("From: Customer\nTo: Agent\n\nhello") != "email")
    #expect(try detect("Customer: hello\nDate: tomorrow\nAgent: ok\n") != "email")
    #expect(try detect("Return-Path: <a@b.c>\nReceived: from x\n\tby y\nFrom: a@b.c\n\nhi", name: "01:2,") == "email")
    #expect(try detect("MIME-Version: 1.0\nFrom: a@b.c\n\nhi") == "email")
    let mbox = try String(contentsOf: EmailFixtures.file("own/support.mbox").url, encoding: .utf8)
    #expect(try detect(mbox) == "mbox")
  }
}
