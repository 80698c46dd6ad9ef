import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// CPython's own e-mail test messages (`test/test_email/data/msg_*.txt`, 48 files in Python's test
/// package): Python's parser reads every one, recording defects for the damaged ones. Earshot must
/// read every one too, and report what Python calls a defect as a warning with its line.
///
/// The files are not copied into this repository (they are Python's); the test finds them through
/// `python3` (or `EARSHOT_CPYTHON_EMAIL_DATA`) and skips, saying why, when Python's test package is
/// not installed (Debian: `apt-get install libpython3.11-testsuite`; `.ci/run` installs it).
@Suite(.enabled(if: CPythonEmailData.folder != nil, "\(CPythonEmailData.whyMissing)"))
struct EmailCPythonTests {
  /// The messages Python 3.11's parser records a defect for.
  static let defective: Set<String> = [
    "msg_15.txt", "msg_17.txt", "msg_19.txt", "msg_25.txt", "msg_31.txt", "msg_35.txt", "msg_38.txt",
    "msg_39.txt", "msg_41.txt", "msg_42.txt", "msg_47.txt",
  ]

  @Test func everyMessageIsReadAndDefectsAreWarningsWithLines() throws {
    let files = try CPythonEmailData.files()
    #expect(files.count == 48)
    for file in files {
      let name = (file.path as NSString).lastPathComponent
      let (conversations, diagnostics) = try EmailMessageReader().readAll(file)
      #expect(conversations.count == 1, "\(name)")
      #expect(diagnostics.allSatisfy { $0.severity == .warning && $0.location.line != nil }, "\(name): \(diagnostics)")
      if Self.defective.contains(name) {
        #expect(!diagnostics.isEmpty, "\(name): Python records a defect; Earshot should warn")
      }
    }
  }

  @Test func everyMessageWithHeadersIsDetectedAsMail() throws {
    let registry = ReaderRegistry.builtIn()
    for file in try CPythonEmailData.files() {
      let name = (file.path as NSString).lastPathComponent
      // msg_19 is a digest body with no header line at all: nothing in it says "mail", so only
      // `--input-format email` reads it (as the test above does).
      if name == "msg_19.txt" { continue }
      let reader = try registry.detect(file)
      #expect(["email", "mbox"].contains(reader.format), "\(name) detected as \(reader.format)")
      let (conversations, diagnostics) = try reader.readAll(file)
      #expect(!conversations.isEmpty, "\(name)")
      #expect(diagnostics.allSatisfy { $0.severity == .warning }, "\(name): \(diagnostics)")
    }
  }

  @Test func nestedMultipartReusingTheOuterBoundaryKeepsBothTexts() throws {
    let file = try #require(try CPythonEmailData.files().first { $0.path.hasSuffix("msg_15.txt") })
    let (conversations, _) = try EmailMessageReader().readAll(file)
    let text = try #require(conversations.first?.turns.first?.text)
    #expect(text.contains("Some removed test."))
  }

  @Test func bounceFromTheNullSenderIsAnMboxNotAChatLog() throws {
    let file = try #require(try CPythonEmailData.files().first { $0.path.hasSuffix("msg_43.txt") })
    #expect(try ReaderRegistry.builtIn().detect(file).format == "mbox")
  }
}

/// Finds CPython's e-mail test data.
enum CPythonEmailData {
  /// `…/test/test_email/data`, or nil when Python's test package is not installed.
  static let folder: URL? = {
    if let configured = ProcessInfo.processInfo.environment["EARSHOT_CPYTHON_EMAIL_DATA"], !configured.isEmpty {
      return URL(fileURLWithPath: configured)
    }
    guard let testPackage = pythonTestPackage() else { return nil }
    let data = URL(fileURLWithPath: testPackage).appendingPathComponent("test_email/data")
    let probe = data.appendingPathComponent("msg_01.txt").path
    return FileManager.default.fileExists(atPath: probe) ? data : nil
  }()

  static let whyMissing =
    "CPython's test package (test/test_email/data) was not found: `python3 -c 'import test'` failed or has no "
    + "test_email data; install it (Debian: apt-get install libpython3.11-testsuite) or set EARSHOT_CPYTHON_EMAIL_DATA"

  /// The 48 `msg_*.txt` files, sorted.
  static func files() throws -> [InputFile] {
    let folder = try #require(folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix("msg_") && $0.hasSuffix(".txt") }.sorted()
    return names.map { InputFile(path: folder.appendingPathComponent($0).path) }
  }

  /// The folder of Python's `test` package, asked from `python3` itself.
  private static func pythonTestPackage() -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import test, os; print(os.path.dirname(test.__file__))"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return path.isEmpty ? nil : path
  }
}
