import EarshotEngine
import EarshotModel
import EarshotReporters
import EarshotStore
import EarshotTestSupport
import Foundation
import Testing

/// `score`, `batch` and `nightly` go through one `PreparedRun`, so the same inputs give the same
/// results and the same tables whichever command scored them.
@Suite struct PipelineParityTests {
  /// Batch and nightly over the same folder: identical result lines and identical tables.
  func expectBatchAndNightlyAgree(on input: String, configuration: EarshotConfiguration) async throws {
    let folder = try TemporaryDirectory()
    let batch = BatchJob(
      inputs: [input], outputDirectory: folder.path("batch"), configuration: configuration, jobs: 2)
    let summary = try await batch.run(report: { _ in })
    #expect(summary.conversations > 0)
    let nightly = NightlyJob(
      inputs: [input], storePath: folder.path("store.sqlite"), outputDirectory: folder.path("nightly"),
      configuration: configuration, jobs: 2)
    _ = try await nightly.run(report: { _ in })

    let batchLines = try String(contentsOfFile: folder.path("batch/conversations.jsonl"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let storedLines = try EarshotStore(path: folder.path("store.sqlite")).currentResultLines()
    #expect(batchLines.count == summary.conversations)
    #expect(batchLines.sorted() == storedLines.sorted())
    for table in ["agents.csv", "companies.csv", "channels.csv", "days.csv"] {
      let fromBatch = try String(contentsOfFile: folder.path("batch/\(table)"), encoding: .utf8)
      let fromNightly = try String(contentsOfFile: folder.path("nightly/\(table)"), encoding: .utf8)
      #expect(fromBatch == fromNightly, "\(table) differs between batch and nightly")
    }
  }

  @Test func batchAndNightlyAgreeOnTheSampleCorpora() async throws {
    try await expectBatchAndNightlyAgree(on: PackagePaths.corpora.path, configuration: EarshotConfiguration())
  }

  @Test func batchAndNightlyAgreeWithConfiguredAgents() async throws {
    var configuration = EarshotConfiguration()
    configuration.agents.addresses = ["Bob", "support@acme-broadband.example"]
    configuration.analysis.corpusSample = 5
    try await expectBatchAndNightlyAgree(on: PackagePaths.corpora.path, configuration: configuration)
  }

  /// A real slice: the twcs developer file from the shared corpora, when present.
  @Test(
    .enabled(
      if: SharedCorpora.exists("twcs/twcs_dev.csv"),
      "needs ../shared/corpora/twcs/twcs_dev.csv beside the project; not present here"))
  func batchAndNightlyAgreeOnRealTwitterSupport() async throws {
    try await expectBatchAndNightlyAgree(
      on: SharedCorpora.path("twcs/twcs_dev.csv"), configuration: EarshotConfiguration())
  }

  /// `score FILE` and `batch FILE` print the same result for every conversation of every sample file.
  @Test func scoreAndBatchAgreeFileByFile() async throws {
    let files = try FileManager.default.subpathsOfDirectory(atPath: PackagePaths.corpora.path)
      .filter { !$0.hasSuffix(".md") && !$0.hasPrefix(".") }
      .map { PackagePaths.corpora.appendingPathComponent($0).path }
      .filter { path in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
      }
    #expect(files.count >= 10)
    for file in files {
      let folder = try TemporaryDirectory()
      _ = try await BatchJob(
        inputs: [file], outputDirectory: folder.path("out"), configuration: EarshotConfiguration(), jobs: 1
      ).run(report: { _ in })
      let batchLines = try String(contentsOfFile: folder.path("out/conversations.jsonl"), encoding: .utf8)
        .split(separator: "\n").map(String.init)
      let run = try PreparedRun(inputs: [file], configuration: EarshotConfiguration())
      var scored: [String] = []
      try await run.process(jobs: 1) { outcome in
        // What batch writes is the result as the evidence output shows it (redacted by default).
        scored += outcome.results.map {
          run.pipeline.shown($0.result, conversation: $0.conversation, in: .evidence).result.compactJSON()
        }
      }
      #expect(scored == batchLines, "\(file)")
    }
  }
}
