import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotStore

/// The store protocol's behaviour, one body per behaviour, run on SQLite always and on PostgreSQL
/// when a test server is configured (`EARSHOT_TEST_POSTGRES_URL`).
enum StoreBehaviour {
  /// Migrations are named, recorded, and applied once: reopening applies none again.
  static func migrationsAreNamedAndIdempotent(_ backend: StoreBackend) throws {
    let (location, folder) = try backend.freshLocation()
    let first = try StoreLocation(location).open()
    #expect(try first.appliedMigrations() == ["v1-runs-files-results-aggregates", "v2-compact-store"])
    let run = try first.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try first.write(
      [StoreFixtures.unit("a.txt", [try StoreFixtures.result(id: "a", score: 80)])], runID: run, fingerprint: "f",
      counts: RunCounts())
    try first.finishRun(id: run, counts: RunCounts(), finishedAt: Date(), status: "succeeded")
    let reopened = try StoreLocation(location).open()
    #expect(try reopened.appliedMigrations() == ["v1-runs-files-results-aggregates", "v2-compact-store"])
    #expect(try reopened.runs().map(\.status) == ["succeeded"])
    #expect(try reopened.files().keys.sorted() == ["a.txt"])
    withExtendedLifetime(folder) {}
  }

  /// Results, aggregates, histogram, findings, worst conversations and trends read back as written.
  static func resultsRoundTrip(_ backend: StoreBackend) throws {
    let (store, folder) = try backend.freshStore()
    let a = try StoreFixtures.result(id: "a", agents: ["bob"], score: 40, findings: [("non_answer", "major")])
    let b = try StoreFixtures.result(id: "b", agents: ["bob", "ann"], score: 90)
    let c = try StoreFixtures.result(id: "c", company: "Globex", agents: ["sam"], score: 100, startedAt: nil)
    let run = try store.beginRun(inputs: ["in"], fingerprint: "f1", toolVersion: "t", startedAt: Date())
    try store.write(
      [StoreFixtures.unit("one.jsonl", [a, b]), StoreFixtures.unit("two.txt", [c])], runID: run, fingerprint: "f1",
      counts: RunCounts())
    let aggregation = try store.finishRun(id: run, counts: RunCounts(), finishedAt: Date(), status: "succeeded")
    var expected = Aggregation()
    expected.add(a, day: "2024-03-04")
    expected.add(b, day: "2024-03-04")
    expected.add(c, day: nil)
    #expect(aggregation == expected)
    #expect(try store.aggregation(runID: run) == expected)
    #expect(try store.currentAggregation() == expected)
    #expect(try store.worstConversations(company: "Acme", agent: "bob", limit: 5) == [a, b])
    #expect(try store.worstConversations(company: "Acme", agent: "bob", limit: 1) == [a])
    #expect(try store.scoreHistogram(bins: 10) == [0, 0, 0, 0, 1, 0, 0, 0, 0, 2])
    #expect(try store.findingCounts() == [DetectorFindingCount(detector: "non_answer", info: 0, minor: 0, major: 1)])
    #expect(try store.currentResultLines().count == 3)
    let runs = try store.runs()
    #expect(runs.map(\.status) == ["succeeded"])
    #expect(runs.first?.counts.conversationsTotal == 3)
    let mean: Double = (40.0 + 90.0 + 100.0) / 3.0
    #expect(runs.first?.meanScore == mean)
    #expect(try store.companyTrend().map(\.company) == ["Acme", "Globex"])
    withExtendedLifetime(folder) {}
  }

