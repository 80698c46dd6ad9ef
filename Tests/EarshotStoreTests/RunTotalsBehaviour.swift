import EarshotReporters
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotStore

/// Finishing a run takes the totals merged as units were committed only when they are exactly the
/// merge of what the store holds; in every other history it merges the stored totals, and the
/// aggregation is the same either way, to the last bit of every sum.
enum RunTotalsBehaviour {
  static func committedTotals(_ store: any ListeningStore) -> CommittedTotals? {
    (store as? EarshotStore)?.committedTotals ?? (store as? PostgresStore)?.committedTotals
  }

  /// One conversation of `score` (scores like 0.1, 0.2, 0.3 add up differently in another order).
  static func unit(_ key: String, score: Double, agent: String = "bob") throws -> ProcessedUnit {
    StoreFixtures.unit(key, [try StoreFixtures.result(id: key, agents: [agent], score: score)])
  }

  /// Finishes `run` and checks its aggregation against a merge of the stored totals; returns
  /// whether the run's own merged totals were used.
  static func finish(_ store: any ListeningStore, _ run: Int64, keys: [String]) throws -> Bool {
    let usedOwn = committedTotals(store)?.aggregation(runID: run, storedKeys: keys) != nil
    let finished = try store.finishRun(id: run, counts: RunCounts(), finishedAt: Date(), status: "succeeded")
    #expect(finished == (try store.currentAggregation()))
    #expect(try store.aggregation(runID: run) == finished)
    return usedOwn
  }

  static func finishedTotalsAreTheStoredMerge(_ backend: StoreBackend) throws {
    let (store, folder) = try backend.freshStore()
    defer { withExtendedLifetime(folder) {} }
    let keys = ["a.txt", "b.txt", "c.txt"]
    // A first run in key order, in two transactions, a failed file (no totals) first.
    let first = try store.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
    let failed = ProcessedUnit(
      key: "z-bad.txt", files: [("z-bad.txt", FileStamp(size: 1, modifiedNanoseconds: 1), "h")], results: [],
      diagnostics: [("z-bad.txt", "z-bad.txt:1:1: error: expected a time")], failed: true)
    try store.write([failed], runID: first, fingerprint: "f", counts: RunCounts())
    try store.write(
      [try unit("a.txt", score: 0.1), try unit("b.txt", score: 0.2)], runID: first, fingerprint: "f",
      counts: RunCounts())
    try store.write([try unit("c.txt", score: 0.3, agent: "ann")], runID: first, fingerprint: "f", counts: RunCounts())
    #expect(try finish(store, first, keys: keys + ["z-bad.txt"]))
    let company = try #require(
      try store.currentAggregation().groups[GroupKey(kind: .company, company: "Acme", name: "")])
    #expect(company.scoreSum == (0.1 + 0.2) + 0.3)
    #expect(company.scoreSum != 0.1 + (0.2 + 0.3))

    // An incremental run: the store also holds units of the run before.
    let second = try store.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try store.write([try unit("b.txt", score: 0.7)], runID: second, fingerprint: "f", counts: RunCounts())
    #expect(try !finish(store, second, keys: keys + ["z-bad.txt"]))

    // Every unit again, but not in key order.
    let third = try store.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try store.markRemoved(["z-bad.txt"], runID: third)
    for key in keys.reversed() {
      try store.write([try unit(key, score: 0.3)], runID: third, fingerprint: "f", counts: RunCounts())
    }
    #expect(try !finish(store, third, keys: keys))

    // Every unit in order, one of them twice (the second write replaces the first).
    let fourth = try store.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try store.write(
      [try unit("a.txt", score: 0.1), try unit("b.txt", score: 0.2), try unit("c.txt", score: 0.3)], runID: fourth,
      fingerprint: "f", counts: RunCounts())
    try store.write([try unit("c.txt", score: 0.6)], runID: fourth, fingerprint: "f", counts: RunCounts())
    #expect(try !finish(store, fourth, keys: keys))
    #expect(
      try store.currentAggregation().groups[GroupKey(kind: .agent, company: "Acme", name: "bob")]?.scoreSum
        == (0.1 + 0.2) + 0.6)
  }
}

@Suite struct SQLiteRunTotalsTests {
  @Test func finishedTotalsAreTheStoredMerge() throws {
    try RunTotalsBehaviour.finishedTotalsAreTheStoredMerge(.sqlite)
  }
}

// Skipped, with the reason printed, when no PostgreSQL test server is configured.
@Suite(.enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
struct PostgresRunTotalsTests {
  @Test func finishedTotalsAreTheStoredMerge() throws {
    try RunTotalsBehaviour.finishedTotalsAreTheStoredMerge(.postgres)
  }
}

/// Result lines are stored as the bytes of `compactJSON()`, exactly the `conversations.jsonl` lines.
@Suite struct StoredResultLinesTests {
  @Test func storedLinesAreTheCompactJSON() throws {
    let folder = try TemporaryDirectory()
    let store = try EarshotStore(path: folder.path("earshot.sqlite"))
    var results: [ConversationResult] = []
    for index in 0..<70 {
      let company: String? = index % 3 == 0 ? nil : "Acme \"quoted\""
      let findings: [(detector: String, severity: String)] = index % 2 == 0 ? [("non_answer", "major")] : []
      let score = 100.0 / 7.0 * Double(index % 8)
      results.append(
        try StoreFixtures.result(
          id: "ünï-\(index)", company: company, agents: ["bob", "Zoë"], score: score, findings: findings))
    }
    let run = try store.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try store.write(
      [StoreFixtures.unit("a.jsonl", Array(results[..<40])), StoreFixtures.unit("b.jsonl", Array(results[40...]))],
      runID: run, fingerprint: "f", counts: RunCounts())
    #expect(try store.currentResultLines() == results.map { $0.compactJSON() })
    #expect(results.allSatisfy { $0.compactJSONBytes() == Array($0.compactJSON().utf8) })

    // Results encoded as they arrive (as nightly gives them) make the same store.
    let other = try EarshotStore(path: folder.path("encoded.sqlite"))
    let otherRun = try other.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    var first = EncodedResults()
    for result in results[..<40] { first.append(result) }
    let stamp = FileStamp(size: 10, modifiedNanoseconds: 1)
    try other.write(
      [
        ProcessedUnit(key: "a.jsonl", files: [("a.jsonl", stamp, "h")], encoded: first, diagnostics: [], failed: false),
        ProcessedUnit(
          key: "b.jsonl", files: [("b.jsonl", stamp, "h")], encoded: EncodedResults(Array(results[40...])),
          diagnostics: [], failed: false),
      ], runID: otherRun, fingerprint: "f", counts: RunCounts())
    try store.finishRun(id: run, counts: RunCounts(), finishedAt: Date(), status: "succeeded")
    try other.finishRun(id: otherRun, counts: RunCounts(), finishedAt: Date(), status: "succeeded")
    #expect(try other.contentDump() == store.contentDump())
  }
}
