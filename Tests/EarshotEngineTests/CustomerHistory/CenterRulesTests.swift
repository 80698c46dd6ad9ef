import EarshotEngine
import EarshotModel
import Testing

/// `centers:` rules: each matcher, first match wins, the default, and bad rules reported with
/// their key path and line before any work starts.
@Suite struct CenterRulesTests {
  static func assigner(_ yaml: String) throws -> CenterAssigner {
    CenterAssigner(settings: try ConfigurationLoader.parse("version: 1\n" + yaml, file: "earshot.yml").centers)
  }

  /// An e-mail ticket as the mbox reader gives it: customer, agent, company from the agent's domain.
  static func ticket(
    company: String? = "Acme Broadband", agent: String = "carl@lisbon.acme-broadband.com",
    customer: String = "Jane Doe <jane.doe@example.org>", file: String = "/data/exports/2024-03/lisbon/t1.eml",
    metadata: [String: String] = [:]
  ) -> Conversation {
    Conversation(
      id: "t1", channel: .email, company: company, sourceFile: file,
      participants: [
        Participant(id: customer, role: .customer, name: "Jane Doe"),
        Participant(id: agent, role: .agent, name: "Carl"),
      ],
      turns: [
        Turn(index: 0, speaker: customer, role: .customer, text: "My router keeps dropping the connection."),
        Turn(index: 1, speaker: agent, role: .agent, text: "I have restarted your line; it should be stable now."),
      ], metadata: metadata)
  }

  @Test func eachMatcherAssignsItsCenter() throws {
    let centers = try Self.assigner(
      """
      centers:
        rules:
          - {center: Brand, company: GLOBEX}
          - {center: Tier 2, metadata: {group_id: "42", brand_id: "7"}}
          - {center: Lisbon, agent_domain: lisbon.acme-broadband.com}
          - {center: Key accounts, customer_domain: "@bigcorp.example"}
          - {center: Archive, path: "exports/2023-*/**"}
      """)
    #expect(centers.center(for: Self.ticket(company: "Globex")) == "Brand", "company, whatever the case")
    #expect(
      centers.center(for: Self.ticket(agent: "x@elsewhere.example", metadata: ["group_id": "42", "brand_id": "7"]))
        == "Tier 2")
    #expect(
      centers.center(for: Self.ticket(agent: "x@elsewhere.example", metadata: ["group_id": "42"])) == nil,
      "every metadata value must match")
    #expect(centers.center(for: Self.ticket()) == "Lisbon")
    #expect(
      centers.center(for: Self.ticket(agent: "a@else.example", customer: "buyer@eu.BigCorp.example")) == "Key accounts",
      "a subdomain of the customer domain")
    #expect(
      centers.center(for: Self.ticket(agent: "a@else.example", file: "/mnt/data/exports/2023-11/x/y.eml")) == "Archive",
      "a relative glob matches at any depth, ** across folders")
    #expect(
      centers.center(for: Self.ticket(agent: "a@else.example", file: "exports/2024-01/y.eml")) == nil,
      "no rule matches and no default")
  }

  @Test func theFirstMatchingRuleWinsAndTheDefaultTakesTheRest() throws {
    let centers = try Self.assigner(
      """
      centers:
        rules:
          - {center: Lisbon, agent_domain: lisbon.acme-broadband.com, company: Acme Broadband}
          - {center: Acme other, agent_domain: acme-broadband.com}
          - {center: Never, company: Acme Broadband}
        default: Unassigned
      """)
    #expect(centers.center(for: Self.ticket()) == "Lisbon")
    #expect(
      centers.center(for: Self.ticket(company: "Acme Retail")) == "Acme other", "all matchers of a rule must match")
    #expect(centers.center(for: Self.ticket(agent: "dana@porto.acme-broadband.com")) == "Acme other")
    #expect(centers.center(for: Self.ticket(company: "Globex", agent: "x@globex.example")) == "Unassigned")
    #expect(try Self.assigner("").isConfigured == false, "no centers: no center in results")
  }

  func errors(_ yaml: String) -> [ConfigurationError] {
    do {
      _ = try ConfigurationLoader.parse(yaml, file: "earshot.yml")
      return []
    } catch let errors as ConfigurationErrors {
      return errors.errors
    } catch {
      Issue.record("unexpected error \(error)")
      return []
    }
  }

  @Test func badRulesAreReportedWithKeyPathAndLine() {
    let found = errors(
      """
      version: 1
      centers:
        rules:
          - center: Lisbon
            agent_domain: lisbon.acme-broadband.com
          - center: Porto
          - company: Acme
          - center: Tier 2
            metdata: {group_id: "42"}
          - center: Archive
            path: ""
      """)
    let described = found.map(\.description)
    // Rule 3 is reported twice: its misspelled key, and so no matcher.
    #expect(found.count == 5, "\(described)")
    #expect(found.contains { $0.keyPath == "centers.rules[3].center" && $0.line == 8 })
    let noMatcher = found.first { $0.keyPath == "centers.rules[1].center" }
    #expect(noMatcher?.line == 6)
    #expect(noMatcher?.message.contains("at least one matcher") == true)
    let noCenter = found.first { $0.keyPath == "centers.rules[2]" }
    #expect(noCenter?.line == 7)
    #expect(noCenter?.message.contains("'center'") == true)
    let unknown = found.first { $0.keyPath == "centers.rules[3].metdata" }
    #expect(unknown?.line == 9)
    #expect(unknown?.message.contains("did you mean 'metadata'") == true)
    #expect(found.contains { $0.keyPath == "centers.rules[4].path" && $0.line == 11 })
  }

  @Test func badCustomerSettingsAreReportedWithKeyPathAndLine() {
    let found = errors(
      """
      version: 1
      customers:
        identities: [email, phone]
        repeat_window_days: 0
        min_shared_term: 2
      """)
    #expect(found.contains { $0.keyPath == "customers.identities" && $0.line == 3 })
    #expect(found.contains { $0.keyPath == "customers.repeat_window_days" && $0.line == 4 })
    #expect(found.contains { $0.keyPath == "customers.min_shared_term" && $0.message.contains("min_shared_terms") })
  }
}
