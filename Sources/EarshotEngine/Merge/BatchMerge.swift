import EarshotModel
import EarshotReporters
import EarshotScoring
import Foundation

/// `earshot merge`: the output folders of `earshot batch --shard K/N` (K = 1…N) made into the
/// output of one unsharded batch.
///
/// `conversations.jsonl` and `diagnostics.jsonl` get the shards' lines, copied as they are, in
/// the unsharded order (each shard's `units.jsonl` says where its units sit in the whole plan).
/// The tables and `summary.json` are written by the reporters `earshot batch` uses, from the
/// units' totals added in plan order as a batch adds them, so they are byte-identical to an
/// unsharded batch's; only `summary.json`'s `seconds` differs (the longest shard's). The
/// repeat-contact pass, which needs every result, runs again over the merged lines.
public struct BatchMerge: Sendable {
  /// The shard folders, in any order.
  public var folders: [String]
  /// The folder to write.
  public var outputDirectory: String

  /// Creates a merge.
  public init(folders: [String], outputDirectory: String) {
    self.folders = folders
    self.outputDirectory = outputDirectory
  }

  /// Checks the shards, then writes the merged folder.
  ///
  /// - Returns: the merged summary (as written to `summary.json`).
  /// - Throws: ``MergeError`` when a folder is not a finished shard, the shards do not fit together
  ///   or a shard's files disagree with its manifest (nothing is written when the folders themselves
  ///   do not fit; a disagreement found while copying leaves the output without `manifest.json`);
  ///   ``OutputError`` when the output cannot be written.
  public func run() throws -> BatchSummary {
    let shards = try folders.map(ShardFolder.init(path:))
    let output = URL(fileURLWithPath: outputDirectory).standardizedFileURL
    for shard in shards where URL(fileURLWithPath: shard.path).standardizedFileURL.path == output.path {
      throw MergeError(outputDirectory, "is one of the shard folders; merge into another folder")
    }
    try FitCheck.check(shards)
    let streams = try shards.map(ShardStreams.init)
    let first = streams[0]
    let prelude = try first.preludeLines()
    for other in streams.dropFirst() where try other.preludeLines() != prelude {
      throw MergeError(
        other.shard.file("diagnostics.jsonl"),
        "the problems found before reading (the first \(prelude.count) lines) differ from those in "
          + "\(first.shard.path); the shards did not see the same inputs")
    }

    let writer = try ReportWriter(directory: output, reporters: ReporterRegistry.batchTables)
    try? FileManager.default.removeItem(atPath: writer.folder.path(ShardUnit.fileName))
    let conversations = try writer.folder.stream("conversations.jsonl")
    let diagnostics = try writer.folder.stream("diagnostics.jsonl")
    var summary = BatchSummary()
    var aggregation = Aggregation()
    var problemFiles = Set<String>()
    let decoder = JSONCoding.decoder()
    func copyDiagnostic(_ line: ArraySlice<UInt8>, from reader: LineReader) throws {
      let diagnostic: InputDiagnostic
      do {
        diagnostic = try decoder.decode(InputDiagnostic.self, from: Data(line))
      } catch {
        throw MergeError(reader.path, line: reader.lineNumber, "not a diagnostic (\(ShardFolder.reason(error)))")
      }
      summary.count(diagnostic)
      if !diagnostic.isWarning { problemFiles.insert(diagnostic.location.file) }
      try diagnostics.writeLine(line)
    }
    for line in prelude { try copyDiagnostic(line[...], from: first.diagnostics) }

    // Each shard's units come in plan order: the next unit of the whole plan is the head of one shard.
    var heads: [Int: Int] = [:]
    for (index, stream) in streams.enumerated() {
      if let position = try stream.advance(limit: first.shard.manifest.plan.units) {
        heads[position] = index
      }
    }
    for position in 0..<first.shard.manifest.plan.units {
      guard let index = heads.removeValue(forKey: position), let unit = streams[index].unit else {
        throw MergeError(
          "", "unit \(position + 1) of the plan is in no shard's \(ShardUnit.fileName); a shard's files are damaged")
      }
      let stream = streams[index]
      for _ in 0..<unit.totals.conversations {
        try conversations.writeLine(try stream.line(of: stream.conversations, unit: unit))
      }
      for _ in 0..<unit.diagnostics {
        try copyDiagnostic(try stream.line(of: stream.diagnostics, unit: unit), from: stream.diagnostics)
      }
      summary.add(unit.totals)
      aggregation.merge(unit.totals.aggregation)
      if let next = try stream.advance(limit: first.shard.manifest.plan.units) {
        if let other = heads[next] {
          throw MergeError(
            "", "unit \(next + 1) of the plan is in both \(streams[other].shard.path) and \(stream.shard.path)")
        }
        heads[next] = index
      }
    }
    for stream in streams { try stream.expectEnd() }
    try conversations.close()
    try diagnostics.close()
    // Repeat contacts need every result: each shard's pass saw only its own. Run it again over the
    // merged lines (stale shard findings are dropped), and count the answer into the totals, which
    // the shards' units hold without repeat contacts, as a batch's do.
    // Without customer history no result has a customer: the pass (a scan of every line) is skipped.
    let repeats =
      try first.shard.manifest.repeatContacts.map {
        try RepeatContactLines.applyPass(toFile: writer.folder.path("conversations.jsonl"), settings: $0.settings)
      } ?? []
    aggregation.addRepeatContacts(repeats)

    summary.filesFound = first.shard.summary.filesFound
    summary.filesSkipped = first.shard.summary.filesSkipped
    summary.filesWithProblems = problemFiles.count
    // Shards usually run at the same time: the longest one is the merged run's wall time.
    summary.seconds = streams.map(\.shard.summary.seconds).max() ?? 0
    try writer.finish(
      RunTotals(
        aggregation: aggregation, ranking: first.shard.manifest.ranking.ranking, summary: summary,
        repeatContacts: repeats))
    var manifest = first.shard.manifest
    manifest.shard = nil
    try writer.folder.write(try manifest.encoded(), to: BatchManifest.fileName)
    return summary
  }
}

