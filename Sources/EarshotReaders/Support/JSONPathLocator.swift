/// One step of a path into a JSON value: an object key or an array index.
enum JSONPathComponent: Hashable, Sendable {
  case key(String)
  case index(Int)

  /// `turns[3].at` style text for a path.
  static func text(_ path: [JSONPathComponent]) -> String {
    guard !path.isEmpty else { return "the top level" }
    var text = ""
    for component in path {
      switch component {
      case .index(let index): text += "[\(index)]"
      case .key(let key): text += text.isEmpty ? key : "." + key
      }
    }
    return text
  }

  /// The path of a decoder's coding path.
  static func path(_ codingPath: [any CodingKey]) -> [JSONPathComponent] {
    codingPath.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) }
  }
}

/// Finds where a value named by a path starts in valid JSON text, so that problems the decoder or a
/// reader finds in a value (wrong type, unknown role, a number out of range) get a line and column.
enum JSONPathLocator {
  /// The byte offset of the value at `path` in `bytes`, or of the deepest value on the path that
  /// exists (the container whose key or element is missing).
  static func offset(of path: [JSONPathComponent], in bytes: [UInt8]) -> Int {
    var index = skipSpace(bytes, 0)
    for component in path {
      guard index < bytes.count else { break }
      let found: Int?
      switch component {
      case .key(let key):
        found = bytes[index] == UInt8(ascii: "{") ? member(key, in: bytes, objectAt: index) : nil
      case .index(let wanted):
        found = bytes[index] == UInt8(ascii: "[") ? element(wanted, in: bytes, arrayAt: index) : nil
      }
      guard let found else { return index }
      index = found
    }
    return index
  }

  private static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
    var index = start
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    return index
  }

  /// The index just after the string starting at `start` (its opening quote).
  private static func skipString(_ bytes: [UInt8], _ start: Int) -> Int {
    var index = start + 1
    while index < bytes.count {
      switch bytes[index] {
      case 0x5C: index += 2
      case 0x22: return index + 1
      default: index += 1
      }
    }
    return bytes.count
  }

  /// The index just after the value starting at `start`.
  private static func skipValue(_ bytes: [UInt8], _ start: Int) -> Int {
    guard start < bytes.count else { return start }
    switch bytes[start] {
    case 0x22:
      return skipString(bytes, start)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var depth = 0
      var index = start
      while index < bytes.count {
        switch bytes[index] {
        case 0x22:
          index = skipString(bytes, index)
          continue
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          if depth == 0 { return index + 1 }
        default: break
        }
        index += 1
      }
      return bytes.count
    default:
      var index = start
      while index < bytes.count, !",}] \n\r\t".utf8.contains(bytes[index]) { index += 1 }
      return index
    }
  }

  private static func member(_ key: String, in bytes: [UInt8], objectAt start: Int) -> Int? {
    var index = start + 1
    while true {
      index = skipSpace(bytes, index)
      guard index < bytes.count, bytes[index] == 0x22 else { return nil }
      let end = skipString(bytes, index)
      let name = String(decoding: bytes[(index + 1)..<max(index + 1, end - 1)], as: UTF8.self)
      index = skipSpace(bytes, end)
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
      index = skipSpace(bytes, index + 1)
      if matches(name, key) { return index }
      index = skipSpace(bytes, skipValue(bytes, index))
      guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
      index += 1
    }
  }

  private static func element(_ wanted: Int, in bytes: [UInt8], arrayAt start: Int) -> Int? {
    var index = skipSpace(bytes, start + 1)
    var position = 0
    while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
      if position == wanted { return index }
      index = skipSpace(bytes, skipValue(bytes, index))
      guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
      index = skipSpace(bytes, index + 1)
      position += 1
    }
    return nil
  }

  /// Whether the JSON key `name` is the coding key `key`: the same, or the same once a vendor's
  /// `snake_case` or `PascalCase` is converted as the readers' decoders convert it.
  private static func matches(_ name: String, _ key: String) -> Bool {
    if name == key { return true }
    if name.contains("_") {
      let parts = name.split(separator: "_")
      let camel =
        (parts.first.map(String.init) ?? "")
        + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
      if camel == key { return true }
    }
    return name.prefix(1).lowercased() + name.dropFirst() == key
  }
}
