import EarshotTestSupport
import Testing

@testable import EarshotDetectors

/// The template index must find exactly what a scan of every representative finds, and pick the
/// cluster a new reply joins as the sixteen-band index it replaced did (clusters, and so every
/// `template` flag and verdict, stay as they were).
@Suite struct TemplateIndexTests {
  /// The sixteen-band index this one replaced, kept as the reference: representatives bucketed by
  /// each four-bit band, scanned band by band in the order they were added.
  struct SixteenBandReference {
    var bands: [[UInt8: [UInt64]]] = Array(repeating: [:], count: 16)

    func neighbours(of fingerprint: UInt64) -> [UInt64] {
      var result: [UInt64] = []
      for band in 0..<16 {
        let key = UInt8(truncatingIfNeeded: (fingerprint >> UInt64(band * 4)) & 0xF)
        for candidate in bands[band][key] ?? []
        where (candidate ^ fingerprint).nonzeroBitCount <= CorpusStatistics.templateDistance
          && !result.contains(candidate)
        {
          result.append(candidate)
        }
      }
      return result
    }

    mutating func add(_ fingerprint: UInt64) {
      for band in 0..<16 {
        bands[band][UInt8(truncatingIfNeeded: (fingerprint >> UInt64(band * 4)) & 0xF), default: []].append(fingerprint)
      }
    }
  }

  @Test func clustersMatchTheSixteenBandIndex() {
    // Replies in templates: a few hundred base texts, each reused with light edits (0-14 bits),
    // and unrelated ones, clustered the way CorpusStatisticsBuilder clusters them.
    var random = SplitMix(seed: 20_261_128)
    let bases = (0..<300).map { _ in random.next() }
    var index = TemplateIndex()
    var reference = SixteenBandReference()
    var joined = 0
    for step in 0..<6000 {
      let fingerprint =
        step % 5 == 0 ? random.next() : random.near(bases[Int(random.next() % 300)], bits: Int(random.next() % 15))
      let expected = reference.neighbours(of: fingerprint)
      var found: [UInt64] = []
      index.forEachNeighbour(of: fingerprint) { position, _ in found.append(index.representatives[position]) }
      #expect(Set(found) == Set(expected), "neighbours of \(fingerprint)")
      #expect(found.count == expected.count, "each neighbour once")
      let first = index.firstNeighbour(of: fingerprint).map { index.representatives[$0] }
      #expect(first == expected.first, "the cluster \(fingerprint) joins")
      if first == nil {
        index.add(fingerprint)
        reference.add(fingerprint)
      } else {
        joined += 1
      }
    }
    // The test means something only if many replies joined a cluster with several candidates.
    #expect(joined > 2000)
    #expect(index.representatives.count > 300)
  }

  /// Ten bits spread over all six blocks, two in each of the first four: found through the last
  /// two blocks' one-bit variants; one bit more is another reply.
  @Test func tenBitsSpreadOverEveryBlockAreFound() {
    var index = TemplateIndex()
    let base: UInt64 = 0xA5A5_0F0F_3C3C_FF00
    index.add(base)
    var spread = base
    for block in 0..<6 {
      let shift = TemplateIndex.blockShift(block)
      spread ^= 1 << UInt64(shift + 1)
      if block < 4 { spread ^= 1 << UInt64(shift + 7) }
    }
    #expect((spread ^ base).nonzeroBitCount == 10)
    #expect(TemplateIndex.firstCloseBlock(spread ^ base) == 4)
    #expect(index.firstNeighbour(of: spread) == 0)
    #expect(index.firstNeighbour(of: spread ^ (1 << 60)) == nil, "eleven bits apart is another reply")
  }

  @Test func aFingerprintTenBitsAwayIsFoundElevenIsNot() {
    var index = TemplateIndex()
    let base: UInt64 = 0xA5A5_0F0F_3C3C_FF00
    index.add(base)
    var random = SplitMix(seed: 7)
    for _ in 0..<2000 {
      let bits = Int(random.next() % 13)
      let probe = random.near(base, bits: bits)
      #expect((index.firstNeighbour(of: probe) != nil) == (bits <= CorpusStatistics.templateDistance), "\(bits) bits")
    }
  }
}

extension SplitMix {
  /// `base` with `bits` distinct random bits flipped: a lightly edited reply's fingerprint.
  mutating func near(_ base: UInt64, bits: Int) -> UInt64 {
    var value = base
    var flipped = Set<Int>()
    while flipped.count < bits {
      let bit = below(64)
      if flipped.insert(bit).inserted { value ^= 1 << UInt64(bit) }
    }
    return value
  }
}
