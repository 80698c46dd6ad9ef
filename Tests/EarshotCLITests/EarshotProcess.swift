import EarshotTestSupport
import Foundation
import Testing

/// Runs the built `earshot` binary from the package root and collects what it printed. Every test
/// of this target that runs the binary goes through here.
struct EarshotProcess {
  /// What one run produced.
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `earshot` with `arguments` (and `environment` over the test's own, colors off); kills it
  /// and records an issue after `timeout` seconds, so a hang fails the test instead of the run.
  static func run(
    _ arguments: [String], environment extra: [String: String] = [:], timeout: TimeInterval = 300
  ) throws -> Run {
    let binary = try #require(PackagePaths.earshotBinary, "the earshot executable is built beside the tests")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = PackagePaths.root
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { _, new in new }
    process.environment = environment
    // Files, not pipes: reading a pipe can be interrupted by signals on Linux.
    let folder = try TemporaryDirectory()
    let outURL = folder.url.appendingPathComponent("stdout")
    let errURL = folder.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
      process.terminate()
      Issue.record("earshot \(arguments.joined(separator: " ")) still ran after \(Int(timeout)) s")
    }
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}
