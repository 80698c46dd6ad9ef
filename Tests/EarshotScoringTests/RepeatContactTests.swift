import EarshotModel
import EarshotScoring
import Foundation
import Testing

/// The repeat-contact pass on results alone: window, shared terms, chains, ties, duplicates, and
/// first-contact resolution totals that merge exactly.
@Suite struct RepeatContactTests {
  static let start = Date(timeIntervalSince1970: 1_709_542_800)  // 2024-03-04T09:00:00Z

  /// A stored result of a conversation with `customer`, `hours` after the start.
  static func result(
    _ id: String, customer: String?, hours: Double, terms: [UInt32], agent: String = "carl", center: String? = "Lisbon",
    file: String = "mail/inbox.mbox"
  ) throws -> ConversationResult {
    var object: [String: Any] = [
      "schema_version": 4, "tool_version": "0.0.0-test", "conversation_id": id, "channel": "email",
      "company": "Acme Broadband", "source_file": file, "agents": [agent], "roles_guessed": false, "turn_count": 2,
      "started_at": ISO8601DateFormatter().string(from: start.addingTimeInterval(hours * 3600)),
      "score": ["value": 70, "breakdown": [] as [Any]], "findings": [] as [Any],
      "metrics": [
        "customer_turns": 1, "agent_turns": 1, "questions": 1, "non_answers": 0, "premature_pitches": 0,
        "promises_made": 0, "promises_kept": 0, "promises_broken": 0,
      ],
      "problem_terms": terms, "problem_turn": 0,
    ]
    if let customer { object["customer_key"] = customer }
    if let center { object["center"] = center }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(ConversationResult.self, from: try JSONSerialization.data(withJSONObject: object))
  }

  static func links(_ results: [ConversationResult], _ settings: RepeatContactSettings = RepeatContactSettings())
    -> [String]
  {
    RepeatContacts.find(results.compactMap(CustomerContact.init), settings: settings).map {
      "\($0.earlier.reference.conversationId)→\($0.later.reference.conversationId)"
    }
  }

  @Test func theWindowAndTheSharedTermsDecide() throws {
    let results = [
      try Self.result("a", customer: "k1", hours: 0, terms: [10, 20, 30]),
      try Self.result("b", customer: "k1", hours: 24 * 7, terms: [20, 30, 99]),  // exactly a week: inside
      try Self.result("c", customer: "k1", hours: 24 * 7 + 1, terms: [20, 99]),  // an hour after b
      try Self.result("d", customer: "k2", hours: 1, terms: [10, 20, 30]),  // another customer
      try Self.result("e", customer: "k3", hours: 0, terms: [10, 20, 30]),
      try Self.result("f", customer: "k3", hours: 24 * 7 + 1, terms: [10, 20, 30]),  // a week and an hour after e
    ]
    #expect(Self.links(results) == ["a→b", "b→c"])
    #expect(Self.links(results, RepeatContactSettings(windowDays: 7, minSharedTerms: 3)) == [])
    #expect(Self.links(results, RepeatContactSettings(windowDays: 6, minSharedTerms: 2)) == ["b→c"])
  }

  @Test func aContactLinksToTheFirstLaterOneAboutTheSameProblem() throws {
    let results = [
      try Self.result("router-1", customer: "k1", hours: 0, terms: [1, 2, 3]),
      try Self.result("invoice", customer: "k1", hours: 5, terms: [7, 8, 9]),
      try Self.result("router-2", customer: "k1", hours: 30, terms: [2, 3, 4]),
      try Self.result("router-3", customer: "k1", hours: 60, terms: [1, 3, 4]),
      try Self.result("anonymous", customer: nil, hours: 1, terms: [1, 2, 3]),
    ]
    #expect(Self.links(results) == ["router-1→router-2", "router-2→router-3"])
  }

