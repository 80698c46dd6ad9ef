import Foundation

/// Results are stored in blocks: the JSON lines of up to ``size`` consecutive conversations of one
/// unit, joined by newlines and deflated together as one ``StoreBlob``.
///
/// Neighbouring results share most of their keys and phrases, so a block of 32 compresses 1.5–2.5×
/// better than 32 results one by one, at a fraction of the per-value cost, while reading one result
/// back inflates at most 32 (well under a millisecond). Compact JSON never holds a raw newline, so
/// the newline is an unambiguous separator.
enum ResultBlocks {
  /// Conversations per block (a unit's last block may hold fewer). Blocks record their first ordinal
  /// and count, so changing this changes only how new blocks are cut.
  static let size = 32

  /// One block to write.
  struct Block {
    var firstOrdinal: Int
    var count: Int
    var blob: [UInt8]
  }

  /// The blocks of one unit's result lines, in order.
  static func pack(_ lines: [String], packer: StoreBlobPacker) -> [Block] {
    pack(lines.map { Array($0.utf8) }, packer: packer)
  }

  /// The blocks of one unit's result lines (UTF-8), in order.
  static func pack(_ lines: [[UInt8]], packer: StoreBlobPacker) -> [Block] {
    stride(from: 0, to: lines.count, by: size).map { start in
      let end = min(start + size, lines.count)
      var joined = [UInt8]()
      joined.reserveCapacity(lines[start..<end].reduce(end - start) { $0 + $1.count })
      for index in start..<end {
        if index > start { joined.append(0x0A) }
        joined.append(contentsOf: lines[index])
      }
      return Block(
        firstOrdinal: start, count: end - start, blob: joined.withUnsafeBytes { packer.pack($0) })
    }
  }

  /// The result lines of a stored block.
  ///
  /// - Throws: ``StoreError/corrupt(_:)`` naming the unit and conversations when the blob is damaged
  ///   or holds another number of results than recorded.
  static func unpack(
    _ blob: some ContiguousBytes, unitKey: String, firstOrdinal: Int, count: Int, unpacker: StoreBlobUnpacker
  ) throws -> [String] {
    let what = "the results of conversations \(firstOrdinal)–\(firstOrdinal + count - 1) of unit \(unitKey)"
    let bytes = try unpacker.unpack(blob, what: what)
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    guard lines.count == count else {
      throw StoreError.corrupt("\(what): the block holds \(lines.count) results, the store records \(count)")
    }
    return lines.map { String(decoding: $0, as: UTF8.self) }
  }
}
