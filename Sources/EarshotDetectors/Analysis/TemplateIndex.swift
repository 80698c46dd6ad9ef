/// Template representatives (SimHash fingerprints) indexed so that every representative within
/// `CorpusStatistics.templateDistance` bits of a fingerprint is found by looking at a small share of
/// them.
///
/// Pigeonhole twice: the 64 bits are cut into six blocks (five of eleven bits, one of nine), so two
/// fingerprints at most ten bits apart differ in at most one bit in at least one block. A lookup
/// reads, for each block, the buckets of the fingerprint's own block value and of its one-bit
/// variants (72 small buckets, about 1/28 of the representatives; sixteen four-bit bands, the
/// earlier index, read all of them).
struct TemplateIndex: Sendable {
  /// Representatives in the order they were added.
  private(set) var representatives: [UInt64] = []
  /// Per block and block value (`block * 2048 + value`), the representatives with that value
  /// and their positions in `representatives`, ascending.
  private var buckets: [[Entry]] = Array(repeating: [], count: TemplateIndex.bucketCount)

  struct Entry: Sendable {
    var fingerprint: UInt64
    var position: Int32
  }

  /// Six blocks, low bits first: five of eleven bits, the last of nine.
  static let blockCount = 6
  static let bucketCount = 5 * 2048 + 512

  /// The first bit of block `block`.
  @inline(__always)
  static func blockShift(_ block: Int) -> Int { block * 11 }

  /// The bits in block `block`.
  @inline(__always)
  static func blockWidth(_ block: Int) -> Int { block == 5 ? 9 : 11 }

  /// Whether nothing was added.
  var isEmpty: Bool { representatives.isEmpty }

  /// The value of block `block` of `bits`.
  @inline(__always)
  static func blockValue(_ bits: UInt64, _ block: Int) -> Int {
    Int(truncatingIfNeeded: (bits >> UInt64(blockShift(block))) & ((1 << UInt64(blockWidth(block))) - 1))
  }

  /// Adds a representative; returns its position.
  @discardableResult
  mutating func add(_ fingerprint: UInt64) -> Int {
    let position = representatives.count
    representatives.append(fingerprint)
    for block in 0..<TemplateIndex.blockCount {
      buckets[block * 2048 + TemplateIndex.blockValue(fingerprint, block)].append(
        Entry(fingerprint: fingerprint, position: Int32(position)))
    }
    return position
  }

  /// Calls `body` with the position of every representative within
  /// `CorpusStatistics.templateDistance` bits of `fingerprint`, once each, in no particular order.
  @inline(__always)
  func forEachNeighbour(of fingerprint: UInt64, _ body: (_ position: Int, _ difference: UInt64) -> Void) {
    for block in 0..<TemplateIndex.blockCount {
      let value = TemplateIndex.blockValue(fingerprint, block)
      let start = block * 2048
      // The block's own value, then each one-bit variant of it.
      for flip in -1..<TemplateIndex.blockWidth(block) {
        let probe = flip < 0 ? value : value ^ (1 << flip)
        for entry in buckets[start + probe] {
          let difference = entry.fingerprint ^ fingerprint
          // Each representative is taken in the first block where it is at most one bit off, so once.
          guard TemplateIndex.firstCloseBlock(difference) == block,
            difference.nonzeroBitCount <= CorpusStatistics.templateDistance
          else { continue }
          body(Int(entry.position), difference)
        }
      }
    }
  }

  /// The neighbour the earlier sixteen-band index listed first: the one agreeing with `fingerprint`
  /// on the earliest of the sixteen four-bit bands, then the earliest added. A new fingerprint
  /// joins that cluster, so keeping this order keeps every cluster as it was.
  func firstNeighbour(of fingerprint: UInt64) -> Int? {
    var best: (nibble: Int, position: Int)?
    forEachNeighbour(of: fingerprint) { position, difference in
      let candidate = (nibble: TemplateIndex.firstEqualNibble(difference), position: position)
      if best.map({ (candidate.nibble, candidate.position) < ($0.nibble, $0.position) }) ?? true { best = candidate }
    }
    return best?.position
  }

  /// The first of the six blocks in which the two fingerprints of `difference` differ by one bit
  /// at most.
  @inline(__always)
  static func firstCloseBlock(_ difference: UInt64) -> Int {
    for block in 0..<blockCount where blockValue(difference, block).nonzeroBitCount <= 1 { return block }
    return blockCount
  }

  /// The first of the sixteen four-bit bands on which the two fingerprints of `difference` agree
  /// (one always does within `templateDistance` bits: ten differing bits touch ten bands at most).
  @inline(__always)
  static func firstEqualNibble(_ difference: UInt64) -> Int {
    for nibble in 0..<16 where (difference >> UInt64(nibble * 4)) & 0xF == 0 { return nibble }
    return 16
  }
}
