import EarshotEngine
import EarshotModel
import EarshotStore
import EarshotTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Only regular files are read; a folder that cannot be listed is a diagnostic (exit 2), and
/// `nightly` never takes the files of such a folder for removed.
@Suite struct InputFilesTests {
  static let chat = """
    # id: chat-%@
    # company: Acme
    [10:00] Customer Pat: My router keeps dropping the connection. Why does it keep failing?
    [10:02] Agent Bob: The firmware is outdated; I pushed an update, please restart it.

    """

  /// A lister that fails for folders named `locked`, as `opendir` does for a chmod-000 folder when
  /// not running as root.
  static let lockedFails = DirectoryLister { path in
    if (path as NSString).lastPathComponent == "locked" { throw CocoaError(.fileReadNoPermission) }
    return try FileManager.default.contentsOfDirectory(atPath: path)
  }

  @Test func fifoInAFolderIsADiagnosticAndTheRestIsRead() async throws {
    let folder = try TemporaryDirectory()
    try folder.write("in/a.txt", String(format: Self.chat, "a"))
    try folder.write("in/c.txt", String(format: Self.chat, "c"))
    #expect(mkfifo(folder.path("in/b.pipe"), 0o644) == 0)
    let discovery = InputDiscovery(paths: [folder.path("in")])
    #expect(discovery.files.map { ($0.path as NSString).lastPathComponent } == ["a.txt", "c.txt"])
    let diagnostic = try #require(discovery.diagnostics.first)
    #expect(discovery.diagnostics.count == 1)
    #expect(diagnostic.location.file == folder.path("in/b.pipe"))
    #expect(diagnostic.message == "not a regular file (a FIFO (named pipe)); only regular files are read")
    #expect(diagnostic.severity == .error)

    // A whole batch: finishes (no read ever blocks on the FIFO), scores the rest, exit status 2.
    let job = BatchJob(
      inputs: [folder.path("in")], outputDirectory: folder.path("out"), configuration: EarshotConfiguration(), jobs: 2)
    let summary = try await job.run(report: { _ in })
    #expect(summary.conversations == 2)
    #expect(summary.errors == 1)
    #expect(summary.exitCode == .someInputsUnreadable)
  }

  @Test func fifoGivenAsAnInputIsADiagnostic() throws {
    let folder = try TemporaryDirectory()
    #expect(mkfifo(folder.path("named.pipe"), 0o644) == 0)
    let discovery = InputDiscovery(paths: [folder.path("named.pipe")])
    #expect(discovery.files.isEmpty)
    #expect(
      discovery.diagnostics.map(\.message) == ["not a regular file (a FIFO (named pipe)); only regular files are read"])
  }

  @Test func devicesAreNotRead() throws {
    let discovery = InputDiscovery(paths: ["/dev/null", "/dev/zero"])
    #expect(discovery.files.isEmpty)
    #expect(discovery.diagnostics.allSatisfy { $0.message.contains("a character device") })
    #expect(discovery.diagnostics.count == 2)
  }

  @Test func unlistableFolderIsADiagnosticNamingIt() async throws {
    let folder = try TemporaryDirectory()
    try folder.write("in/open/a.txt", String(format: Self.chat, "a"))
    try folder.write("in/locked/b.txt", String(format: Self.chat, "b"))
    let discovery = InputDiscovery.$lister.withValue(Self.lockedFails) { InputDiscovery(paths: [folder.path("in")]) }
    #expect(discovery.files.map(\.path) == [folder.path("in/open/a.txt")])
    let diagnostic = try #require(discovery.diagnostics.first)
    #expect(diagnostic.location.file == folder.path("in/locked"))
    #expect(diagnostic.message == "cannot list the folder: Permission denied; its files were not read")
    #expect(discovery.unknownPaths == [folder.path("in/locked")])

    let job = BatchJob(
      inputs: [folder.path("in")], outputDirectory: folder.path("out"), configuration: EarshotConfiguration(), jobs: 1)
    let summary = try await InputDiscovery.$lister.withValue(Self.lockedFails) { try await job.run(report: { _ in }) }
    #expect(summary.conversations == 1)
    #expect(summary.exitCode == .someInputsUnreadable)
  }

  @Test func nightlyKeepsTheResultsOfAFolderItCouldNotList() async throws {
    let folder = try TemporaryDirectory()
    try folder.write("in/open/a.txt", String(format: Self.chat, "a"))
    try folder.write("in/locked/b.txt", String(format: Self.chat, "b"))
    let job = NightlyJob(
      inputs: [folder.path("in")], storePath: folder.path("store.sqlite"), configuration: EarshotConfiguration(),
      jobs: 1)
    let first = try await job.run(report: { _ in })
    #expect(first.counts.new == 2)
    var problems: [InputDiagnostic] = []
    let second = try await InputDiscovery.$lister.withValue(Self.lockedFails) {
      try await job.run(report: { problems.append($0) })
    }
    #expect(second.counts.removed == 0)
    #expect(second.exitCode == .someInputsUnreadable)
    #expect(problems.map(\.location.file) == [folder.path("in/locked")])
    let store = try EarshotStore(path: folder.path("store.sqlite"))
    #expect(try store.files()[folder.path("in/locked/b.txt")]?.status != .removed)
    #expect(second.counts.conversationsTotal == 2)
  }

  @Test func warningsAloneDoNotMakeExitStatusTwo() async throws {
    let folder = try TemporaryDirectory()
    try folder.write(
      "in/bad-date.eml",
      """
      From: Dana <dana@example.com>
      To: help@acme.com
      Subject: x
      Date: Wed Mar 06 08:00:00 +0000
      Message-ID: <a@example.com>

      Where is my order?

      """)
    let job = BatchJob(
      inputs: [folder.path("in")], outputDirectory: folder.path("out"), configuration: EarshotConfiguration(), jobs: 1)
    let summary = try await job.run(report: { _ in })
    #expect(summary.conversations == 1)
    #expect(summary.warnings == 1)
    #expect(summary.errors == 0)
    #expect(summary.filesWithProblems == 0)
    #expect(summary.exitCode == .ok)
    #expect(summary.line.hasSuffix("0 errors, 1 warning."))
    let line = try String(contentsOfFile: folder.path("out/diagnostics.jsonl"), encoding: .utf8)
    #expect(line.contains("\"severity\":\"warning\""))
    #expect(line.contains("\"line\":4"))
    let written = try String(contentsOfFile: folder.path("out/summary.json"), encoding: .utf8)
    #expect(written.contains("\"warnings\" : 1"))
    #expect(written.contains("\"errors\" : 0"))
  }
}
