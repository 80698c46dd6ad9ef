#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Numbers written with a fixed count of decimals, as the output files show them.
///
/// `String(format: "%.2f", x)` parses its format and builds a Foundation string on every call, a
/// cost that showed in batch profiles (about 2 % of a run); this calls C's `snprintf` directly, so
/// the text, its rounding of the exact binary value included, is the same.
public enum FixedPointText {
  /// `value` with `decimals` digits after the point, exactly as `String(format: "%.<decimals>f", value)`.
  public static func string(_ value: Double, decimals: Int) -> String {
    let precision = Int32(clamping: max(0, decimals))
    // 64 bytes hold any value below 10^40 at up to 20 decimals; larger ones take a second pass.
    if let text = formatted(value, precision: precision, capacity: 64) { return text }
    let needed = withVaList([precision, value]) { vsnprintf(nil, 0, "%.*f", $0) }
    return formatted(value, precision: precision, capacity: Int(needed) + 1) ?? String(value)
  }

  private static func formatted(_ value: Double, precision: Int32, capacity: Int) -> String? {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer -> String? in
      let written = withVaList([precision, value]) { arguments in
        buffer.withMemoryRebound(to: CChar.self) { vsnprintf($0.baseAddress, capacity, "%.*f", arguments) }
      }
      guard written >= 0, Int(written) < capacity else { return nil }
      return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<Int(written)]), as: UTF8.self)
    }
  }
}