  /// A scripted history (writes, a rewrite, a removal in a group, a failed file, stamps, a second
  /// run) leaves the same canonical dump on every back end: the dump the SQLite store gives.
  static func historyDump(_ backend: StoreBackend) throws -> String {
    let (store, folder) = try backend.freshStore()
    defer { withExtendedLifetime(folder) {} }
    let first = try store.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
    let group = ProcessedUnit(
      key: "maildir:box",
      files: [
        ("box/1", FileStamp(size: 1, modifiedNanoseconds: 1), "h1"),
        ("box/2", FileStamp(size: 1, modifiedNanoseconds: 1), "h2"),
        ("box/3", FileStamp(size: 1, modifiedNanoseconds: 1), "h3"),
      ],
      results: [try StoreFixtures.result(id: "thread", agents: ["ann", "bob"], score: 50)], diagnostics: [],
      failed: false)
    let bad = ProcessedUnit(
      key: "bad.txt", files: [("bad.txt", FileStamp(size: 3, modifiedNanoseconds: 2), "hb")], results: [],
      diagnostics: [("bad.txt", "bad.txt:3:2: error: expected a time")], failed: true)
    var counts = RunCounts()
    counts.new = 6
    try store.write(
      [
        group, bad,
        StoreFixtures.unit(
          "Zeta.txt",
          [
            try StoreFixtures.result(id: "z1", score: 12.5, findings: [("non_answer", "minor"), ("pitch", "major")]),
            try StoreFixtures.result(id: "z2", company: nil, agents: [], score: 99, startedAt: nil),
          ]),
        StoreFixtures.unit("alpha.txt", [try StoreFixtures.result(id: "é", company: "Ünïcode", score: 61)]),
      ], runID: first, fingerprint: "f", counts: counts)
    try store.write(
      [StoreFixtures.unit("alpha.txt", [try StoreFixtures.result(id: "a2", score: 33)], hash: "h-new")],
      runID: first, fingerprint: "f", counts: counts)
    try store.markRemoved(["box/1", "box/3", "not-stored.txt"], runID: first)
    try store.updateStamps([("Zeta.txt", FileStamp(size: 10, modifiedNanoseconds: 99))])
    #expect(try store.files()["Zeta.txt"]?.stamp == FileStamp(size: 10, modifiedNanoseconds: 99))
    try store.finishRun(id: first, counts: counts, finishedAt: Date(), status: "succeeded")
    let second = try store.beginRun(inputs: ["in"], fingerprint: "g", toolVersion: "t", startedAt: Date())
    try store.write(
      [StoreFixtures.unit("Zeta.txt", [try StoreFixtures.result(id: "z3", agents: ["ann"], score: 70)])],
      runID: second, fingerprint: "g", counts: RunCounts())
    try store.finishRun(id: second, counts: RunCounts(), finishedAt: Date(), status: "succeeded")
    let files = try store.files()
    #expect(files["box/1"]?.status == .removed)
    #expect(files["box/2"]?.contentHash == nil)
    #expect(try store.failedFiles().map(\.path) == ["bad.txt"])
    return try store.contentDump()
  }

  /// A run that stopped on an error is `failed`, with its counts.
  static func abandonedRunIsFailed(_ backend: StoreBackend) throws {
    let (store, folder) = try backend.freshStore()
    let run = try store.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    var counts = RunCounts()
    counts.failed = 2
    try store.abandonRun(id: run, counts: counts, finishedAt: Date())
    #expect(try store.runs().map(\.status) == ["failed"])
    #expect(try store.runs().first?.counts.failed == 2)
    withExtendedLifetime(folder) {}
  }
}

@Suite struct SQLiteStoreBehaviourTests {
  @Test func migrationsAreNamedAndIdempotent() throws { try StoreBehaviour.migrationsAreNamedAndIdempotent(.sqlite) }
  @Test func resultsRoundTrip() throws { try StoreBehaviour.resultsRoundTrip(.sqlite) }
  @Test func abandonedRunIsFailed() throws { try StoreBehaviour.abandonedRunIsFailed(.sqlite) }
  @Test func historyDumpIsStable() throws {
    #expect(try StoreBehaviour.historyDump(.sqlite) == StoreBehaviour.historyDump(.sqlite))
  }
}

