/// A glob on file paths: `*` and `?` match within one path segment, `**` matches across segments
/// (`**/` also matches nothing), everything else matches itself. A pattern that does not start
/// with `/` matches the whole path or any tail of it that starts after a `/`, so
/// `exports/berlin/**` matches `exports/berlin/a.eml` and `/mnt/exports/berlin/a.eml` alike.
struct PathGlob: Sendable, Hashable {
  private let pattern: [UInt8]

  init(_ pattern: String) { self.pattern = Array(pattern.utf8) }

  func matches(_ path: String) -> Bool {
    let bytes = Array(path.utf8)
    if Self.match(pattern[...], bytes[...]) { return true }
    guard pattern.first != UInt8(ascii: "/") else { return false }
    for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
      if Self.match(pattern[...], bytes[(index + 1)...]) { return true }
    }
    return false
  }

  private static let slash = UInt8(ascii: "/")
  private static let star = UInt8(ascii: "*")

  private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
    guard let head = pattern.first else { return text.isEmpty }
    let rest = pattern.dropFirst()
    if head == star, rest.first == star {
      let after = rest.dropFirst()
      if after.first == slash, match(after.dropFirst(), text) { return true }
      var index = text.startIndex
      while true {
        if match(after, text[index...]) { return true }
        if index == text.endIndex { return false }
        index += 1
      }
    }
    if head == star {
      var index = text.startIndex
      while true {
        if match(rest, text[index...]) { return true }
        if index == text.endIndex || text[index] == slash { return false }
        index += 1
      }
    }
    guard let first = text.first else { return false }
    if head == UInt8(ascii: "?") { return first != slash && match(rest, text.dropFirst()) }
    return first == head && match(rest, text.dropFirst())
  }
}
