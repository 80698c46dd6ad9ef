import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotStore

#if canImport(Glibc)
  import Glibc
#endif

/// The built binary with a PostgreSQL store: passwords never printed, one-line connection errors
/// (no server needed), and shards writing one store at once (needs the test server).
@Suite(.serialized) struct PostgresCLITests {
  static let secret = "S3cret-Pa55word"

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Starts the binary with `environment` over the test's own; its output goes to files in `folder`.
  func start(_ arguments: [String], environment: [String: String] = [:], in folder: TemporaryDirectory) throws -> (
    Process, out: URL, err: URL
  ) {
    let binary = try #require(PackagePaths.earshotBinary, "the earshot executable is built beside the tests")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = PackagePaths.root
    process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["NO_COLOR": "1"]) { $1 }) {
      $1
    }
    let name = UUID().uuidString
    let out = URL(fileURLWithPath: folder.path("\(name).out"))
    let err = URL(fileURLWithPath: folder.path("\(name).err"))
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    return (process, out, err)
  }

  func finish(_ started: (Process, out: URL, err: URL)) throws -> Run {
    started.0.waitUntilExit()
    return Run(
      status: started.0.terminationStatus, stdout: try String(contentsOf: started.out, encoding: .utf8),
      stderr: try String(contentsOf: started.err, encoding: .utf8))
  }

  func earshot(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
    let folder = try TemporaryDirectory()
    return try finish(try start(arguments, environment: environment, in: folder))
  }

  /// A port nothing listens on: bound, then closed.
  static func closedPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  @Test func aServerThatCannotBeReachedIsOneLineWithoutThePassword() throws {
    let folder = try TemporaryDirectory()
    try NightlyCLITests.writeCorpus(folder, files: 2)
    let port = try Self.closedPort()
    for (url, environment) in [
      ("postgres://earshot:\(Self.secret)@127.0.0.1:\(port)/teamdb", [:]),
      ("postgresql://earshot@127.0.0.1:\(port)/teamdb", ["PGPASSWORD": Self.secret]),
    ] {
      let run = try earshot(["nightly", folder.path("in"), "--store", url], environment: environment)
      #expect(run.status == 1, "\(run.stderr)")
      #expect(!run.stderr.contains(Self.secret))
      let lines = run.stderr.split(separator: "\n")
      #expect(lines.count == 1, "\(run.stderr)")
      #expect(
        lines.first == "error: cannot connect to the PostgreSQL store 127.0.0.1:\(port)/teamdb: connection refused")
      let report = try earshot(["report", "--store", url, "--out", folder.path("r")], environment: environment)
      #expect(report.status == 1)
      #expect(report.stderr.contains("127.0.0.1:\(port)/teamdb"))
      #expect(!report.stderr.contains(Self.secret))
    }
  }

  @Test func storeURLInTheConfigurationIsUsedAndPrintedWithoutItsPassword() throws {
    let folder = try TemporaryDirectory()
    try NightlyCLITests.writeCorpus(folder, files: 1)
    let port = try Self.closedPort()
    try folder.write(
      "earshot.yml", "version: 1\nstore:\n  url: postgres://team:\(Self.secret)@127.0.0.1:\(port)/history\n")
    let effective = try earshot(["config", "--effective", "--config", folder.path("earshot.yml")])
    #expect(effective.status == 0, "\(effective.stderr)")
    #expect(effective.stdout.contains("url: postgres://team@127.0.0.1:\(port)/history"))
    #expect(!effective.stdout.contains(Self.secret))
    let run = try earshot(["nightly", folder.path("in"), "--config", folder.path("earshot.yml")])
    #expect(run.status == 1)
    #expect(run.stderr.contains("127.0.0.1:\(port)/history"))
    #expect(!run.stderr.contains(Self.secret))
  }

  @Test func aBadStoreURLIsAUsageLine() throws {
    let folder = try TemporaryDirectory()
    try NightlyCLITests.writeCorpus(folder, files: 1)
    let run = try earshot(["nightly", folder.path("in"), "--store", "postgres://u:\(Self.secret)@db:port/x"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("invalid store URL: the port is not a number"))
    #expect(!run.stderr.contains(Self.secret))
  }

  /// The target: the sample corpora and 600 generated conversations scored by 4 shards at once into
  /// one PostgreSQL store, one shard killed (SIGKILL) after its first commits and run again, give
  /// report tables byte-identical to one SQLite nightly over the same files.
  @Test(.enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
  func fourShardsOneKilledGiveTheSQLiteTables() throws {
    let folder = try TemporaryDirectory()
    try NightlyCLITests.writeCorpus(folder, files: 600)
    let samples = PackagePaths.root.appendingPathComponent("corpora")
    for kind in ["chat", "json"] {
      try FileManager.default.copyItem(
        at: samples.appendingPathComponent(kind), to: URL(fileURLWithPath: folder.path("in/samples-\(kind)")))
    }
    let input = folder.path("in")
    let sqlite = folder.path("one.sqlite")
    let whole = try earshot(["nightly", input, "--store", sqlite, "--jobs", "2"])
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(try earshot(["report", "--store", sqlite, "--out", folder.path("sqlite-report")]).status == 0)

    let url = try PostgresTestServer.freshDatabase()
    // Shard 2 alone first, killed once it has committed a batch and before it has finished.
    let (victim, _, _) = try start(
      ["nightly", input, "--store", url, "--shard", "2/4", "--jobs", "1"], in: folder)
    var committed = 0
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline && victim.isRunning {
      usleep(20_000)
      committed = (try? StoreLocation(url).open().files().count) ?? 0
      if committed > 0 { break }
    }
    #expect(victim.isRunning, "shard 2 finished before it could be killed; make the corpus larger")
    kill(victim.processIdentifier, SIGKILL)
    victim.waitUntilExit()
    #expect(committed > 0)
    #expect(try StoreLocation(url).open().runs().map(\.status) == ["running"])
    // The server drops the killed process's locks as soon as it sees the connection closed.
    try PostgresStoreBehaviourTests.waitUntilFree(
      url, namespace: PostgresLockKeys.shardNamespace, key: PostgresLockKeys.shardKey(index: 2, count: 4))

    // All four shards at once, shard 2 again among them.
    let shards = try (1...4).map { index in
      try start(["nightly", input, "--store", url, "--shard", "\(index)/4", "--jobs", "1"], in: folder)
    }
    for shard in shards {
      let run = try finish(shard)
      #expect(run.status == 0, "\(run.stderr)")
    }
    let store = try StoreLocation(url).open()
    let statuses = try store.runs().map(\.status)
    #expect(statuses.first == "interrupted")
    #expect(statuses.dropFirst().sorted() == Array(repeating: "succeeded", count: 4))
    // No duplicates, no gaps: the same files and conversations as the single SQLite run.
    let reference = try EarshotStore(path: sqlite)
    #expect(try store.currentResultLines() == reference.currentResultLines())
    #expect(try store.files().count == reference.files().count)

    let report = try earshot(["report", "--store", url, "--out", folder.path("postgres-report")])
    #expect(report.status == 0, "\(report.stderr)")
    for name in ["agents.csv", "companies.csv", "channels.csv", "days.csv"] {
      let expected = try Data(contentsOf: URL(fileURLWithPath: folder.path("sqlite-report/\(name)")))
      let actual = try Data(contentsOf: URL(fileURLWithPath: folder.path("postgres-report/\(name)")))
      #expect(actual == expected, "\(name) differs")
      #expect(expected.count > 100, "\(name) has rows")
    }
  }
}
