import EarshotEngine
import EarshotReporters
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

/// Repeat contacts on the real twcs slice (1,050 conversations, real author ids), linked by
/// handle. Skipped, with the reason printed by Swift Testing, when ../shared is not beside the
/// package root.
@Suite struct TwcsRepeatContactTests {
  static let slice = "twcs/twcs_dev.csv"

  @Test(.enabled(if: SharedCorpora.exists(slice), "needs ../shared/corpora/twcs/twcs_dev.csv beside the package root"))
  func theRealSliceHasItsKnownRepeatContacts() async throws {
    let configuration = try ConfigurationLoader.parse(
      "version: 1\ncustomers:\n  identities: [handle]\n", file: "earshot.yml")
    let output = try TemporaryDirectory()
    _ = try await BatchJob(
      inputs: [SharedCorpora.path(Self.slice)], outputDirectory: output.url.path, configuration: configuration,
      jobs: 2
    ).run(report: { _ in })
    let results = try String(contentsOfFile: output.path("conversations.jsonl"), encoding: .utf8)
      .split(separator: "\n").map { try RepeatContactLines.decode(String($0)) }
    #expect(results.count == 1050)
    #expect(results.allSatisfy { $0.customerKey != nil }, "every twcs conversation has a customer handle")
    let repeats = results.compactMap { result in
      result.findings.first { $0.detector == RepeatContacts.detector }.map { (result.conversationId, $0) }
    }
    // Measured on this slice: 6 links among 1,050 conversations, e.g. a customer who asked
    // MicrosoftHelps about buying FIFA points on the Xbox store and, six minutes later, XboxSupport.
    #expect(repeats.count == 6)
    let xbox = repeats.first { $0.0 == "205" }?.1
    #expect(xbox?.attributes["later_conversation_id"] == "3538")
    #expect(results.first { $0.conversationId == "205" }?.company == "MicrosoftHelps")
    let companies = try String(contentsOfFile: output.path("companies.csv"), encoding: .utf8)
    let microsoft = try #require(companies.split(separator: "\n").first { $0.hasPrefix("MicrosoftHelps,") })
    #expect(microsoft.contains(",5,1,0.800,"), "\(microsoft)")
  }
}