/// The readers of one shard's three line files, and its current unit.
private final class ShardStreams {
  let shard: ShardFolder
  let units: LineReader
  let conversations: LineReader
  let diagnostics: LineReader
  /// The unit being copied (the shard's head), nil when its units are all copied.
  private(set) var unit: ShardUnit?

  init(_ shard: ShardFolder) throws {
    self.shard = shard
    units = try LineReader(path: shard.file(ShardUnit.fileName))
    conversations = try LineReader(path: shard.file("conversations.jsonl"))
    diagnostics = try LineReader(path: shard.file("diagnostics.jsonl"))
  }

  /// The diagnostics written before any unit, read off the front of `diagnostics.jsonl`.
  func preludeLines() throws -> [[UInt8]] {
    var lines: [[UInt8]] = []
    for _ in 0..<shard.manifest.diagnosticsBeforeUnits {
      guard let line = try diagnostics.next() else {
        throw MergeError(
          diagnostics.path,
          "ends after \(lines.count) lines, but \(BatchManifest.fileName) counts "
            + "\(shard.manifest.diagnosticsBeforeUnits) problems found before reading")
      }
      lines.append(Array(line))
    }
    return lines
  }

  /// Reads the next unit; returns its plan position, or nil after the last.
  func advance(limit: Int) throws -> Int? {
    let previous = unit?.position
    guard let line = try units.next() else {
      unit = nil
      return nil
    }
    let next: ShardUnit
    do {
      next = try ShardUnit.decode(Data(line))
    } catch {
      throw MergeError(units.path, line: units.lineNumber, "not a unit record (\(ShardFolder.reason(error)))")
    }
    guard next.position >= 0, next.position < limit, previous.map({ next.position > $0 }) ?? true else {
      throw MergeError(
        units.path, line: units.lineNumber,
        "unit position \(next.position) is out of order or outside the plan of \(limit) units")
    }
    unit = next
    return next.position
  }

  /// The next line of `reader`, which `unit` says is there.
  func line(of reader: LineReader, unit: ShardUnit) throws -> ArraySlice<UInt8> {
    guard let line = try reader.next() else {
      throw MergeError(
        reader.path,
        "ends after line \(reader.lineNumber), but \(ShardUnit.fileName) gives unit '\(unit.key)' more lines; "
          + "the shard's files do not belong together")
    }
    return line
  }

  /// Checks that every line of the shard's files was accounted for by its units.
  func expectEnd() throws {
    let extraUnit = try units.next()
    if unit != nil || extraUnit != nil {
      throw MergeError(units.path, line: units.lineNumber, "more units than the plan has room for")
    }
    for reader in [conversations, diagnostics] where try reader.next() != nil {
      throw MergeError(
        reader.path, line: reader.lineNumber,
        "has more lines than \(ShardUnit.fileName) accounts for; the shard's files do not belong together")
    }
  }
}
