import EarshotEngine
import EarshotModel
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

/// Shards of the sample corpora, made once for every refusal test: 1/4 … 4/4, an unsharded
/// batch, a 1/2 shard, a 3/4 shard under another configuration and a 2/4 shard of other inputs.
final class ShardFixture: Sendable {
  let folder: TemporaryDirectory

  static let shared = Task { try await ShardFixture() }

  init() async throws {
    folder = try TemporaryDirectory()
    let corpora = PackagePaths.corpora.path
    func batch(_ name: String, _ shard: (Int, Int)?, inputs: [String] = [corpora], config: String? = nil)
      async throws
    {
      let configuration =
        try config.map { try ConfigurationLoader.parse($0, file: "earshot.yml") } ?? EarshotConfiguration()
      _ = try await BatchJob(
        inputs: inputs, outputDirectory: folder.path(name), configuration: configuration, jobs: 2,
        shard: shard.map { (index: $0.0, count: $0.1) }
      ).run(report: { _ in })
    }
    for index in 1...4 { try await batch("s\(index)", (index, 4)) }
    try await batch("whole", nil)
    try await batch("half-1", (1, 2))
    try await batch("other-config-3", (3, 4), config: "version: 1\naggregation:\n  minimum_conversations: 3\n")
    try await batch("other-inputs-2", (2, 4), inputs: [corpora + "/chat"])
  }

  /// A copy of shard folder `name` under a new name, to damage or duplicate.
  func copy(_ name: String, as copy: String) throws -> String {
    try FileManager.default.copyItem(atPath: folder.path(name), toPath: folder.path(copy))
    return folder.path(copy)
  }

  func path(_ name: String) -> String { folder.path(name) }
}

/// `earshot merge` refuses folders that do not make one batch, says which and why, and writes nothing.
@Suite struct MergeRefusalTests {
  /// Merges `names` of the fixture into a fresh folder and returns the error it refused with.
  func refusal(_ folders: [String], output: String? = nil) async throws -> MergeError? {
    let fixture = try await ShardFixture.shared.value
    let out = output ?? fixture.path("out-\(UUID().uuidString)")
    let before = FileManager.default.contents(atPath: out + "/manifest.json")
    do {
      _ = try BatchMerge(folders: folders, outputDirectory: out).run()
    } catch let error as MergeError {
      // No manifest written: the output is not taken for a finished batch.
      #expect(FileManager.default.contents(atPath: out + "/manifest.json") == before, "a refused merge is not finished")
      return error
    }
    Issue.record("merging \(folders) was not refused")
    return nil
  }

  func shards(_ names: String...) async throws -> [String] {
    let fixture = try await ShardFixture.shared.value
    return names.map(fixture.path)
  }

  @Test func missingShardsAreNamed() async throws {
    let error = try await refusal(try await shards("s1", "s3"))
    #expect(error?.description.contains("error: missing shards 2/4, 4/4 of 4 (given: 1/4 in ") == true, "\(error!)")
  }

  @Test func aShardGivenTwiceIsRefused() async throws {
    let fixture = try await ShardFixture.shared.value
    let again = try fixture.copy("s2", as: "s2-again")
    let error = try await refusal(try await shards("s1", "s2", "s3", "s4") + [again])
    #expect(error?.message == "shard 2/4 is given twice: \(fixture.path("s2")) and \(again)")
  }

  @Test func shardsOfAnotherSplitAreRefused() async throws {
    let fixture = try await ShardFixture.shared.value
    let error = try await refusal(try await shards("s1", "s2", "s3", "s4", "half-1"))
    #expect(error?.path == fixture.path("half-1"))
    #expect(
      error?.message == "is shard 1/2 but \(fixture.path("s1")) is shard 1/4; shards of different splits do not merge")
  }

  @Test func anotherConfigurationIsRefused() async throws {
    let fixture = try await ShardFixture.shared.value
    let error = try await refusal(try await shards("s1", "s2", "other-config-3", "s4"))
    #expect(error?.path == fixture.path("other-config-3"))
    #expect(error?.message.hasPrefix("scored with another configuration or other lexicons than ") == true)
  }

  @Test func anotherToolVersionIsRefused() async throws {
    let fixture = try await ShardFixture.shared.value
    let old = try fixture.copy("s4", as: "s4-old-tool")
    let manifest = old + "/manifest.json"
    let text = try String(contentsOfFile: manifest, encoding: .utf8)
      .replacingOccurrences(
        of: "\"tool_version\" : \"\(EarshotVersion.current)\"", with: "\"tool_version\" : \"0.0.9\"")
    try Data(text.utf8).write(to: URL(fileURLWithPath: manifest))
    let error = try await refusal(try await shards("s1", "s2", "s3") + [old])
    #expect(error?.path == old)
    let schema = "(result schema \(ConversationResult.schemaVersion))"
    #expect(
      error?.message.hasPrefix(
        "scored by earshot 0.0.9 \(schema), but \(fixture.path("s1")) by earshot \(EarshotVersion.current) \(schema); "
      ) == true, "\(error!)")
  }

  @Test func otherInputsAreRefused() async throws {
    let fixture = try await ShardFixture.shared.value
    let error = try await refusal(try await shards("s1", "other-inputs-2", "s3", "s4"))
    #expect(error?.path == fixture.path("other-inputs-2"))
    #expect(error?.message.hasPrefix("planned other inputs than \(fixture.path("s1")) (8 units") == true, "\(error!)")
  }

  @Test func foldersThatAreNotShardsAreRefused() async throws {
    let fixture = try await ShardFixture.shared.value
    let empty = fixture.path("empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    #expect(
      try await refusal([empty])?.message == "not a batch output folder (no manifest.json, no conversations.jsonl)")
    let missing = fixture.path("no-such-folder")
    #expect(try await refusal([missing])?.description.hasPrefix("\(missing): error: no such folder") == true)
    let unfinished = try fixture.copy("s1", as: "s1-unfinished-\(UUID().uuidString)")
    try FileManager.default.removeItem(atPath: unfinished + "/manifest.json")
    #expect(
      try await refusal([unfinished])?.message.hasPrefix("not a finished batch output: manifest.json is missing")
        == true)
    #expect(
      try await refusal([fixture.path("whole")])?.message
        == "an unsharded batch output (written without --shard, or by merge): nothing to merge")
  }

  @Test func theOutputMustNotBeAShard() async throws {
    let fixture = try await ShardFixture.shared.value
    let error = try await refusal(try await shards("s1", "s2", "s3", "s4"), output: fixture.path("s2") + "/")
    #expect(error?.message == "is one of the shard folders; merge into another folder")
  }

  @Test func aShardWhoseFilesDisagreeIsRefused() async throws {
    let fixture = try await ShardFixture.shared.value
    let cut = try fixture.copy("s4", as: "s4-cut-\(UUID().uuidString)")
    let conversations = cut + "/conversations.jsonl"
    let lines = try String(contentsOfFile: conversations, encoding: .utf8).split(separator: "\n")
    try Data((lines.dropLast().joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: conversations))
    let error = try await refusal(try await shards("s1", "s2", "s3") + [cut])
    #expect(error?.path == conversations)
    #expect(
      error?.message.hasPrefix("ends after line \(lines.count - 1), but units.jsonl gives unit ") == true, "\(error!)")
  }
}