// Skipped, with the reason printed, when no PostgreSQL test server is configured.
@Suite(.enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
struct PostgresStoreBehaviourTests {
  @Test func migrationsAreNamedAndIdempotent() throws {
    try StoreBehaviour.migrationsAreNamedAndIdempotent(.postgres)
  }
  @Test func resultsRoundTrip() throws { try StoreBehaviour.resultsRoundTrip(.postgres) }
  @Test func abandonedRunIsFailed() throws { try StoreBehaviour.abandonedRunIsFailed(.postgres) }

  @Test func theSameHistoryLeavesTheSameDumpAsSQLite() throws {
    let sqlite = try StoreBehaviour.historyDump(.sqlite)
    let postgres = try StoreBehaviour.historyDump(.postgres)
    #expect(postgres == sqlite)
    #expect(sqlite.contains("file box/1 maildir:box 1 1 h1 f removed"))
  }

  /// Another shard's run that is still writing (its connection holds its run lock) is not marked
  /// interrupted; a run whose process died (connection gone) is.
  @Test func onlyDeadRunsBecomeInterrupted() throws {
    let location = try PostgresTestServer.freshDatabase()
    var dying: (any ListeningStore)? = try StoreLocation(location).open()
    _ = try dying?.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    let live = try StoreLocation(location).open()
    let liveRun = try live.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    let other = try StoreLocation(location).open()
    _ = try other.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    #expect(try other.runs().map(\.status) == ["running", "running", "running"])
    dying = nil  // the connection closes, as when a process is killed
    try Self.waitUntilFree(location, namespace: PostgresLockKeys.runNamespace, key: 1)
    let next = try StoreLocation(location).open()
    let nextRun = try next.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    #expect(try next.runs().map(\.status) == ["interrupted", "running", "running", "running"])
    try live.finishRun(id: liveRun, counts: RunCounts(), finishedAt: Date(), status: "succeeded")
    try next.finishRun(id: nextRun, counts: RunCounts(), finishedAt: Date(), status: "succeeded")
    #expect(try next.runs().map(\.status) == ["interrupted", "succeeded", "running", "succeeded"])
    withExtendedLifetime(other) {}
  }

  @Test func shardsLockOnlyThemselves() throws {
    let location = try StoreLocation(try PostgresTestServer.freshDatabase())
    do {
      let one = try location.lockForRun(shard: (1, 2))
      let two = try location.lockForRun(shard: (2, 2))
      #expect(throws: StoreError.self) { _ = try location.lockForRun(shard: (1, 2)) }
      do {
        _ = try location.lockForRun(shard: (1, 3))
        Issue.record("a run with another shard count must not write while 2 shards do")
      } catch let error as StoreError {
        guard case .locked = error else { throw error }
        #expect(error.description.contains("a run with 2 shards is writing"))
      }
      withExtendedLifetime((one, two)) {}
    }
    // Free again once the holders' connections are gone (the server lets go as it sees them close).
    guard case .postgres(let url) = location else { return }
    try Self.waitUntilFree(url.description, namespace: PostgresLockKeys.layoutNamespace, key: 2)
    _ = try location.lockForRun(shard: (1, 3))
  }

  /// Waits (up to 10 s) until the server has let go of an advisory lock whose holder closed its
  /// connection: the server notices the closed socket a moment after the client is gone.
  static func waitUntilFree(_ location: String, namespace: Int32, key: Int32) throws {
    let probe = try PostgresStore(url: try PostgresStoreURL(location))
    for _ in 0..<200 {
      let free =
        try probe.run("SELECT pg_try_advisory_lock(\(namespace), \(key))").map { try $0.decode(Bool.self) }.first
        ?? false
      if free {
        try probe.run("SELECT pg_advisory_unlock(\(namespace), \(key))")
        return
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Issue.record("the advisory lock (\(namespace), \(key)) was still held 10 s after its holder closed")
  }

  @Test func aSecondUnshardedRunIsLocked() throws {
    let location = try StoreLocation(try PostgresTestServer.freshDatabase())
    let first = try location.lockForRun(shard: nil)
    do {
      _ = try location.lockForRun(shard: nil)
      Issue.record("two unsharded runs must not write at once")
    } catch let error as StoreError {
      guard case .locked(_, let holder) = error else { throw error }
      #expect(holder?.contains("earshot pid \(ProcessInfo.processInfo.processIdentifier)") == true)
    }
    withExtendedLifetime(first) {}
  }
}
