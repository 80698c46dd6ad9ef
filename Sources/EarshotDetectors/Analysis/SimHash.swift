import EarshotText

/// 64-bit SimHash of a text's words and word pairs: near-duplicate texts get fingerprints a few bits apart.
public enum SimHash {
  /// The fingerprint of the word tokens of `text` (lowercased), or nil for texts under 8 words.
  public static func fingerprint(_ text: TokenizedText) -> UInt64? {
    let words = text.tokens.filter { $0.kind == .word || $0.kind == .number }
    guard words.count >= 8 else { return nil }
    var hashes: [UInt64] = []
    hashes.reserveCapacity(words.count)
    for token in words {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in text.bytes[token.range] { hash = (hash ^ UInt64(ASCII.lowercase(byte))) &* 0x0000_0100_0000_01B3 }
      hashes.append(hash)
    }
    var weights = [Int](repeating: 0, count: 64)
    func add(_ feature: UInt64) {
      var mixed = feature
      mixed ^= mixed >> 33
      mixed = mixed &* 0xff51_afd7_ed55_8ccd
      mixed ^= mixed >> 33
      for bit in 0..<64 { weights[bit] += (mixed >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
    }
    // Words and word pairs: a one-word edit moves few features, so few bits.
    for index in hashes.indices {
      add(hashes[index])
      if index + 1 < hashes.count { add(hashes[index] &* 31 &+ hashes[index + 1]) }
    }
    var fingerprint: UInt64 = 0
    for bit in 0..<64 where weights[bit] > 0 { fingerprint |= 1 << UInt64(bit) }
    return fingerprint
  }

  /// Bits that differ.
  public static func distance(_ lhs: UInt64, _ rhs: UInt64) -> Int { (lhs ^ rhs).nonzeroBitCount }
}
