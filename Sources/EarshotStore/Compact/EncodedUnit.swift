import EarshotReporters
import EarshotScoring
import Foundation

/// A processed unit in the store's row form: the query columns of its conversations, agents and
/// findings, its results as compressed ``ResultBlocks``, its totals compressed, its files' rows.
///
/// Both back ends write exactly these values, so they hold the same bytes; everything costly
/// (JSON, compression, the unit's totals) happens here, before the store's transaction opens.
struct EncodedUnit {
  struct Conversation {
    var conversationID: String
    var company: String
    var channel: String
    var startedAt: String?
    var score: Double
    var agents: [String]
    var findings: [Finding]
  }

  struct Finding {
    var detector: String
    var category: String
    var severity: String
    /// The turn of the primary evidence; the evidence itself is read from the result.
    var turn: Int?
  }

  struct File {
    var path: String
    var size: Int64
    var modifiedNanoseconds: Int64
    var contentHash: String
    var status: FileStatus
    /// The file's problems, a JSON array of strings.
    var diagnostics: String
  }

  var key: String
  var conversations: [Conversation] = []
  var blocks: [ResultBlocks.Block]
  /// The unit's totals, and their stored form (``TotalsCoding``, compressed).
  var aggregation = Aggregation()
  var totals: [UInt8]
  var files: [File] = []

  init(_ unit: ProcessedUnit, encoder: StoreEncoder) throws {
    key = unit.key
    var lines: [[UInt8]] = []
    lines.reserveCapacity(unit.results.count)
    conversations.reserveCapacity(unit.results.count)
    for result in unit.results {
      aggregation.add(result, day: result.startedAt.map(Aggregation.utcDay))
      lines.append(result.compactJSONBytes())
      conversations.append(
        Conversation(
          conversationID: result.conversationId, company: result.company ?? "", channel: result.channel,
          startedAt: result.startedAt.map(StoreTimestamp.string), score: result.score.value, agents: result.agents,
          findings: result.findings.map { finding in
            Finding(
              detector: finding.detector, category: finding.category.rawValue, severity: finding.severity.rawValue,
              turn: finding.evidence.first?.turn)
          }))
    }
    blocks = ResultBlocks.pack(lines, packer: encoder.packer)
    totals = ResultCoding.binary(aggregation).withUnsafeBytes { encoder.packer.pack($0) }
    for file in unit.files {
      let messages = unit.diagnostics.filter { $0.file == file.path }.map(\.message)
      files.append(
        File(
          path: file.path, size: file.stamp.size, modifiedNanoseconds: file.stamp.modifiedNanoseconds,
          contentHash: file.contentHash, status: (unit.failed || !messages.isEmpty) ? .failed : .current,
          diagnostics: ResultCoding.encode(messages)))
    }
  }
}

/// What encoding units needs, made once per written batch: the compressor's state (costly to set
/// up, not thread-safe).
final class StoreEncoder {
  let packer = StoreBlobPacker()

  /// The units in row form.
  func encode(_ units: [ProcessedUnit]) throws -> [EncodedUnit] {
    try units.map { try EncodedUnit($0, encoder: self) }
  }
}
