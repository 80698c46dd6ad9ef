import EarshotReporters
import EarshotScoring
import Foundation

/// A processed unit in the store's row form: the query columns of its conversations, agents and
/// findings, its results as compressed ``ResultBlocks``, its totals compressed, its files' rows.
///
/// Both back ends write exactly these values, so they hold the same bytes; everything costly
/// (JSON, compression, the unit's totals) happens here, before the store's transaction opens.
struct EncodedUnit: Sendable {
  struct Conversation: Sendable {
    var conversationID: String
    var company: String
    var channel: String
    var startedAt: String?
    var score: Double
    var agents: [String]
    var findings: [Finding]
  }

  struct Finding: Sendable {
    var detector: String
    var category: String
    var severity: String
    /// The turn of the primary evidence; the evidence itself is read from the result.
    var turn: Int?
  }

  struct File: Sendable {
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
    // Encoded as they were scored (nightly), or here (a unit given with its results).
    let encoded = unit.encodedResults ?? EncodedResults(unit.results)
    conversations = encoded.conversations
    aggregation = encoded.aggregation
    let lines = encoded.lines
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
