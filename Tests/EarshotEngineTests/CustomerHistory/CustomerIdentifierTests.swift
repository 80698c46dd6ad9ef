import EarshotEngine
import EarshotModel
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

/// Which identity a conversation's customer gets, from which source, and under which key.
@Suite struct CustomerIdentifierTests {
  static let pipeline: Pipeline? = try? Pipeline(configuration: EarshotConfiguration())

  static func settings(_ identities: [String], keyFile: String? = nil) -> CustomerSettings {
    var settings = CustomerSettings()
    settings.identities = identities
    settings.keyFile = keyFile
    return settings
  }

  /// A helpdesk ticket whose customer is `customer` (an address or a handle) on `channel`.
  static func conversation(
    customer: String, channel: Channel = .email, metadata: [String: String] = [:],
    attributes: [String: String] = [:], problem: String = "My router keeps dropping the connection every evening."
  ) -> Conversation {
    Conversation(
      id: "t-1", channel: channel, company: "Acme", sourceFile: "tickets.json",
      participants: [Participant(id: customer, role: .customer), Participant(id: "carl", role: .agent)],
      turns: [
        Turn(index: 0, speaker: "carl", role: .agent, text: "Welcome to Acme support, how can I help?"),
        Turn(index: 1, speaker: customer, role: .customer, text: problem, attributes: attributes),
        Turn(index: 2, speaker: "carl", role: .agent, text: "I have restarted your line from our side."),
      ], metadata: metadata)
  }

  static func annotated(_ conversation: Conversation, _ identifier: CustomerIdentifier) throws -> ConversationResult {
    let pipeline = try #require(Self.pipeline)
    var (result, analyzed) = pipeline.scorer.score(conversation)
    identifier.annotate(&result, analyzed: analyzed)
    return result
  }

  @Test func theFirstConfiguredSourceWithAValueNamesTheCustomer() throws {
    let identifier = try #require(
      try CustomerIdentifier(
        settings: Self.settings(["metadata.requester_id", "email", "handle"]), environment: [:]))
    let byMetadata = try Self.annotated(
      Self.conversation(customer: "jane.doe@example.org", metadata: ["requester_id": "REQ-77"]), identifier)
    let byEmail = try Self.annotated(Self.conversation(customer: "Jane.Doe@Example.org"), identifier)
    let sameEmail = try Self.annotated(Self.conversation(customer: "<JANE.DOE@example.org>"), identifier)
    let byHandle = try Self.annotated(Self.conversation(customer: "@JaneD", channel: .social), identifier)
    let sameHandle = try Self.annotated(Self.conversation(customer: "janed", channel: .social), identifier)
    let chatName = try Self.annotated(Self.conversation(customer: "Jane", channel: .chat), identifier)
    #expect(byEmail.customerKey != nil && byEmail.customerKey == sameEmail.customerKey)
    #expect(byMetadata.customerKey != nil && byMetadata.customerKey != byEmail.customerKey)
    #expect(byHandle.customerKey != nil && byHandle.customerKey == sameHandle.customerKey)
    #expect(chatName.customerKey == nil, "a chat display name is not an identity")
    #expect(chatName.problemTerms == nil)
    #expect(byEmail.problemTurn == 1, "the customer's first turn, after the agent's greeting")
    let terms = try #require(byEmail.problemTerms)
    #expect(terms == terms.sorted() && Set(terms).count == terms.count)
    #expect(terms.count >= 4, "router, keep, drop, connect, even(ing)")
  }

  @Test func anAttributeOfTheFirstCustomerTurnCanNameTheCustomer() throws {
    let identifier = try #require(
      try CustomerIdentifier(settings: Self.settings(["attribute.customer_id"]), environment: [:]))
    let first = try Self.annotated(Self.conversation(customer: "Jane", attributes: ["customer_id": "C-1"]), identifier)
    let second = try Self.annotated(
      Self.conversation(customer: "J. Doe", attributes: ["customer_id": " c-1 "]), identifier)
    #expect(first.customerKey != nil && first.customerKey == second.customerKey)
  }

  @Test func theKeyChangesEveryHashAndABadKeyFileIsAConfigurationError() throws {
    let folder = try TemporaryDirectory()
    let keyFile = try folder.write("customer.key", "s3cret-of-the-support-org\n")
    let conversation = Self.conversation(customer: "jane.doe@example.org")
    let builtIn = try Self.annotated(
      conversation, try #require(try CustomerIdentifier(settings: Self.settings(["email"]), environment: [:])))
    let fromFile = try Self.annotated(
      conversation,
      try #require(try CustomerIdentifier(settings: Self.settings(["email"], keyFile: keyFile), environment: [:])))
    let fromEnvironment = try Self.annotated(
      conversation,
      try #require(
        try CustomerIdentifier(
          settings: Self.settings(["email"]), environment: ["EARSHOT_CUSTOMER_KEY": "s3cret-of-the-support-org"])))
    #expect(fromFile.customerKey == fromEnvironment.customerKey, "the file's text, trimmed, is the key")
    #expect(fromFile.customerKey != builtIn.customerKey)
    #expect(Set(fromFile.problemTerms ?? []).isDisjoint(with: builtIn.problemTerms ?? []))
    #expect(try CustomerIdentifier(settings: CustomerSettings(), environment: [:]) == nil, "off without identities")
    let empty = try folder.write("empty.key", "\n")
    #expect(throws: ConfigurationError.self) {
      _ = try CustomerIdentifier(settings: Self.settings(["email"], keyFile: empty), environment: [:])
    }
  }
}
