import EarshotStore
import EarshotTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `earshot nightly` binary: incremental runs, the lock, and a run killed halfway.
@Suite(.serialized) struct NightlyCLITests {
  struct Run {
    var status: Int32
    var stderr: String
  }

  func start(_ arguments: [String]) throws -> (Process, Pipe) {
    let binary = try #require(PackagePaths.earshotBinary, "the earshot executable is built beside the tests")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = PackagePaths.root
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    return (process, err)
  }

  func earshot(_ arguments: [String]) throws -> Run {
    let (process, err) = try start(arguments)
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// Chat logs with distinct ids, agents and companies, some with a premature pitch.
  static func writeCorpus(_ folder: TemporaryDirectory, files: Int) throws {
    let companies = ["Acme", "Globex", "Initech"]
    for index in 0..<files {
      let company = companies[index % companies.count]
      let agent = "agent\(index % 17)"
      let pitch =
        index % 3 == 0 ? "Did you know we also have a Premium plan? Upgrade today for 20% off." : "Let me check."
      try folder.write(
        "in/\(index / 100)/chat-\(index).txt",
        """
        # id: conv-\(index)
        # channel: chat
        # company: \(company)
        # date: 2024-03-\(String(format: "%02d", index % 28 + 1))
        [10:00] Customer Pat: My router keeps dropping the connection since Monday. Why does it keep failing?
        [10:0\(index % 9 + 1)] Agent \(agent): \(pitch)
        [10:12] Agent \(agent): The firmware on your router is outdated; I pushed an update, please restart it.
        [10:15] Customer Pat: It works now, thank you!

        """)
    }
  }

  @Test func secondRunScoresNothingAndSaysSo() throws {
    let folder = try TemporaryDirectory()
    try Self.writeCorpus(folder, files: 6)
    let store = folder.path("s.sqlite")
    let first = try earshot(["nightly", folder.path("in"), "--store", store])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("Files: 6 new, 0 changed"))
    let second = try earshot(["nightly", folder.path("in"), "--store", store])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stderr.contains("Nothing new since the last run: no file was scored."))
    #expect(second.stderr.contains("6 unchanged"))
  }

  @Test func reportWritesTheStoresTablesBesideTheDocuments() throws {
    let folder = try TemporaryDirectory()
    try Self.writeCorpus(folder, files: 6)
    let store = folder.path("s.sqlite")
    #expect(try earshot(["nightly", folder.path("in"), "--store", store, "--out", folder.path("nightly")]).status == 0)
    let report = try earshot(["report", "--store", store, "--out", folder.path("report")])
    #expect(report.status == 0, "\(report.stderr)")
    for name in ["report.md", "report.html", "agents.csv", "companies.csv", "channels.csv", "days.csv"] {
      #expect(FileManager.default.fileExists(atPath: folder.path("report/\(name)")), "\(name)")
    }
    // The store's tables are the nightly run's tables.
    for name in ["agents.csv", "companies.csv", "channels.csv", "days.csv"] {
      let fromReport = try String(contentsOfFile: folder.path("report/\(name)"), encoding: .utf8)
      let fromNightly = try String(contentsOfFile: folder.path("nightly/\(name)"), encoding: .utf8)
      #expect(fromReport == fromNightly, "\(name)")
      #expect(fromReport.split(separator: "\n").count > 1, "\(name) has rows")
    }
  }

  @Test func aSecondRunWhileTheStoreIsLockedExits75() throws {
    let folder = try TemporaryDirectory()
    try Self.writeCorpus(folder, files: 2)
    let store = folder.path("s.sqlite")
    let lock = try StoreLock(storePath: store)
    let run = try earshot(["nightly", folder.path("in"), "--store", store])
    #expect(run.status == 75)
    #expect(run.stderr.contains("another earshot run is using the store"))
    withExtendedLifetime(lock) {}
  }

  @Test func killedRunResumesToTheSameStoreAsAnUninterruptedOne() throws {
    let folder = try TemporaryDirectory()
    try Self.writeCorpus(folder, files: 1_500)
    let input = folder.path("in")
    let reference = folder.path("reference.sqlite")
    let started = Date()
    let whole = try earshot(["nightly", input, "--store", reference, "--jobs", "2"])
    let duration = Date().timeIntervalSince(started)
    #expect(whole.status == 0, "\(whole.stderr)")

    let killed = folder.path("killed.sqlite")
    let (process, _) = try start(["nightly", input, "--store", killed, "--jobs", "2"])
    // Kill once the first transactions are committed, well before the end.
    let deadline = Date().addingTimeInterval(duration * 0.9)
    var committed = 0
    while Date() < deadline {
      usleep(50_000)
      committed = (try? EarshotStore(path: killed).files().count) ?? 0
      if committed >= 100 { break }
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    let interrupted = try EarshotStore(path: killed)
    #expect(try interrupted.runs().last?.status == "running")
    let partial = try interrupted.files().count
    #expect(partial < 1_500, "the run was killed after it had finished; make the corpus larger")

    let resumed = try earshot(["nightly", input, "--store", killed, "--jobs", "2"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("\(1_500 - partial) new"))
    #expect(try interrupted.runs().map(\.status) == ["interrupted", "succeeded"])
    let expected = try EarshotStore(path: reference).contentDump()
    #expect(try interrupted.contentDump() == expected)
  }
}
