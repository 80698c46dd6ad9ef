/// `Decoder` over a ``Node`` tree, for ``BinaryCoding``. Objects are small (a totals record has
/// about fifteen fields), so keys are looked up by a linear scan rather than a dictionary built per
/// object.
struct NodeDecoder: Decoder {
  let node: Node
  var codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func mismatch(_ expected: String) -> DecodingError {
    .typeMismatch(Node.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(node)"))
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let fields) = node else { throw mismatch("an object") }
    return KeyedDecodingContainer(KeyedNodeReader<Key>(fields: fields, codingPath: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let values) = node else { throw mismatch("an array") }
    return UnkeyedNodeReader(values: values, codingPath: codingPath)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
}

extension NodeDecoder: SingleValueDecodingContainer {
  func decodeNil() -> Bool {
    if case .null = node { return true }
    return false
  }

  func decode(_ type: Bool.Type) throws -> Bool {
    guard case .bool(let value) = node else { throw mismatch("a Boolean") }
    return value
  }

  func decode(_ type: String.Type) throws -> String {
    guard case .string(let value) = node else { throw mismatch("a string") }
    return value
  }

  func decode(_ type: Double.Type) throws -> Double {
    switch node {
    case .double(let value): return value
    case .int(let value): return Double(value)
    default: throw mismatch("a number")
    }
  }

  func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

  func decode(_ type: Int.Type) throws -> Int { try decodeInteger() }
  func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger() }
  func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger() }
  func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger() }
  func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger() }
  func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger() }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger() }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger() }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger() }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger() }

  private func decodeInteger<T: BinaryInteger>() throws -> T {
    guard case .int(let value) = node, let exact = T(exactly: value) else { throw mismatch("an integer") }
    return exact
  }

  func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

private struct KeyedNodeReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let fields: [(String, Node)]
  var codingPath: [any CodingKey]

  var allKeys: [Key] { fields.compactMap { Key(stringValue: $0.0) } }

  func contains(_ key: Key) -> Bool { fields.contains { $0.0 == key.stringValue } }

  private func value(_ key: Key) throws -> NodeDecoder {
    let name = key.stringValue
    guard let field = fields.first(where: { $0.0 == name }) else {
      throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no field \(name)"))
    }
    return NodeDecoder(node: field.1, codingPath: codingPath + [key])
  }

  func decodeNil(forKey key: Key) throws -> Bool { try value(key).decodeNil() }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).decode(type) }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).decode(type) }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).decode(type) }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(key).decode(type) }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).decode(type) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).decode(type) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).decode(type) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).decode(type) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).decode(type) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).decode(type) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).decode(type) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).decode(type) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).decode(type) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).decode(type) }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(key).decode(type) }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try value(key).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try value(key).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    guard let field = fields.first(where: { $0.0 == "super" }) else {
      return NodeDecoder(node: .null, codingPath: codingPath)
    }
    return NodeDecoder(node: field.1, codingPath: codingPath)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder { try value(key) }
}

private struct UnkeyedNodeReader: UnkeyedDecodingContainer {
  let values: [Node]
  var codingPath: [any CodingKey]
  var currentIndex = 0

  init(values: [Node], codingPath: [any CodingKey]) {
    self.values = values
    self.codingPath = codingPath
  }

  var count: Int? { values.count }
  var isAtEnd: Bool { currentIndex >= values.count }

  private mutating func next() throws -> NodeDecoder {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        Node.self, .init(codingPath: codingPath, debugDescription: "the array has \(values.count) values"))
    }
    defer { currentIndex += 1 }
    return NodeDecoder(node: values[currentIndex], codingPath: codingPath)
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, case .null = values[currentIndex] else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }
  mutating func decode(_ type: Double.Type) throws -> Double { try next().decode(type) }
  mutating func decode(_ type: String.Type) throws -> String { try next().decode(type) }
  mutating func decode(_ type: Int.Type) throws -> Int { try next().decode(type) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try next().container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

  mutating func superDecoder() throws -> any Decoder { try next() }
}