  @Test func simultaneousAndDuplicatedContactsAreNotRepeats() throws {
    let results = [
      try Self.result("x", customer: "k1", hours: 0, terms: [1, 2], file: "a.csv"),
      try Self.result("y", customer: "k1", hours: 0, terms: [1, 2], file: "b.csv"),
      try Self.result("x", customer: "k1", hours: 0, terms: [1, 2], file: "a.csv"),
    ]
    #expect(Self.links(results) == [])
  }

  @Test func theAnswerDoesNotDependOnOrder() throws {
    var results: [ConversationResult] = []
    for index in 0..<40 {
      results.append(
        try Self.result(
          "c\(index)", customer: "k\(index % 5)", hours: Double(index * 11 % 97), terms: [UInt32(index % 3), 50, 60],
          agent: index % 2 == 0 ? "carl" : "dana", file: "f\(index % 4).csv"))
    }
    let expected = Self.links(results)
    #expect(!expected.isEmpty)
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<5 {
      #expect(Self.links(results.shuffled(using: &generator)) == expected)
    }
    var applied = results
    RepeatContacts.apply(to: &applied, settings: RepeatContactSettings())
    var shuffled = results.shuffled(using: &generator)
    RepeatContacts.apply(to: &shuffled, settings: RepeatContactSettings())
    let byID = Dictionary(uniqueKeysWithValues: applied.map { ($0.conversationId, $0) })
    #expect(shuffled.allSatisfy { byID[$0.conversationId] == $0 })
  }

  @Test func firstContactResolutionIsCountedPerGroupAndMergesExactly() throws {
    var results = [
      try Self.result("a", customer: "k1", hours: 0, terms: [1, 2], agent: "carl", center: "Lisbon"),
      try Self.result("b", customer: "k1", hours: 24, terms: [1, 2], agent: "dana", center: "Porto"),
      try Self.result("c", customer: "k2", hours: 0, terms: [1, 2], agent: "carl", center: "Lisbon"),
      try Self.result("d", customer: nil, hours: 0, terms: [], agent: "carl", center: "Lisbon"),
    ]
    let repeats = RepeatContacts.apply(to: &results, settings: RepeatContactSettings())
    var whole = Aggregation()
    for result in results { whole.add(result) }
    let carl = try #require(whole.rows(.agent).first { $0.key.name == "carl" }?.totals)
    #expect(carl.customerConversations == 2)
    #expect(carl.repeatContacts == 1)
    #expect(carl.firstContactResolution == 0.5)
    #expect(whole.rows(.center).map(\.key.name) == ["Lisbon", "Porto"])
    #expect(whole.rows(.center).first?.totals.firstContactResolution == 0.5)
    #expect(whole.rows(.company).first?.totals.firstContactResolution == 2.0 / 3)
    // Totals built before the pass, then given its repeats, equal totals of the passed results.
    var streamed = Aggregation()
    for result in results { streamed.add(result.applying(repeatContact: nil)) }
    streamed.addRepeatContacts(repeats)
    #expect(streamed == whole)
    // Shards each ran the pass alone (and missed the cross-shard repeat): cleared and re-added.
    var shards = Aggregation()
    for part in [Array(results[0..<1]), Array(results[1...])] {
      var own = part.map { $0.applying(repeatContact: nil) }
      RepeatContacts.apply(to: &own, settings: RepeatContactSettings())
      var totals = Aggregation()
      for result in own { totals.add(result) }
      shards.merge(totals)
    }
    shards.clearRepeatContacts()
    shards.addRepeatContacts(repeats)
    #expect(shards == whole)
  }

  @Test func totalsStoredBeforeCustomerHistoryStillDecode() throws {
    let old = """
      {"conversations":2,"scoreSum":140,"scoreSquares":9800,"questions":1,"nonAnswers":0,"pitchConversations":0,\
      "firstResponses":[60],"promisesMade":0,"promisesKept":0,"sentimentChangeSum":0,"sentimentChangeCount":0,\
      "findingsByDetector":{}}
      """
    let totals = try JSONDecoder().decode(GroupTotals.self, from: Data(old.utf8))
    #expect(totals.conversations == 2)
    #expect(totals.customerConversations == 0)
    #expect(totals.firstContactResolution == nil)
  }
}
