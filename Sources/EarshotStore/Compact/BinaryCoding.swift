import Foundation

/// A compact binary form of `Codable` values, for the store's totals: the same tree as JSON
/// (objects with named fields, arrays, strings, numbers, booleans, null), but numbers as their 8
/// bytes instead of decimal text, so encoding and decoding skip number formatting and parsing,
/// which dominated the store's cost with JSON. Any `Codable` type works, fields it gains included.
///
/// Layout: the tag byte `0xB1`, then one value: a kind byte and its payload. Integers are zigzag
/// LEB128 varints, doubles their IEEE 754 bits (little-endian), strings a varint length and UTF-8,
/// arrays a varint count and values, objects a varint count and (key string, value) pairs in the
/// order the type encodes them. JSON text starts with `{` or `[`, never `0xB1`, so a reader tells the
/// two forms apart (stores converted from JSON keep their JSON).
enum BinaryCoding {
  static let tag: UInt8 = 0xB1

  /// The binary form of `value`.
  static func encode(_ value: some Encodable) throws -> [UInt8] {
    let root = NodeEncoder(codingPath: [])
    try value.encode(to: root)
    var writer = ByteWriter()
    writer.bytes.append(tag)
    writer.write(root.box.node)
    return writer.bytes
  }

  /// Decodes a value written by ``encode(_:)``.
  static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
    guard bytes.first == tag else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no tag"))
    }
    var reader = ByteReader(bytes: bytes, position: 1)
    let node = try reader.node(depth: 0)
    guard reader.position == bytes.count else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "stray bytes after the value"))
    }
    return try T(from: NodeDecoder(node: node, codingPath: []))
  }
}

extension BinaryCoding {
  /// A decoding error as one line: what was wrong and where, without Swift's enum spelling.
  static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
      .keyNotFound(_, let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return context.debugDescription + (path.isEmpty ? "" : " (at \(path))")
    @unknown default: return "\(error)"
    }
  }
}

/// The value tree both directions go through.
enum Node {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([Node])
  case object([(String, Node)])

  enum Kind: UInt8 {
    case null = 0, `false`, `true`, int, double, string, array, object
  }
}

// MARK: - Writing and reading bytes

struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func varint(_ value: UInt64) {
    var value = value
    while value > 0x7F {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  mutating func string(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      varint(UInt64(utf8.count))
      bytes.append(contentsOf: utf8)
    }
  }

  mutating func write(_ node: Node) {
    switch node {
    case .null: bytes.append(Node.Kind.null.rawValue)
    case .bool(let value): bytes.append((value ? Node.Kind.true : .false).rawValue)
    case .int(let value):
      bytes.append(Node.Kind.int.rawValue)
      varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    case .double(let value):
      bytes.append(Node.Kind.double.rawValue)
      withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    case .string(let value):
      bytes.append(Node.Kind.string.rawValue)
      string(value)
    case .array(let values):
      bytes.append(Node.Kind.array.rawValue)
      varint(UInt64(values.count))
      for value in values { write(value) }
    case .object(let fields):
      bytes.append(Node.Kind.object.rawValue)
      varint(UInt64(fields.count))
      for (key, value) in fields {
        string(key)
        write(value)
      }
    }
  }
}

struct ByteReader {
  let bytes: [UInt8]
  var position: Int

  func damaged(_ what: String) -> DecodingError {
    .dataCorrupted(.init(codingPath: [], debugDescription: "\(what) at byte \(position)"))
  }

  mutating func byte() throws -> UInt8 {
    guard position < bytes.count else { throw damaged("the value ends early") }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func varint() throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = try byte()
      guard shift < 64 else { throw damaged("an integer is too long") }
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
  }

  mutating func count() throws -> Int {
    let count = try varint()
    // Every element takes at least one byte: a larger count is damage, not a reason to allocate.
    guard count <= UInt64(bytes.count - position) else { throw damaged("a length exceeds the value") }
    return Int(count)
  }

  mutating func string() throws -> String {
    let length = try count()
    defer { position += length }
    return String(decoding: bytes[position..<position + length], as: UTF8.self)
  }

  mutating func node(depth: Int) throws -> Node {
    guard depth < 64 else { throw damaged("the value nests too deep") }
    guard let kind = Node.Kind(rawValue: try byte()) else { throw damaged("unknown value kind") }
    switch kind {
    case .null: return .null
    case .false: return .bool(false)
    case .true: return .bool(true)
    case .int:
      let zigzag = try varint()
      return .int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
    case .double:
      guard position + 8 <= bytes.count else { throw damaged("a number ends early") }
      var bits: UInt64 = 0
      for index in 0..<8 { bits |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
      position += 8
      return .double(Double(bitPattern: bits))
    case .string: return .string(try string())
    case .array:
      let count = try count()
      var values: [Node] = []
      values.reserveCapacity(count)
      for _ in 0..<count { values.append(try node(depth: depth + 1)) }
      return .array(values)
    case .object:
      let count = try count()
      var fields: [(String, Node)] = []
      fields.reserveCapacity(count)
      for _ in 0..<count { fields.append((try string(), try node(depth: depth + 1))) }
      return .object(fields)
    }
  }
}
