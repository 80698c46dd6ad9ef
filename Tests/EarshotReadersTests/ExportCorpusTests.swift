import EarshotModel
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotReaders

/// Checks against the shared twcs developer slice; skipped where it is absent.
@Suite(
  .enabled(
    if: SharedCorpora.exists("twcs/twcs_dev.csv"), "needs ../shared/corpora/twcs/twcs_dev.csv beside the project"))
struct ExportCorpusTests {
  static let path = SharedCorpora.path("twcs/twcs_dev.csv")

  @Test func twcsConversationsCompaniesAndAgents() throws {
    let (conversations, diagnostics) = try TwitterCSVReader().readAll(InputFile(path: Self.path))
    #expect(diagnostics.isEmpty)
    // The corpus's own split rule counts 1,050 connected reply graphs.
    #expect(conversations.count == 1_050)
    #expect(conversations.reduce(0) { $0 + $1.turns.count } == 3_918)
    #expect(Set(conversations.compactMap(\.company)).count == 70)
    let signed = Set(conversations.flatMap(\.participants).map(\.id).filter { $0.contains("/") })
    #expect(signed.count > 300)
    #expect(signed.contains("ChipotleTweets/Becky"))
    #expect(signed.contains("VerizonSupport/RMD"))
  }
}
