import EarshotScoring
import EarshotStore
import EarshotTestSupport
import Foundation
import Testing

@Suite struct StoreMigrationTests {
  @Test func freshStoreAppliesEveryMigrationInOrder() throws {
    let folder = try TemporaryDirectory()
    let store = try EarshotStore(path: folder.path("nested/earshot.sqlite"))
    #expect(try store.appliedMigrations() == EarshotStore.knownMigrations)
    #expect(FileManager.default.fileExists(atPath: folder.path("nested/earshot.sqlite")))
  }

  @Test func migrationsAreAppendOnly() {
    // Renaming or reordering a shipped migration would re-run it on existing stores.
    #expect(EarshotStore.knownMigrations.first == "v1-runs-files-results-aggregates")
  }

  @Test func reopeningKeepsDataAndDoesNotMigrateAgain() throws {
    let folder = try TemporaryDirectory()
    let path = folder.path("earshot.sqlite")
    do {
      let store = try EarshotStore(path: path)
      let run = try store.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
      try store.write(
        [StoreFixtures.unit("a.txt", [try StoreFixtures.result(id: "a", score: 80)])], runID: run,
        fingerprint: "f", counts: RunCounts())
      try store.finishRun(id: run, counts: RunCounts(), finishedAt: Date())
    }
    let reopened = try EarshotStore(path: path)
    #expect(try reopened.appliedMigrations() == EarshotStore.knownMigrations)
    #expect(try reopened.runs().count == 1)
    #expect(try reopened.files().keys.sorted() == ["a.txt"])
  }

  @Test func defaultPathFollowsXDG() {
    #expect(
      EarshotStore.defaultPath(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/h"])
        == "/x/data/earshot/earshot.sqlite")
    #expect(EarshotStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/earshot/earshot.sqlite")
    #expect(
      EarshotStore.defaultPath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"])
        == "/h/.local/share/earshot/earshot.sqlite")
  }
}

@Suite struct StoreTests {
  func makeStore() throws -> (TemporaryDirectory, EarshotStore) {
    let folder = try TemporaryDirectory()
    return (folder, try EarshotStore(path: folder.path("earshot.sqlite")))
  }

  @Test func resultsRoundTripAndAggregatesAreStoredPerRun() throws {
    let (_, store) = try makeStore()
    let a = try StoreFixtures.result(id: "a", agents: ["bob"], score: 40, findings: [("non_answer", "major")])
    let b = try StoreFixtures.result(id: "b", agents: ["bob"], score: 90)
    let c = try StoreFixtures.result(id: "c", company: "Globex", agents: ["sam"], score: 70, startedAt: nil)
    let run = try store.beginRun(inputs: ["in"], fingerprint: "f1", toolVersion: "t", startedAt: Date())
    try store.write(
      [StoreFixtures.unit("one.jsonl", [a, b]), StoreFixtures.unit("two.txt", [c])], runID: run, fingerprint: "f1",
      counts: RunCounts())
    let aggregation = try store.finishRun(id: run, counts: RunCounts(), finishedAt: Date())

    var expected = Aggregation()
    expected.add(a, day: "2024-03-04")
    expected.add(b, day: "2024-03-04")
    expected.add(c, day: nil)
    #expect(aggregation == expected)
    #expect(try store.aggregation(runID: run) == expected)
    #expect(try store.worstConversations(company: "Acme", agent: "bob", limit: 5) == [a, b])
    #expect(try store.scoreHistogram() == [0, 0, 0, 0, 1, 0, 0, 1, 0, 1])
    #expect(try store.findingCounts() == [DetectorFindingCount(detector: "non_answer", info: 0, minor: 0, major: 1)])
    let runs = try store.runs()
    #expect(runs.map(\.status) == ["succeeded"])
    #expect(runs.first?.counts.conversationsTotal == 3)
    #expect(try store.companyTrend().map(\.company) == ["Acme", "Globex"])
  }

