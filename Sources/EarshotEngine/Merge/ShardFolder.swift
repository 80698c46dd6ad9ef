import EarshotModel
import Foundation

/// One folder given to `earshot merge`, checked to be a finished output of `earshot batch --shard`.
struct ShardFolder {
  /// The folder as given.
  let path: String
  /// Its `manifest.json`.
  let manifest: BatchManifest
  /// The parts of its `summary.json` that every shard shares or that merge combines.
  let summary: SummaryHead
  /// Which shard it holds.
  let shard: BatchManifest.ShardSpec

  /// What a merge reads from a shard's `summary.json`: discovery counts (the same in every shard,
  /// since shards split the plan after discovery) and the run's time.
  struct SummaryHead: Decodable, Equatable {
    var filesFound: Int
    var filesSkipped: [String]
    var seconds: Double

    enum CodingKeys: String, CodingKey {
      case filesFound = "files_found"
      case filesSkipped = "files_skipped"
      case seconds
    }
  }

  /// The files every batch output folder has.
  static let batchFiles = ["conversations.jsonl", "diagnostics.jsonl", "summary.json"]

  /// Opens and checks `path`.
  ///
  /// - Throws: ``MergeError`` when it is not a folder, not a finished batch output, or a batch
  ///   output that is not a shard.
  init(path: String) throws {
    self.path = path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
      throw MergeError(path, "no such folder; expected the output folder of `earshot batch --shard K/N`")
    }
    let folder = URL(fileURLWithPath: path)
    let manifestPath = folder.appendingPathComponent(BatchManifest.fileName).path
    guard let data = FileManager.default.contents(atPath: manifestPath) else {
      let hasResults = FileManager.default.fileExists(atPath: folder.appendingPathComponent("conversations.jsonl").path)
      throw MergeError(
        path,
        hasResults
          ? "not a finished batch output: \(BatchManifest.fileName) is missing (the batch was stopped before it "
            + "ended, or an earshot without manifests wrote it); run the shard again"
          : "not a batch output folder (no \(BatchManifest.fileName), no conversations.jsonl)")
    }
    let manifest: BatchManifest
    do {
      manifest = try JSONCoding.decoder(snakeCase: false).decode(BatchManifest.self, from: data)
    } catch {
      throw MergeError(manifestPath, "not an Earshot batch manifest (\(Self.reason(error)))")
    }
    guard manifest.format == BatchManifest.formatName else {
      throw MergeError(
        manifestPath,
        "not an Earshot batch manifest (format '\(manifest.format)', expected '\(BatchManifest.formatName)')")
    }
    guard manifest.manifestVersion == BatchManifest.currentVersion else {
      throw MergeError(
        manifestPath,
        "manifest version \(manifest.manifestVersion); this earshot reads version \(BatchManifest.currentVersion): "
          + "merge with the earshot version that wrote the shards")
    }
    guard let shard = manifest.shard else {
      throw MergeError(path, "an unsharded batch output (written without --shard, or by merge): nothing to merge")
    }
    guard (1...max(1, shard.count)).contains(shard.index) else {
      throw MergeError(manifestPath, "shard \(shard) is not K/N with 1 ≤ K ≤ N")
    }
    for name in Self.batchFiles + [ShardUnit.fileName]
    where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
      throw MergeError(path, "not a complete batch shard: \(name) is missing")
    }
    let summaryPath = folder.appendingPathComponent("summary.json").path
    do {
      summary = try JSONCoding.decoder(snakeCase: false).decode(
        SummaryHead.self, from: try Data(contentsOf: URL(fileURLWithPath: summaryPath)))
    } catch {
      throw MergeError(summaryPath, "not a batch summary (\(Self.reason(error)))")
    }
    self.manifest = manifest
    self.shard = shard
  }

  /// The path of `name` inside the folder.
  func file(_ name: String) -> String { URL(fileURLWithPath: path).appendingPathComponent(name).path }

  /// A decoding error's short reason.
  static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "no '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      (context.codingPath.isEmpty ? "" : "at '\(context.codingPath.map(\.stringValue).joined(separator: "."))': ")
        + context.debugDescription
    default: FileError.reason(of: error)
    }
  }
}
