import EarshotEngine
import EarshotModel
import EarshotTestSupport
import Foundation
import Testing

/// `earshot merge`: four shards of a batch merged give the unsharded batch's files, byte for byte.
@Suite struct BatchMergeTests {
  /// Every file an unsharded batch wrote into `folder`: the merge must reproduce each byte for byte
  /// (summary.json is compared apart).
  static func identicalFiles(in folder: String) throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "summary.json" }.sorted()
    #expect(names.contains("conversations.jsonl") && names.contains("agents.csv") && names.contains("manifest.json"))
    return names
  }

  /// Centers by company and path, and customer history by e-mail address (repeat contacts).
  static let organisation = """
    version: 1
    customers:
      identities: [email]
    centers:
      rules:
        - center: North
          company: Acme Broadband
        - center: Logs
          path: "**/logs/**"
      default: Elsewhere

    """

  func batch(
    _ inputs: [String], into folder: String, shard: (Int, Int)? = nil, jobs: Int = 2,
    configuration: EarshotConfiguration = EarshotConfiguration()
  ) async throws -> BatchSummary {
    try await BatchJob(
      inputs: inputs, outputDirectory: folder, configuration: configuration, jobs: jobs,
      shard: shard.map { (index: $0.0, count: $0.1) }
    ).run(report: { _ in })
  }

  /// Runs the batch unsharded and as four shards, merges the shards, and compares every file.
  @discardableResult
  func expectMergeEqualsOneBatch(
    _ inputs: [String], expectConversations: Int, configuration: EarshotConfiguration = EarshotConfiguration()
  ) async throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory()
    let whole = try await batch(inputs, into: folder.path("whole"), configuration: configuration)
    #expect(whole.conversations == expectConversations)
    var shardTotal = 0
    for index in 1...4 {
      // One job for some shards, two for others: the output must not depend on it.
      shardTotal += try await batch(
        inputs, into: folder.path("shard-\(index)"), shard: (index, 4), jobs: index % 2 + 1,
        configuration: configuration
      ).conversations
    }
    #expect(shardTotal == whole.conversations)
    // Given out of order: the merge restores the plan's order.
    let merged = try BatchMerge(
      folders: [4, 2, 1, 3].map { folder.path("shard-\($0)") }, outputDirectory: folder.path("merged")
    ).run()
    for name in try Self.identicalFiles(in: folder.path("whole")) {
      let expected = try #require(FileManager.default.contents(atPath: folder.path("whole/\(name)")), "\(name)")
      let actual = try #require(FileManager.default.contents(atPath: folder.path("merged/\(name)")), "\(name)")
      #expect(actual == expected, "\(name) differs from the unsharded batch's")
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path("merged/units.jsonl")))
    var expectedSummary = whole
    expectedSummary.seconds = 0
    var mergedSummary = merged
    mergedSummary.seconds = 0
    let encoder = JSONCoding.encoder(.pretty)
    #expect(try encoder.encode(mergedSummary) == encoder.encode(expectedSummary))
    // summary.json on disk: the same text but for the seconds.
    let withoutSeconds = { (path: String) throws -> [String] in
      try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.contains("\"seconds\"") }
        .map(String.init)
    }
    #expect(try withoutSeconds(folder.path("merged/summary.json")) == withoutSeconds(folder.path("whole/summary.json")))
    return folder
  }

  @Test func fourShardsOfTheSampleCorporaMergeIntoOneBatch() async throws {
    try await expectMergeEqualsOneBatch([PackagePaths.corpora.path], expectConversations: 12)
  }

  @Test func fourShardsOfAGeneratedCorpusMergeIntoOneBatch() async throws {
    let input = try TemporaryDirectory()
    let conversations = try GeneratedCorpus.write(into: input.url, conversations: 320)
    let configuration = try ConfigurationLoader.parse(Self.organisation, file: "earshot.yml")
    let folder = try await expectMergeEqualsOneBatch(
      [input.url.path], expectConversations: conversations, configuration: configuration)
    // Many rows with unequal sums, and problems found both before reading (a file no reader
    // recognizes) and while reading (a syntax error): both parts of diagnostics.jsonl were merged.
    let lines = { (name: String) in
      try String(contentsOfFile: folder.path("whole/\(name)"), encoding: .utf8).split(separator: "\n")
    }
    #expect(try lines("agents.csv").count > 40)
    #expect(try lines("days.csv").count > 40)
    #expect(try lines("centers.csv").count == 4, "North, Logs, Elsewhere")
    // Customers came back across shards: the merge's own repeat-contact pass found them.
    let repeats = try lines("conversations.jsonl").filter { $0.contains("\"detector\":\"repeat_contact\"") }
    #expect(repeats.count > 5)
    let diagnostics = try lines("diagnostics.jsonl")
    #expect(diagnostics.count == 2)
    #expect(diagnostics.first?.contains("noise.bin") == true)
    #expect(diagnostics.last?.contains("broken.json") == true)
  }

  @Test func oneShardOfOneMergesIntoTheSameBatch() async throws {
    let folder = try TemporaryDirectory()
    _ = try await batch([PackagePaths.corpora.path], into: folder.path("whole"))
    _ = try await batch([PackagePaths.corpora.path], into: folder.path("only"), shard: (1, 1))
    _ = try BatchMerge(folders: [folder.path("only")], outputDirectory: folder.path("merged")).run()
    for name in try Self.identicalFiles(in: folder.path("whole")) {
      #expect(
        FileManager.default.contents(atPath: folder.path("merged/\(name)"))
          == FileManager.default.contents(atPath: folder.path("whole/\(name)")), "\(name)")
    }
  }
}
