/// SplitMix64: a small, fast generator whose output depends only on its seed, so a generated
/// evaluation set is the same on every machine and Swift version (the standard library's generator
/// is not seedable).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator starting from `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }

  /// A value in `0..<bound` (bound > 0). Uses `next()` directly rather than the standard library's
  /// `random(in:using:)`, whose algorithm may change between Swift versions.
  public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// One element of `items` (not empty).
  public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// `count` random decimal digits.
  public mutating func digits(_ count: Int) -> String {
    String((0..<count).map { _ in Character(String(below(10))) })
  }

  /// True with probability `share`.
  public mutating func chance(_ share: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < share }
}
