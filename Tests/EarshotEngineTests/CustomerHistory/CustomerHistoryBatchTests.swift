import EarshotEngine
import EarshotModel
import EarshotReporters
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

/// Customer history end to end: a batch over e-mail threads and tweets, with centers and
/// customers configured, finds the repeat contacts, reports first-contact resolution, and never
/// writes a customer's raw address.
@Suite struct CustomerHistoryBatchTests {
  struct Run {
    var folder: TemporaryDirectory
    var results: [ConversationResult]

    func text(_ name: String) throws -> String { try String(contentsOfFile: folder.path(name), encoding: .utf8) }

    /// The result read from `file` (a name under the inputs).
    func result(_ file: String) -> ConversationResult? { results.first { $0.sourceFile.hasSuffix("/" + file) } }

    func repeatFinding(_ file: String) -> Finding? {
      result(file)?.findings.first { $0.detector == RepeatContacts.detector }
    }
  }

  static func configuration() throws -> EarshotConfiguration {
    try ConfigurationLoader.parse(SupportTranscripts.configuration, file: "earshot.yml")
  }

  static func batch(
    inputs: TemporaryDirectory, shard: (index: Int, count: Int)? = nil
  ) async throws -> Run {
    let output = try TemporaryDirectory()
    _ = try await BatchJob(
      inputs: [inputs.url.path], outputDirectory: output.url.path, configuration: try configuration(), jobs: 2,
      shard: shard
    ).run(report: { Issue.record("unexpected problem: \($0)") })
    let lines = try String(contentsOfFile: output.path("conversations.jsonl"), encoding: .utf8)
      .split(separator: "\n")
    return Run(folder: output, results: try lines.map { try RepeatContactLines.decode(String($0)) })
  }

