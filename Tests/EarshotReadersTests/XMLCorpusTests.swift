import EarshotModel
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotReaders

/// Checks against the shared developer corpora; skipped (with this reason) where `../shared/corpora` is absent.
@Suite(
  .enabled(
    if: SharedCorpora.exists("semeval2016-cqa") && SharedCorpora.exists("nps-chat"),
    "needs ../shared/corpora/semeval2016-cqa and nps-chat beside the project"))
struct XMLCorpusTests {
  static let root = SharedCorpora.root.path

  @Test func semEvalDeveloperFile() throws {
    let file = InputFile(path: Self.root + "/semeval2016-cqa/SemEval2016-Task3-CQA-QL-train-part2.xml")
    let (conversations, diagnostics) = try SemEvalXMLReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.count == 670)
    let comments = conversations.flatMap { $0.turns.dropFirst() }
    #expect(comments.count == 6_700)
    let labels = Dictionary(grouping: comments, by: { $0.attributes["relevance"] ?? "" }).mapValues(\.count)
    #expect(labels == ["Good": 2_483, "PotentiallyUseful": 1_159, "Bad": 3_058])
  }

  @Test func npsSessions() throws {
    let folder = Self.root + "/nps-chat"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix("posts.xml") }
    var posts = 0
    for name in names {
      let (conversations, diagnostics) = try NPSChatXMLReader().readAll(InputFile(path: folder + "/" + name))
      #expect(diagnostics.isEmpty)
      #expect(conversations.count == 1)
      posts += conversations.first?.turns.count ?? 0
    }
    #expect(posts == 7_743)
  }
}
