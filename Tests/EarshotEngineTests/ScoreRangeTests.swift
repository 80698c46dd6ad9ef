import EarshotEngine
import EarshotModel
import EarshotTestSupport
import Foundation
import Testing

/// The calibrated listening score uses its range on the sample corpora: the textbook failures
/// score below 60 and the listened-to conversations above 85 (issue 16).
@Suite struct ScoreRangeTests {
  @Test func textbookFailuresScoreLowAndListenedConversationsHigh() async throws {
    let folder = try TemporaryDirectory()
    let job = BatchJob(
      inputs: [PackagePaths.corpora.path], outputDirectory: folder.path("out"),
      configuration: EarshotConfiguration(), jobs: 1)
    _ = try await job.run(report: { _ in })
    var scores: [String: Double] = [:]
    let text = try String(contentsOfFile: folder.path("out/conversations.jsonl"), encoding: .utf8)
    for line in text.split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      let file = URL(fileURLWithPath: object?["source_file"] as? String ?? "").lastPathComponent
      let score = (object?["score"] as? [String: Any])?["value"] as? Double
      if let score, !file.hasPrefix("11-") { scores[file] = score }
    }
    for failure in [
      "02-premature-upsell.txt", "03-non-answer.txt", "04-broken-promise.txt", "05-ignored.txt", "07-no-no.txt",
    ] {
      let score = try #require(scores[failure], "\(failure) was not scored")
      #expect(score < 60, "\(failure) scores \(score)")
    }
    for listened in ["01-listened.txt", "09-listened-email.json", "10-upsell-after-fix.json"] {
      let score = try #require(scores[listened], "\(listened) was not scored")
      #expect(score > 85, "\(listened) scores \(score)")
    }
  }
}