  @Test func theEarlierContactGetsTheFindingAndAChainLinksEachToTheNext() async throws {
    let inputs = try TemporaryDirectory()
    try SupportTranscripts.write(into: inputs)
    let run = try await Self.batch(inputs: inputs)
    #expect(run.results.count == 9)
    // Router on day 4 → the router again on day 6 (the bill on day 5 is another problem) → day 8.
    let first = try #require(run.repeatFinding("a-router.mbox"))
    #expect(first.attributes["later_conversation_id"] == run.result("c-router-again.mbox")?.conversationId)
    #expect(first.attributes["later_started_at"] == "2024-03-06T09:00:00Z")
    #expect(first.attributes["days_later"] == "2.0")
    #expect(first.severity == .info)
    #expect(first.reason.hasPrefix("Not resolved the first time"))
    #expect(first.evidence.first?.turn == 0)
    let second = try #require(run.repeatFinding("c-router-again.mbox"))
    #expect(second.attributes["later_conversation_id"] == run.result("d-router-third.mbox")?.conversationId)
    #expect(run.repeatFinding("d-router-third.mbox") == nil, "the last of the chain was not followed")
    #expect(run.repeatFinding("b-bill.mbox") == nil, "a different problem is not a repeat")
    #expect(run.repeatFinding("e-parcel.mbox") == nil, "19 days later is outside the 7-day window")
    #expect(run.repeatFinding("f-parcel-later.mbox") == nil)
    // Tweets: the same handle about slow fibre the next day.
    let tweets = run.results.filter { $0.channel == "social" }.sorted { $0.conversationId < $1.conversationId }
    #expect(tweets.map(\.conversationId) == ["501", "601", "701"])
    #expect(
      tweets[0].findings.contains {
        $0.detector == RepeatContacts.detector && $0.attributes["later_conversation_id"] == "601"
      })
    #expect(!tweets[1].findings.contains { $0.detector == RepeatContacts.detector })
    #expect(!tweets[2].findings.contains { $0.detector == RepeatContacts.detector })
    // The score does not move: the finding costs nothing (first-contact resolution counts it).
    let scoreWithout = run.result("a-router.mbox").map { $0.applying(repeatContact: nil).score }
    #expect(scoreWithout == run.result("a-router.mbox")?.score)
  }

  @Test func theSameAddressInAnotherCaseIsTheSameCustomer() async throws {
    let inputs = try TemporaryDirectory()
    try SupportTranscripts.write(into: inputs)
    let run = try await Self.batch(inputs: inputs)
    let jane = ["a-router.mbox", "b-bill.mbox", "c-router-again.mbox", "d-router-third.mbox"].map {
      run.result($0)?.customerKey
    }
    #expect(jane.allSatisfy { $0 != nil })
    #expect(Set(jane).count == 1, "jane.doe@, Jane.Doe@ and JANE.DOE@example.org are one customer")
    let bob = run.result("e-parcel.mbox")?.customerKey
    #expect(bob != nil && bob != jane.first)
    #expect(bob?.count == 32 && bob?.allSatisfy(\.isHexDigit) == true)
  }

  @Test func noOutputHoldsARawCustomerAddress() async throws {
    let inputs = try TemporaryDirectory()
    try SupportTranscripts.write(into: inputs)
    let run = try await Self.batch(inputs: inputs)
    let names = try FileManager.default.contentsOfDirectory(atPath: run.folder.url.path).sorted()
    #expect(names.contains("centers.csv"))
    for name in names {
      let text = try run.text(name).lowercased()
      for address in ["jane.doe@example.org", "bob.stone@example.net"] {
        #expect(!text.contains(address), "\(name) holds \(address)")
      }
    }
  }

  @Test func tablesGiveFirstContactResolutionPerAgentCompanyAndCenter() async throws {
    let inputs = try TemporaryDirectory()
    try SupportTranscripts.write(into: inputs)
    let run = try await Self.batch(inputs: inputs)
    let centers = try run.text("centers.csv").split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let header = centers[0].map(String.init)
    let column = { (name: String) in header.firstIndex(of: name) ?? -1 }
    var byCenter: [String: (conversations: String, customers: String, repeats: String, fcr: String)] = [:]
    for row in centers.dropFirst() {
      byCenter[String(row[1])] = (
        String(row[2]), String(row[column("customer_conversations")]), String(row[column("repeat_contacts")]),
        String(row[column("first_contact_resolution")])
      )
    }
    // Lisbon (Carl): router day 4 (repeated), router day 8, two parcels: 1 of 4 came back.
    #expect(byCenter["Lisbon"]?.conversations == "4")
    #expect(byCenter["Lisbon"]?.repeats == "1")
    #expect(byCenter["Lisbon"]?.fcr == "0.750")
    // Porto (Dana, matched by the parent domain after Lisbon's rule): the bill, the router day 6 (repeated).
    #expect(byCenter["Porto"]?.conversations == "2")
    #expect(byCenter["Porto"]?.fcr == "0.500")
    // Social (the AcmeHelp company): three tweets, one followed by a repeat.
    #expect(byCenter["Social"]?.customers == "3")
    #expect(byCenter["Social"]?.repeats == "1")
    let companies = try run.text("companies.csv")
    #expect(companies.contains("Acme Broadband,company,6,"))
    let acme = try #require(companies.split(separator: "\n").first { $0.hasPrefix("Acme Broadband,") })
    #expect(acme.contains(",6,2,0.667,"), "6 e-mail customers, 2 repeats: \(acme)")
    let agents = try run.text("agents.csv")
    let carl = try #require(agents.split(separator: "\n").first { $0.contains(SupportTranscripts.carl) })
    #expect(carl.contains(",4,1,0.750,"), "\(carl)")
  }

  @Test func shardsAndInputOrderGiveTheSameRepeatContacts() async throws {
    let inputs = try TemporaryDirectory()
    try SupportTranscripts.write(into: inputs)
    let whole = try await Self.batch(inputs: inputs)
    // Two shards, each scoring part of the files: their contacts together give the same repeats.
    var contacts: [CustomerContact] = []
    var aggregation = Aggregation()
    var shardResults: [ConversationResult] = []
    for index in 1...2 {
      let shard = try await Self.batch(inputs: inputs, shard: (index, 2))
      shardResults += shard.results
      contacts += shard.results.compactMap(CustomerContact.init)
      for result in shard.results { aggregation.add(result) }
    }
    #expect(shardResults.count == whole.results.count)
    let settings = try Self.configuration().customers.repeatContacts
    let fromShards = RepeatContacts.find(contacts, settings: settings)
    var shuffled = contacts
    shuffled.reverse()
    shuffled.swapAt(0, shuffled.count / 2)
    #expect(RepeatContacts.find(shuffled, settings: settings) == fromShards)
    let wholeRepeats = RepeatContacts.find(whole.results.compactMap(CustomerContact.init), settings: settings)
    #expect(fromShards.map(\.earlier.reference) == wholeRepeats.map(\.earlier.reference))
    #expect(fromShards.count == 3)
    // Merged shard totals, their own repeat counts replaced by the pass over all: the whole run's.
    aggregation.clearRepeatContacts()
    aggregation.addRepeatContacts(fromShards)
    var wholeAggregation = Aggregation()
    for result in whole.results { wholeAggregation.add(result) }
    for kind in GroupKind.allCases {
      #expect(
        aggregation.rows(kind).map { "\($0.key)\($0.totals.customerConversations)/\($0.totals.repeatContacts)" }
          == wholeAggregation.rows(kind).map {
            "\($0.key)\($0.totals.customerConversations)/\($0.totals.repeatContacts)"
          },
        "\(kind)")
    }
    // And the shards' lines, passed again over all of them, are the whole run's lines.
    var merged = shardResults
    RepeatContacts.apply(to: &merged, settings: settings)
    let key = { (result: ConversationResult) in result.sourceFile + "#" + result.conversationId }
    #expect(
      merged.sorted { key($0) < key($1) }.map { $0.compactJSON() }
        == whole.results.sorted { key($0) < key($1) }.map { $0.compactJSON() })
  }

  @Test func mergingShardFilesGivesTheWholeRunsLines() async throws {
    let inputs = try TemporaryDirectory()
    try SupportTranscripts.write(into: inputs)
    let whole = try await Self.batch(inputs: inputs)
    // What `earshot merge` does with the shards' conversations.jsonl: one file, then one pass.
    var merged = ""
    for index in 1...2 { merged += try await Self.batch(inputs: inputs, shard: (index, 2)).text("conversations.jsonl") }
    let work = try TemporaryDirectory()
    let path = try work.write("conversations.jsonl", merged)
    let settings = try Self.configuration().customers.repeatContacts
    let repeats = try RepeatContactLines.applyPass(toFile: path, settings: settings)
    #expect(repeats.count == 3)
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").sorted()
    #expect(lines == (try whole.text("conversations.jsonl")).split(separator: "\n").sorted())
    // A narrower window over the same file: findings from the wider pass are taken away again.
    let narrower = try RepeatContactLines.applyPass(
      toFile: path, settings: RepeatContactSettings(windowDays: 1, minSharedTerms: 2))
    #expect(narrower.map(\.earlier.reference.conversationId) == ["501"])
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.components(separatedBy: "\"detector\":\"repeat_contact\"").count == 2)
  }
}
