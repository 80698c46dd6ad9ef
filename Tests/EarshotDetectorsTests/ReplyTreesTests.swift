import EarshotDetectors
import EarshotText
import Testing

@Suite struct ReplyTreesTests {
  let file = """
    # two trees over (words, asker)
    0:0\t1.5\twords\t0:1\t0:2
    0:1\t-1
    0:2\t0.5\tasker\t0:3\t0:4
    0:3\t2
    0:4\t-3
    1:0\t0.25
    """

  @Test func sumsOneLeafPerTree() throws {
    let trees = try ReplyTrees(
      entries: try LexiconFile.parse(file, name: "t.tsv"), inputs: ["words", "asker"], file: "t.tsv")
    #expect(trees.count == 2)
    #expect(trees.score([1, 0]) == -1 + 0.25)
    #expect(trees.score([1.5, 1]) == -1 + 0.25)  // ≤ threshold goes to the first child
    #expect(trees.score([4, 0]) == 2 + 0.25)
    #expect(trees.score([4, 1]) == -3 + 0.25)
  }

  @Test func rejectsUnknownInputsAndBackwardChildren() throws {
    #expect(throws: LexiconError.self) {
      try ReplyTrees(entries: try LexiconFile.parse(file, name: "t.tsv"), inputs: ["words"], file: "t.tsv")
    }
    let loop = "0:0\t1\twords\t0:0\t0:1\n0:1\t2\n"
    #expect(throws: LexiconError.self) {
      try ReplyTrees(entries: try LexiconFile.parse(loop, name: "l.tsv"), inputs: ["words"], file: "l.tsv")
    }
  }

  @Test func theShippedEnsembleLoads() {
    let trees = DetectorHarness.resources.lexicons.replyTrees
    #expect(trees.count == 200)
  }
}
