import EarshotTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The built binary on hostile file-system input: FIFOs never block, file names cannot forge or
/// color stderr lines, and store and output failures are one line naming the file.
@Suite struct SafeInputOutputTests {
  func earshot(_ arguments: [String], timeout: TimeInterval = 120) throws -> EarshotProcess.Run {
    try EarshotProcess.run(arguments, timeout: timeout)
  }

  @Test func scoreOnAFIFOIsADiagnosticNotAHang() throws {
    let folder = try TemporaryDirectory()
    let pipe = folder.path("transcript.txt")
    #expect(mkfifo(pipe, 0o644) == 0)
    let run = try earshot(["score", pipe], timeout: 60)
    #expect(run.status == 2)
    #expect(run.stderr.contains("\(pipe): error: not a regular file (a FIFO (named pipe))"), "\(run.stderr)")
    // Also when the format is forced (no sniffing) and the reader opens the path itself.
    let forced = try earshot(["score", "--input-format", "earshot-xml", pipe], timeout: 60)
    #expect(forced.status == 2)
    #expect(forced.stderr.contains("\(pipe): error: not a regular file (a FIFO (named pipe))"), "\(forced.stderr)")
  }

  @Test func batchWithAFIFOFinishes() throws {
    let folder = try TemporaryDirectory()
    try folder.write("in/chat.txt", "[10:00] Customer Pat: Where is my order?\n[10:01] Agent Bob: It ships today.\n")
    #expect(mkfifo(folder.path("in/queue.fifo"), 0o644) == 0)
    let run = try earshot(["batch", folder.path("in"), "--out", folder.path("out"), "--jobs", "1"], timeout: 120)
    #expect(run.status == 2)
    #expect(
      run.stderr.contains(
        "\(folder.path("in/queue.fifo")): error: not a regular file (a FIFO (named pipe)); only regular files are read")
    )
    #expect(run.stderr.contains("Scored 1 conversation from 2 files"))
  }

  @Test func fileNamesCannotForgeOrColorDiagnosticLines() throws {
    let folder = try TemporaryDirectory()
    let name = "bad\nfake.txt:1: error: forged\u{1B}[31m.json"
    try folder.write("in/" + name, "{ not json")
    let run = try earshot(["batch", folder.path("in"), "--out", folder.path("out"), "--jobs", "1"])
    #expect(run.status == 2)
    #expect(!run.stderr.contains("\u{1B}"))
    #expect(!run.stderr.split(separator: "\n").contains { $0.hasPrefix("fake.txt:1: error: forged") })
    let lines = run.stderr.split(separator: "\n").filter { $0.contains("forged") }
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix(folder.path("in") + #"/bad\nfake.txt:1: error: forged\u{1B}[31m.json"#) == true)
  }

  @Test func corruptStoreIsOneLineNamingTheStore() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.write("store.sqlite", String(repeating: "this is not a database\n", count: 200))
    try folder.write("in/chat.txt", "[10:00] Customer Pat: Where is my order?\n[10:01] Agent Bob: It ships today.\n")
    for arguments in [
      ["nightly", folder.path("in"), "--store", store], ["report", "--store", store, "--out", folder.path("r")],
    ] {
      let run = try earshot(arguments)
      #expect(run.status == 1)
      let lines = run.stderr.split(separator: "\n")
      #expect(lines.count == 1, "\(run.stderr)")
      #expect(lines.first?.hasPrefix("error: cannot open the store \(store): ") == true, "\(run.stderr)")
      #expect(lines.first?.contains("file is not a database") == true, "\(run.stderr)")
      #expect(!run.stderr.contains("error: error:"))
    }
  }

  @Test func unwritableOutputIsOneLineNamingTheFile() throws {
    let folder = try TemporaryDirectory()
    try folder.write("in/chat.txt", "[10:00] Customer Pat: Where is my order?\n[10:01] Agent Bob: It ships today.\n")
    // A regular file where the output folder should be: fails for root too.
    let blocker = try folder.write("blocker", "")
    let run = try earshot(["batch", folder.path("in"), "--out", blocker + "/out"])
    #expect(run.status == 1)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(run.stderr)")
    #expect(lines.first == "\(blocker)/out: error: cannot create the output folder (Not a directory)", "\(run.stderr)")
  }
}