  @Test func rewritingAUnitReplacesItsResults() throws {
    let (_, store) = try makeStore()
    let run = try store.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try store.write(
      [
        StoreFixtures.unit(
          "x.txt", [try StoreFixtures.result(id: "x1", score: 10), try StoreFixtures.result(id: "x2", score: 20)])
      ],
      runID: run, fingerprint: "f", counts: RunCounts())
    try store.write(
      [StoreFixtures.unit("x.txt", [try StoreFixtures.result(id: "x3", score: 30)], hash: "h2")], runID: run,
      fingerprint: "f", counts: RunCounts())
    let aggregation = try store.finishRun(id: run, counts: RunCounts(), finishedAt: Date())
    #expect(aggregation.groups[GroupKey(kind: .company, company: "Acme", name: "")]?.conversations == 1)
    #expect(try store.files()["x.txt"]?.contentHash == "h2")
  }

  @Test func removedFilesLoseTheirResultsAndTheirGroupIsReread() throws {
    let (_, store) = try makeStore()
    let run = try store.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    let group = ProcessedUnit(
      key: "maildir:box",
      files: [
        ("box/1", FileStamp(size: 1, modifiedNanoseconds: 1), "h1"),
        ("box/2", FileStamp(size: 1, modifiedNanoseconds: 1), "h2"),
      ],
      results: [try StoreFixtures.result(id: "thread", score: 50)], diagnostics: [], failed: false)
    try store.write(
      [group, StoreFixtures.unit("solo.txt", [try StoreFixtures.result(id: "s", score: 60)])],
      runID: run, fingerprint: "f", counts: RunCounts())
    try store.markRemoved(["box/2"], runID: run)
    let files = try store.files()
    #expect(files["box/2"]?.status == .removed)
    #expect(files["box/1"]?.contentHash == nil)
    #expect(files["solo.txt"]?.contentHash == "h")
    let aggregation = try store.finishRun(id: run, counts: RunCounts(), finishedAt: Date())
    #expect(aggregation.groups[GroupKey(kind: .company, company: "Acme", name: "")]?.conversations == 1)
  }

  @Test func aRunLeftRunningIsMarkedInterruptedByTheNext() throws {
    let (_, store) = try makeStore()
    _ = try store.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    let second = try store.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try store.finishRun(id: second, counts: RunCounts(), finishedAt: Date())
    #expect(try store.runs().map(\.status) == ["interrupted", "succeeded"])
  }

  @Test func failedFilesKeepTheirProblems() throws {
    let (_, store) = try makeStore()
    let run = try store.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    let bad = ProcessedUnit(
      key: "bad.txt", files: [("bad.txt", FileStamp(size: 3, modifiedNanoseconds: 2), "h")], results: [],
      diagnostics: [("bad.txt", "bad.txt:3:2: error: expected a time")], failed: true)
    try store.write([bad], runID: run, fingerprint: "f", counts: RunCounts())
    #expect(try store.files()["bad.txt"]?.status == .failed)
    #expect(try store.failedFiles().map(\.problems) == [["bad.txt:3:2: error: expected a time"]])
  }

  @Test func contentDumpIgnoresRunIdsAndTimes() throws {
    let (_, first) = try makeStore()
    let (_, second) = try makeStore()
    let result = try StoreFixtures.result(id: "a", score: 75)
    for (store, runs) in [(first, 1), (second, 3)] {
      var last: Int64 = 0
      for index in 0..<runs {
        last = try store.beginRun(
          inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date(timeIntervalSince1970: Double(index)))
      }
      try store.write([StoreFixtures.unit("a.txt", [result])], runID: last, fingerprint: "f", counts: RunCounts())
      try store.finishRun(id: last, counts: RunCounts(), finishedAt: Date())
    }
    #expect(try first.contentDump() == second.contentDump())
  }
}

@Suite struct StoreSchemaVersionTests {
  @Test func aStoreMigratedByANewerEarshotIsRefused() throws {
    let folder = try TemporaryDirectory()
    let path = folder.path("earshot.sqlite")
    _ = try EarshotStore(path: path)
    let sqlite = Process()
    sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    sqlite.arguments = ["sqlite3", path, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')"]
    sqlite.standardError = FileHandle.nullDevice
    try sqlite.run()
    sqlite.waitUntilExit()
    guard sqlite.terminationStatus == 0 else { return }  // no sqlite3 command line tool here
    #expect(throws: StoreError.newerSchema(path: path, migrations: ["v99-from-the-future"])) {
      _ = try EarshotStore(path: path)
    }
  }
}
