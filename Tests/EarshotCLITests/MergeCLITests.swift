import EarshotTestSupport
import Foundation
import Testing

/// `earshot batch --shard K/4` four times, then `earshot merge`, through the built binary.
@Suite struct MergeCLITests {
  @Test func fourShardsMergeIntoTheUnshardedBatch() throws {
    let folder = try TemporaryDirectory()
    let whole = try EarshotProcess.run(["batch", "corpora", "--out", folder.path("whole")])
    #expect(whole.status == 0, "\(whole.stderr)")
    for index in 1...4 {
      let shard = try EarshotProcess.run([
        "batch", "corpora", "--out", folder.path("s\(index)"), "--shard", "\(index)/4",
      ])
      #expect(shard.status == 0, "\(shard.stderr)")
    }
    let merge = try EarshotProcess.run(
      ["merge", folder.path("s3"), folder.path("s1"), folder.path("s4"), folder.path("s2"), "--out", folder.path("m")])
    #expect(merge.status == 0, "\(merge.stderr)")
    #expect(merge.stderr.hasPrefix("Merged 4 shards. Scored 12 conversations from 11 files in "))
    for name in ["conversations.jsonl", "agents.csv", "companies.csv", "channels.csv", "days.csv", "diagnostics.jsonl"]
    {
      let expected = try #require(FileManager.default.contents(atPath: folder.path("whole/\(name)")))
      #expect(FileManager.default.contents(atPath: folder.path("m/\(name)")) == expected, "\(name)")
    }

    let missing = try EarshotProcess.run(["merge", folder.path("s1"), folder.path("s2"), "--out", folder.path("m2")])
    #expect(missing.status == 64)
    #expect(missing.stderr.hasPrefix("error: missing shards 3/4, 4/4 of 4 (given: 1/4 in "), "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.path("m2")))
  }

  @Test func mergeNeedsFoldersAndAnOutput() throws {
    #expect(try EarshotProcess.run(["merge", "--out", "/tmp/x"]).status == 64)
    #expect(try EarshotProcess.run(["merge", "corpora"]).status == 64)
    let notAShard = try EarshotProcess.run(["merge", "corpora", "--out", "/tmp/earshot-merge-never-written"])
    #expect(notAShard.status == 64)
    #expect(
      notAShard.stderr == "corpora: error: not a batch output folder (no manifest.json, no conversations.jsonl)\n")
  }
}
