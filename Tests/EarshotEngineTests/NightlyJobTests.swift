import EarshotEngine
import EarshotModel
import EarshotStore
import EarshotTestSupport
import Foundation
import Testing

/// The incremental logic of `earshot nightly`, run in-process on temporary corpora and stores.
@Suite struct NightlyJobTests {
  static let chat = """
    # id: chat-%d
    # company: Acme
    # date: 2024-03-04
    [10:00] Customer Pat: My router keeps dropping the connection. Why does it keep failing?
    [10:02] Agent Bob: The firmware is outdated; I pushed an update, please restart it.
    [10:05] Customer Pat: It works now, thanks!

    """

  func corpus(files: Int) throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory()
    for index in 0..<files {
      try folder.write("in/chat-\(index).txt", String(format: Self.chat, index))
    }
    return folder
  }

  func run(_ folder: TemporaryDirectory, configuration: EarshotConfiguration = EarshotConfiguration()) async throws
    -> NightlySummary
  {
    let job = NightlyJob(
      inputs: [folder.path("in")], storePath: folder.path("store.sqlite"), configuration: configuration, jobs: 2,
      unitsPerTransaction: 2)
    return try await job.run(report: { _ in })
  }

  @Test func secondRunScoresNothing() async throws {
    let folder = try corpus(files: 5)
    let first = try await run(folder)
    #expect(first.counts.new == 5)
    #expect(first.counts.conversationsScored == 5)
    let second = try await run(folder)
    #expect(second.counts.unchanged == 5)
    #expect(second.filesScored == 0)
    #expect(second.counts.conversationsScored == 0)
    #expect(second.counts.conversationsTotal == 5)
    #expect(second.lines.contains("Nothing new since the last run: no file was scored."))
  }

  @Test func changingOneFileRescoresOnlyIt() async throws {
    let folder = try corpus(files: 5)
    _ = try await run(folder)
    try folder.write(
      "in/chat-3.txt", String(format: Self.chat, 3).replacingOccurrences(of: "thanks", with: "thank you"))
    let second = try await run(folder)
    #expect(second.counts.changed == 1)
    #expect(second.counts.unchanged == 4)
    #expect(second.counts.conversationsScored == 1)
    #expect(second.counts.conversationsTotal == 5)
  }

  @Test func touchingWithoutChangingIsUnchanged() async throws {
    let folder = try corpus(files: 2)
    _ = try await run(folder)
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: folder.path("in/chat-1.txt"))
    let second = try await run(folder)
    #expect(second.counts.unchanged == 2)
    #expect(second.filesScored == 0)
  }

  @Test func changingAWeightRescoresEverything() async throws {
    let folder = try corpus(files: 4)
    _ = try await run(folder)
    let changed = try ConfigurationLoader.parse("version: 1\nweights: {answers: 40}\n", file: "earshot.yml")
    let second = try await run(folder, configuration: changed)
    #expect(second.fingerprintChanged)
    #expect(second.counts.rescored == 4)
    #expect(second.counts.conversationsScored == 4)
    let third = try await run(folder, configuration: changed)
    #expect(third.filesScored == 0)
    #expect(!third.fingerprintChanged)
  }

  @Test func removedFilesAreMarkedAndLeaveTheAggregates() async throws {
    let folder = try corpus(files: 3)
    _ = try await run(folder)
    try FileManager.default.removeItem(atPath: folder.path("in/chat-0.txt"))
    let second = try await run(folder)
    #expect(second.counts.removed == 1)
    #expect(second.counts.conversationsTotal == 2)
    let store = try EarshotStore(path: folder.path("store.sqlite"))
    #expect(try store.files()[folder.path("in/chat-0.txt")]?.status == .removed)
    let runs = try store.runs()
    #expect(try store.aggregation(runID: runs[0].id).rows(.company).first?.totals.conversations == 3)
    #expect(try store.aggregation(runID: runs[1].id).rows(.company).first?.totals.conversations == 2)
  }

  @Test func unreadableFilesAreFailedOnceAndNotReportedAgainUntilChanged() async throws {
    let folder = try corpus(files: 1)
    try folder.write("in/broken.txt", "# id: x\n[10:00] Customer: hello\n[99:00] Agent: hi\n")
    var reported: [InputDiagnostic] = []
    let job = NightlyJob(
      inputs: [folder.path("in")], storePath: folder.path("store.sqlite"), configuration: EarshotConfiguration(),
      jobs: 1)
    let first = try await job.run(report: { reported.append($0) })
    #expect(first.counts.failed == 1)
    #expect(first.exitCode == .someInputsUnreadable)
    #expect(reported.count == 1)
    let second = try await job.run(report: { reported.append($0) })
    #expect(second.counts.failed == 0)
    #expect(second.exitCode == .ok)
    #expect(reported.count == 1)
  }

  @Test func aMissingInputDoesNotRemoveItsFiles() async throws {
    let folder = try corpus(files: 2)
    _ = try await run(folder)
    try FileManager.default.moveItem(atPath: folder.path("in"), toPath: folder.path("elsewhere"))
    let second = try await run(folder)
    #expect(second.counts.removed == 0)
    #expect(second.exitCode == .someInputsUnreadable)
    #expect(second.counts.conversationsTotal == 2)
  }

  @Test func aLockedStoreIsRefused() async throws {
    let folder = try corpus(files: 1)
    let lock = try StoreLock(storePath: folder.path("store.sqlite"))
    await #expect(throws: StoreError.self) { _ = try await run(folder) }
    withExtendedLifetime(lock) {}
  }
}

@Suite struct NightlyFingerprintTests {
  let lexicons = [(name: "a.tsv", contents: Data("good\t1\n".utf8))]

  func fingerprint(
    config: String = "version: 1\n", lexicons: [(name: String, contents: Data)]? = nil, tool: String = "1.0.0",
    schema: Int = 1
  ) -> String {
    NightlyFingerprint.compute(
      configurationText: config, lexicons: lexicons ?? self.lexicons, toolVersion: tool, schemaVersion: schema)
  }

  @Test func eachPartChangesTheFingerprint() {
    let base = fingerprint()
    #expect(base.count == 64)
    #expect(fingerprint() == base)
    #expect(fingerprint(config: "version: 1\nweights: {answers: 40}\n") != base)
    #expect(fingerprint(lexicons: [(name: "a.tsv", contents: Data("good\t2\n".utf8))]) != base)
    #expect(fingerprint(lexicons: [(name: "b.tsv", contents: Data("good\t1\n".utf8))]) != base)
    #expect(fingerprint(tool: "1.0.1") != base)
    #expect(fingerprint(schema: 2) != base)
  }

  @Test func theDefaultLexiconsAreIncluded() {
    let configuration = EarshotConfiguration()
    let withFiles = NightlyFingerprint.compute(configuration: configuration)
    #expect(withFiles == NightlyFingerprint.compute(configuration: configuration))
    #expect(
      withFiles
        != NightlyFingerprint.compute(
          configurationText: "", lexicons: [], toolVersion: EarshotVersion.current, schemaVersion: 1))
  }
}
