import EarshotEngine
import EarshotModel
import EarshotTestSupport
import Foundation
import Testing

@Suite struct BatchJobTests {
  @Test func scoresSampleCorporaAndWritesEveryOutput() async throws {
    let output = try TemporaryDirectory()
    let job = BatchJob(
      inputs: [PackagePaths.corpora.path], outputDirectory: output.url.path, configuration: EarshotConfiguration(),
      jobs: 2)
    var problems: [InputDiagnostic] = []
    let summary = try await job.run(report: { problems.append($0) })
    #expect(problems.isEmpty)
    #expect(summary.conversations == 12)
    #expect(summary.filesWithProblems == 0)
    #expect(summary.filesSkipped.map { ($0 as NSString).lastPathComponent } == ["README.md"])
    for name in ["conversations.jsonl", "agents.csv", "companies.csv", "channels.csv", "days.csv", "summary.json"] {
      #expect(FileManager.default.fileExists(atPath: output.path(name)), "\(name) written")
    }
    let lines = try String(contentsOfFile: output.path("conversations.jsonl"), encoding: .utf8)
      .split(separator: "\n")
    #expect(lines.count == 12)
    // Every kind of finding the sample corpora are meant to show.
    let all = lines.joined(separator: "\n")
    for detector in [
      "premature_pitch", "non_answer", "unanswered_customer", "promise", "response_time", "no_no",
      "customer_sentiment", "customer_question",
    ] {
      #expect(all.contains("\"detector\":\"\(detector)\""), "\(detector) appears in the sample corpora")
    }
  }

  @Test func outputIsTheSameWithOneOrTwoJobs() async throws {
    let one = try TemporaryDirectory()
    let two = try TemporaryDirectory()
    for (folder, jobs) in [(one, 1), (two, 2)] {
      _ = try await BatchJob(
        inputs: [PackagePaths.corpora.path], outputDirectory: folder.url.path, configuration: EarshotConfiguration(),
        jobs: jobs
      ).run(report: { _ in })
    }
    for name in ["conversations.jsonl", "agents.csv", "companies.csv"] {
      #expect(
        try String(contentsOfFile: one.path(name), encoding: .utf8)
          == String(contentsOfFile: two.path(name), encoding: .utf8))
    }
  }

  @Test func badFileIsReportedAndTheBatchGoesOn() async throws {
    let input = try TemporaryDirectory()
    try input.write("good.txt", "Customer: Where is my parcel?\nAgent: It arrives tomorrow before noon.\n")
    try input.write("nested/bad.json", "{\"id\": \"x\", \"turns\": [{\"role\": \"customer\" \"text\": \"hi\"}]}")
    try input.write("notes/README.md", "not a transcript")
    let output = try TemporaryDirectory()
    var problems: [InputDiagnostic] = []
    let summary = try await BatchJob(
      inputs: [input.url.path], outputDirectory: output.url.path, configuration: EarshotConfiguration(), jobs: 2
    ).run(report: { problems.append($0) })
    #expect(summary.conversations == 1)
    #expect(summary.filesWithProblems == 1)
    #expect(summary.exitCode == .someInputsUnreadable)
    let problem = try #require(problems.first)
    #expect(problem.location.file.hasSuffix("nested/bad.json"))
    #expect(problem.location.line == 1)
    #expect(problem.message.contains("expected ',' or '}'"))
    let diagnostics = try String(contentsOfFile: output.path("diagnostics.jsonl"), encoding: .utf8)
    #expect(diagnostics.contains("bad.json"))
  }

  @Test func shardsPartitionTheUnits() async throws {
    var seen: [Int] = []
    for index in 1...3 {
      let output = try TemporaryDirectory()
      let summary = try await BatchJob(
        inputs: [PackagePaths.corpora.path], outputDirectory: output.url.path, configuration: EarshotConfiguration(),
        jobs: 1, shard: (index, 3)
      ).run(report: { _ in })
      seen.append(summary.conversations)
    }
    #expect(seen.reduce(0, +) == 12)
  }
}
