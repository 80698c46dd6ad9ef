/// `Encoder` into a ``Node`` tree, for ``BinaryCoding``. Containers share a reference-typed slot,
/// so nested containers fill their parent's tree as `Codable` expects.
final class NodeSlot {
  enum Content {
    case leaf(Node)
    case array([NodeSlot])
    case object([(String, NodeSlot)])
  }

  var content: Content = .leaf(.null)

  init(_ content: Content = .leaf(.null)) { self.content = content }

  var node: Node {
    switch content {
    case .leaf(let node): return node
    case .array(let slots): return .array(slots.map(\.node))
    case .object(let fields): return .object(fields.map { ($0.0, $0.1.node) })
    }
  }

  func append(_ slot: NodeSlot) {
    if case .array(var slots) = content {
      content = .leaf(.null)  // keeps the array uniquely referenced while it grows
      slots.append(slot)
      content = .array(slots)
    }
  }

  func set(_ key: String, _ slot: NodeSlot) {
    if case .object(var fields) = content {
      content = .leaf(.null)
      fields.append((key, slot))
      content = .object(fields)
    }
  }

  /// A leaf for a value of a type ``BinaryCoding`` stores directly, or nil.
  static func leaf(_ value: some Encodable) throws -> NodeSlot? {
    switch value {
    case let value as String: return NodeSlot(.leaf(.string(value)))
    case let value as Double: return NodeSlot(.leaf(.double(value)))
    case let value as Int: return NodeSlot(.leaf(.int(Int64(value))))
    case let value as Bool: return NodeSlot(.leaf(.bool(value)))
    default: return nil
    }
  }

  /// The slot of any encodable value.
  static func of(_ value: some Encodable, codingPath: [any CodingKey]) throws -> NodeSlot {
    if let leaf = try leaf(value) { return leaf }
    let encoder = NodeEncoder(codingPath: codingPath)
    try value.encode(to: encoder)
    return encoder.box
  }
}

struct NodeEncoder: Encoder {
  let box = NodeSlot()
  var codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if case .object = box.content {} else { box.content = .object([]) }
    return KeyedEncodingContainer(KeyedNodeContainer<Key>(slot: box, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .array = box.content {} else { box.content = .array([]) }
    return UnkeyedNodeContainer(slot: box, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleNodeContainer(slot: box, codingPath: codingPath)
  }
}

/// Integers of every width as `Int64`; one beyond its range cannot be stored.
private func integer<T: BinaryInteger>(_ value: T, _ codingPath: [any CodingKey]) throws -> Node {
  guard let exact = Int64(exactly: value) else {
    throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "beyond Int64"))
  }
  return .int(exact)
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let slot: NodeSlot
  var codingPath: [any CodingKey]

  mutating func encodeNil(forKey key: Key) throws { slot.set(key.stringValue, NodeSlot(.leaf(.null))) }
  mutating func encode(_ value: Bool, forKey key: Key) throws {
    slot.set(key.stringValue, NodeSlot(.leaf(.bool(value))))
  }
  mutating func encode(_ value: String, forKey key: Key) throws {
    slot.set(key.stringValue, NodeSlot(.leaf(.string(value))))
  }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    slot.set(key.stringValue, NodeSlot(.leaf(.double(value))))
  }
  mutating func encode(_ value: Float, forKey key: Key) throws {
    slot.set(key.stringValue, NodeSlot(.leaf(.double(Double(value)))))
  }
  mutating func encode(_ value: Int, forKey key: Key) throws {
    slot.set(key.stringValue, NodeSlot(.leaf(.int(Int64(value)))))
  }
  mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeInteger(value, key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeInteger(value, key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeInteger(value, key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeInteger(value, key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeInteger(value, key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeInteger(value, key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeInteger(value, key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeInteger(value, key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeInteger(value, key) }

  private func encodeInteger(_ value: some BinaryInteger, _ key: Key) throws {
    slot.set(key.stringValue, NodeSlot(.leaf(try integer(value, codingPath + [key]))))
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    slot.set(key.stringValue, try NodeSlot.of(value, codingPath: codingPath + [key]))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = NodeSlot(.object([]))
    slot.set(key.stringValue, child)
    return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(slot: child, codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = NodeSlot(.array([]))
    slot.set(key.stringValue, child)
    return UnkeyedNodeContainer(slot: child, codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
  mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

  private func superEncoder(named name: String) -> any Encoder {
    let encoder = NodeEncoder(codingPath: codingPath)
    slot.set(name, encoder.box)
    return encoder
  }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
  let slot: NodeSlot
  var codingPath: [any CodingKey]
  var count: Int {
    if case .array(let slots) = slot.content { return slots.count }
    return 0
  }

  mutating func encodeNil() throws { slot.append(NodeSlot(.leaf(.null))) }
  mutating func encode(_ value: Bool) throws { slot.append(NodeSlot(.leaf(.bool(value)))) }
  mutating func encode(_ value: String) throws { slot.append(NodeSlot(.leaf(.string(value)))) }
  mutating func encode(_ value: Double) throws { slot.append(NodeSlot(.leaf(.double(value)))) }
  mutating func encode(_ value: Float) throws { slot.append(NodeSlot(.leaf(.double(Double(value))))) }
  mutating func encode(_ value: Int) throws { slot.append(NodeSlot(.leaf(.int(Int64(value))))) }
  mutating func encode(_ value: Int64) throws { slot.append(NodeSlot(.leaf(.int(value)))) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    slot.append(try NodeSlot.of(value, codingPath: codingPath))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = NodeSlot(.object([]))
    slot.append(child)
    return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(slot: child, codingPath: codingPath))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let child = NodeSlot(.array([]))
    slot.append(child)
    return UnkeyedNodeContainer(slot: child, codingPath: codingPath)
  }

  mutating func superEncoder() -> any Encoder {
    let encoder = NodeEncoder(codingPath: codingPath)
    slot.append(encoder.box)
    return encoder
  }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
  let slot: NodeSlot
  var codingPath: [any CodingKey]

  mutating func encodeNil() throws { slot.content = .leaf(.null) }
  mutating func encode(_ value: Bool) throws { slot.content = .leaf(.bool(value)) }
  mutating func encode(_ value: String) throws { slot.content = .leaf(.string(value)) }
  mutating func encode(_ value: Double) throws { slot.content = .leaf(.double(value)) }
  mutating func encode(_ value: Float) throws { slot.content = .leaf(.double(Double(value))) }
  mutating func encode(_ value: Int) throws { slot.content = .leaf(.int(Int64(value))) }
  mutating func encode(_ value: Int8) throws { slot.content = .leaf(try integer(value, codingPath)) }
  mutating func encode(_ value: Int16) throws { slot.content = .leaf(try integer(value, codingPath)) }
  mutating func encode(_ value: Int32) throws { slot.content = .leaf(try integer(value, codingPath)) }
  mutating func encode(_ value: Int64) throws { slot.content = .leaf(.int(value)) }
  mutating func encode(_ value: UInt) throws { slot.content = .leaf(try integer(value, codingPath)) }
  mutating func encode(_ value: UInt8) throws { slot.content = .leaf(try integer(value, codingPath)) }
  mutating func encode(_ value: UInt16) throws { slot.content = .leaf(try integer(value, codingPath)) }
  mutating func encode(_ value: UInt32) throws { slot.content = .leaf(try integer(value, codingPath)) }
  mutating func encode(_ value: UInt64) throws { slot.content = .leaf(try integer(value, codingPath)) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    slot.content = try NodeSlot.of(value, codingPath: codingPath).content
  }
}
