import EarshotTestSupport
import Foundation
import Testing

/// Runs the built `earshot` binary and checks output and exit codes.
@Suite struct CLITests {
  func earshot(_ arguments: [String], environment: [String: String] = [:]) throws -> EarshotProcess.Run {
    try EarshotProcess.run(arguments, environment: environment)
  }

  @Test(arguments: ["batch", "merge", "score", "nightly", "report", "schedule", "config"])
  func helpWrapsCleanlyAndListsEachExitCodeOnce(command: String) throws {
    let run = try earshot([command, "--help"], environment: ["COLUMNS": "80"])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    let overview = lines.prefix { !$0.hasPrefix("USAGE:") }
    for line in overview { #expect(line.count <= 80, "\(command): '\(line)'") }
    for code in ["0", "1", "2", "64", "75"] {
      let listed = overview.filter { $0.hasPrefix("  \(code) ") }.count
      #expect(listed <= 1, "\(command) lists exit code \(code) \(listed) times")
    }
    if command == "nightly" { #expect(overview.contains { $0.hasPrefix("  75 ") }) }
  }

  @Test func helpDocumentsExitCodes() throws {
    let run = try earshot(["--help"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("64  usage error or invalid configuration"))
    #expect(run.stdout.contains("score"))
    #expect(run.stdout.contains("batch"))
  }

  @Test func scoreShowsThePitchWithTheAgentsWords() throws {
    let run = try earshot(["score", "corpora/chat/02-premature-upsell.txt"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("premature_pitch"))
    #expect(run.stdout.contains("Did you know we also have a Premium plan"))
    #expect(run.stdout.contains("Listening score:"))
  }

  @Test func scoreJSONIsVersioned() throws {
    let run = try earshot(["score", "--format", "json", "corpora/json/09-listened-email.json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(object["schema_version"] as? Int == 4)
    #expect(object["conversation_id"] as? String == "globex-mail-009")
  }

  @Test func batchOnSampleCorporaExitsZero() throws {
    let output = try TemporaryDirectory()
    let run = try earshot(["batch", "corpora", "--out", output.url.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("Scored 12 conversations"))
    for name in ["conversations.jsonl", "agents.csv", "companies.csv"] {
      #expect(FileManager.default.fileExists(atPath: output.path(name)))
    }
  }

  @Test func batchWithMalformedFileExitsTwoAndNamesFileAndLine() throws {
    let input = try TemporaryDirectory()
    try input.write("ok.txt", "Customer: hi, where is my order?\nAgent: It ships today.\n")
    let bad = try input.write("broken.txt", "# id: x\n[10:00] Customer: hello\n[99:00] Agent: hi\n")
    let output = try TemporaryDirectory()
    let run = try earshot(["batch", input.url.path, "--out", output.url.path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("\(bad):3:2: error: expected a time such as 10:32"))
    #expect(run.stderr.contains("Scored 1 conversation from 2 files"))
  }

  @Test func invalidConfigurationExits64BeforeWork() throws {
    let folder = try TemporaryDirectory()
    let config = try folder.write("earshot.yml", "version: 1\nweigths: {answers: 2}\n")
    let output = folder.url.appendingPathComponent("out").path
    let run = try earshot(["batch", "corpora", "--out", output, "--config", config])
    #expect(run.status == 64)
    #expect(run.stderr.contains("at 'weigths': unknown key; did you mean 'weights'?"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func usageErrorsExit64() throws {
    #expect(try earshot(["batch", "corpora"]).status == 64)
    #expect(try earshot(["batch", "corpora", "--out", "/tmp/x", "--shard", "4/3"]).status == 64)
    #expect(try earshot(["frobnicate"]).status == 64)
  }

  @Test func missingFileIsReported() throws {
    let run = try earshot(["score", "does-not-exist.txt"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("does-not-exist.txt"))
  }
}

@Suite struct CLIFailureTests {
  @Test func unwritableOutputExitsOne() throws {
    let folder = try TemporaryDirectory()
    let blocker = try folder.write("not-a-folder", "a file where the output folder should go")
    let run = try CLITests().earshot(["batch", "corpora", "--out", blocker + "/out"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error:"))
  }
}

@Suite struct CLIInputTests {
  @Test func missingInputIsAUsageError() throws {
    let run = try CLITests().earshot(["batch", "no/such/folder", "--out", "/tmp/earshot-never"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("no/such/folder: no such file or folder"))
  }

  @Test func scoringAFolderPointsToBatch() throws {
    let run = try CLITests().earshot(["score", "corpora"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("use `earshot batch corpora --out DIR`"))
  }

  @Test func emptyFolderSaysSo() throws {
    let input = try TemporaryDirectory()
    let output = try TemporaryDirectory()
    let run = try CLITests().earshot(["batch", input.url.path, "--out", output.url.path])
    #expect(run.status == 0)
    #expect(run.stderr.contains("warning: no input files found"))
  }
}
