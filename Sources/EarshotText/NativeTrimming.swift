extension StringProtocol {
  /// The text without leading and trailing spaces: the same scalars as Foundation's
  /// `trimmingCharacters(in: .whitespaces)` (general category Zs, the tab and the zero-width space) removes, trimmed on the
  /// string's own scalars. Foundation's version goes through UTF-16 and a new string every call,
  /// which made reading a chat log cost 30 µs a line and was most of the time spent loading the
  /// lexicons.
  public func trimmingSpaces() -> String { trimmingScalars(where: Self.isSpace) }

  /// The text without leading and trailing spaces and line breaks: the scalars of Foundation's
  /// `.whitespacesAndNewlines` (general categories Z*, U+000A…U+000D and U+0085).
  public func trimmingSpacesAndNewlines() -> String { trimmingScalars(where: Self.isSpaceOrNewline) }

  private func trimmingScalars(where trimmed: (Unicode.Scalar) -> Bool) -> String {
    let scalars = unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, trimmed(scalars[start]) { start = scalars.index(after: start) }
    while end > start {
      let last = scalars.index(before: end)
      guard trimmed(scalars[last]) else { break }
      end = last
    }
    return String(self[start..<end])
  }

  private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return scalar == " " || scalar == "\t" }
    // Foundation also counts the zero-width space (Zs in old Unicode versions) as a space.
    return scalar.value == 0x200B || scalar.properties.generalCategory == .spaceSeparator
  }

  private static func isSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
    if scalar.value == 0x85 || scalar.value == 0x200B { return true }
    switch scalar.properties.generalCategory {
    case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }
}
