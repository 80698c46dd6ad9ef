import EarshotScoring

/// The ``BinaryCoding`` form of totals written and read by hand: the same bytes the generic
/// `Codable` path gives (`0xB1`, an array of `{key, totals}` objects, fields in the order the types
/// encode them), without building a ``Node`` tree and going through `Encoder`/`Decoder` for every
/// field, which made encoding every unit's totals and merging them back at the end of a run a
/// tenth of what nightly spends beyond batch.
///
/// The layout is unchanged, so stores written before read as they did, and values written here
/// read with ``BinaryCoding/decode(_:from:)``. Only the order of `findingsByDetector`'s fields
/// differs: sorted by name here, where the generic path wrote a dictionary's hash order (a reader
/// looks fields up by name either way). A value the fast reader does not recognise (another shape,
/// a field of an unexpected kind, damage) is read again by the generic path, so its errors and
/// whatever older shapes that path accepts stay as they were.
enum TotalsCoding {
  // MARK: Writing

  /// The form of ``ResultCoding/binary(_:)``: the groups sorted by key.
  static func encode(_ aggregation: Aggregation) -> [UInt8] {
    var writer = ByteWriter()
    writer.bytes.reserveCapacity(64 + aggregation.groups.count * 320)
    writer.bytes.append(BinaryCoding.tag)
    writer.bytes.append(Node.Kind.array.rawValue)
    writer.varint(UInt64(aggregation.groups.count))
    for (key, totals) in sortedGroups(aggregation) {
      writer.bytes.append(Node.Kind.object.rawValue)
      writer.varint(2)
      writer.string("key")
      writer.bytes.append(Node.Kind.object.rawValue)
      writer.varint(3)
      writer.field("kind", key.kind.rawValue)
      writer.field("company", key.company)
      writer.field("name", key.name)
      writer.string("totals")
      writer.totals(totals)
    }
    return writer.bytes
  }

  /// The groups in `GroupKey` order (as ``ResultCoding/binary(_:)`` always wrote them, so the same
  /// totals are the same bytes), with a cheaper comparison: sorting the (key, totals) pairs through
  /// `GroupKey.<` was most of the cost of encoding a large unit.
  static func sortedGroups(_ aggregation: Aggregation) -> [(key: GroupKey, value: GroupTotals)] {
    let groups = aggregation.groups
    // Keys with their positions: sorting them moves a key and an index, and compares borrowed keys
    // (a closure reading `groups[i].key` copied the whole group, totals included, per comparison).
    var order = groups.keys.indices.map { (key: groups.keys[$0], index: $0) }
    order.sort { precedes($0.key, $1.key) }
    return order.map { groups[$0.index] }
  }

  /// `GroupKey.<`: kinds compared by rank in their raw values' order, then company and name.
  static func precedes(_ lhs: GroupKey, _ rhs: GroupKey) -> Bool {
    if lhs.kind != rhs.kind { return rank(lhs.kind) < rank(rhs.kind) }
    if let order = order(lhs.company, rhs.company) { return order }
    return order(lhs.name, rhs.name) ?? false
  }

  /// Whether `lhs < rhs` (nil when equal), as `String`'s `<` orders them: by bytes where the
  /// difference is between ASCII characters that nothing after them can combine with (every key in
  /// practice), by `String`'s own comparison (canonical equivalence) otherwise.
  static func order(_ lhs: String, _ rhs: String) -> Bool? {
    var lhs = lhs
    var rhs = rhs
    let bytewise: Bool?? = lhs.withUTF8 { a in
      rhs.withUTF8 { b in
        let common = min(a.count, b.count)
        var index = 0
        while index < common, a[index] == b[index] { index += 1 }
        if index == a.count && index == b.count { return .some(nil) }
        // A non-ASCII byte at or right after the first difference may be (or combine into) another
        // character than its bytes suggest.
        func ascii(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool { at >= bytes.count || bytes[at] < 0x80 }
        guard ascii(a, index), ascii(b, index), ascii(a, index + 1), ascii(b, index + 1) else { return nil }
        if index > 0 && (a[index - 1] >= 0x80) { return nil }
        return index == a.count ? true : index == b.count ? false : a[index] < b[index]
      }
    }
    if let bytewise { return bytewise }
    return lhs == rhs ? nil : lhs < rhs
  }

  /// The position of a kind's raw value among all raw values in `String` order.
  private static func rank(_ kind: GroupKind) -> Int {
    switch kind {
    case .agent: return 0
    case .center: return 1
    case .channel: return 2
    case .company: return 3
    case .day: return 4
    }
  }

  /// One group's totals, as ``BinaryCoding/encode(_:)`` writes a `GroupTotals`.
  static func encode(_ totals: GroupTotals) -> [UInt8] {
    var writer = ByteWriter()
    writer.bytes.reserveCapacity(320 + totals.firstResponses.count * 9)
    writer.bytes.append(BinaryCoding.tag)
    writer.totals(totals)
    return writer.bytes
  }

  // MARK: Reading

  /// The aggregation in `bytes` (which start with ``BinaryCoding/tag``), or nil when they are not
  /// in the shape ``encode(_:)-(Aggregation)`` writes (the caller then uses the generic path).
  static func decodeAggregation(_ bytes: [UInt8]) -> Aggregation? {
    bytes.withUnsafeBufferPointer { buffer in
      var reader = FastReader(bytes: buffer, position: 1)
      guard buffer.first == BinaryCoding.tag, reader.kind(.array), let count = reader.count() else { return nil }
      var aggregation = Aggregation()
      aggregation.groups.reserveCapacity(count)
      for _ in 0..<count {
        guard reader.kind(.object), let fields = reader.count() else { return nil }
        var key: GroupKey?
        var totals: GroupTotals?
        for _ in 0..<fields {
          switch reader.name() {
          case "key": key = reader.groupKey()
          case "totals": totals = reader.totals()
          default: return nil
          }
        }
        guard let key, let totals else { return nil }
        aggregation.groups[key] = totals
      }
      return reader.position == buffer.count ? aggregation : nil
    }
  }

  /// One group's totals in `bytes`, or nil when they are not in the shape
  /// ``encode(_:)-(GroupTotals)`` writes.
  static func decodeTotals(_ bytes: [UInt8]) -> GroupTotals? {
    bytes.withUnsafeBufferPointer { buffer in
      var reader = FastReader(bytes: buffer, position: 1)
      guard buffer.first == BinaryCoding.tag, let totals = reader.totals(), reader.position == buffer.count else {
        return nil
      }
      return totals
    }
  }
}

extension ByteWriter {
  fileprivate mutating func field(_ name: String, _ value: String) {
    string(name)
    bytes.append(Node.Kind.string.rawValue)
    string(value)
  }

  fileprivate mutating func field(_ name: String, _ value: Int) {
    string(name)
    bytes.append(Node.Kind.int.rawValue)
    let value = Int64(value)
    varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  fileprivate mutating func double(_ value: Double) {
    bytes.append(Node.Kind.double.rawValue)
    withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
  }

  fileprivate mutating func field(_ name: String, _ value: Double) {
    string(name)
    double(value)
  }

  /// The fields in `GroupTotals`' declaration order, which its synthesized `encode(to:)` follows.
  fileprivate mutating func totals(_ totals: GroupTotals) {
    bytes.append(Node.Kind.object.rawValue)
    varint(14)
    field("conversations", totals.conversations)
    field("scoreSum", totals.scoreSum)
    field("scoreSquares", totals.scoreSquares)
    field("questions", totals.questions)
    field("nonAnswers", totals.nonAnswers)
    field("pitchConversations", totals.pitchConversations)
    string("firstResponses")
    bytes.append(Node.Kind.array.rawValue)
    varint(UInt64(totals.firstResponses.count))
    for value in totals.firstResponses { double(value) }
    field("promisesMade", totals.promisesMade)
    field("promisesKept", totals.promisesKept)
    field("sentimentChangeSum", totals.sentimentChangeSum)
    field("sentimentChangeCount", totals.sentimentChangeCount)
    string("findingsByDetector")
    bytes.append(Node.Kind.object.rawValue)
    varint(UInt64(totals.findingsByDetector.count))
    // Sorted, so the same totals are always the same bytes.
    for (detector, count) in totals.findingsByDetector.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    ) {
      field(detector, count)
    }
    field("customerConversations", totals.customerConversations)
    field("repeatContacts", totals.repeatContacts)
  }
}

/// Reads the binary layout straight into totals; every method returns nil (or false) on anything
/// unexpected, never traps, and never reads past the end.
private struct FastReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var position: Int

  mutating func kind(_ expected: Node.Kind) -> Bool {
    guard position < bytes.count, bytes[position] == expected.rawValue else { return false }
    position += 1
    return true
  }

  mutating func varint() -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while position < bytes.count, shift < 64 {
      let byte = bytes[position]
      position += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
    return nil
  }

  /// A count or length no larger than what is left (each element takes at least a byte).
  mutating func count() -> Int? {
    guard let count = varint(), count <= UInt64(bytes.count - position) else { return nil }
    return Int(count)
  }

  /// A field name or string payload.
  mutating func name() -> String? {
    guard let length = count() else { return nil }
    defer { position += length }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
  }

  mutating func string() -> String? {
    guard kind(.string) else { return nil }
    return name()
  }

  mutating func int() -> Int? {
    guard kind(.int), let zigzag = varint() else { return nil }
    return Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
  }

  mutating func double() -> Double? {
    guard position < bytes.count else { return nil }
    if bytes[position] == Node.Kind.int.rawValue { return int().map(Double.init) }
    guard kind(.double), position + 8 <= bytes.count else { return nil }
    var bits: UInt64 = 0
    for index in 0..<8 { bits |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
    position += 8
    return Double(bitPattern: bits)
  }

  mutating func groupKey() -> GroupKey? {
    guard kind(.object), let fields = count() else { return nil }
    var kind: GroupKind?
    var company: String?
    var name: String?
    for _ in 0..<fields {
      switch self.name() {
      case "kind": kind = string().flatMap(GroupKind.init(rawValue:))
      case "company": company = string()
      case "name": name = string()
      default: return nil
      }
    }
    guard let kind, let company, let name else { return nil }
    return GroupKey(kind: kind, company: company, name: name)
  }

  /// `GroupTotals` with every field its `init(from:)` requires; the customer counts may be absent
  /// (totals stored before customer history), as that initializer allows. A field given twice is
  /// left to the generic path (which takes the first).
  mutating func totals() -> GroupTotals? {
    guard kind(.object), let fields = count() else { return nil }
    var totals = GroupTotals()
    var seen: UInt16 = 0
    for _ in 0..<fields {
      guard let name = name(), let field = TotalsField.byName[name], seen & field.bit == 0 else { return nil }
      seen |= field.bit
      switch field {
      case .conversations: guard let value = int() else { return nil }; totals.conversations = value
      case .scoreSum: guard let value = double() else { return nil }; totals.scoreSum = value
      case .scoreSquares: guard let value = double() else { return nil }; totals.scoreSquares = value
      case .questions: guard let value = int() else { return nil }; totals.questions = value
      case .nonAnswers: guard let value = int() else { return nil }; totals.nonAnswers = value
      case .pitchConversations: guard let value = int() else { return nil }; totals.pitchConversations = value
      case .firstResponses:
        guard kind(.array), let count = count() else { return nil }
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
          guard let value = double() else { return nil }
          values.append(value)
        }
        totals.firstResponses = values
      case .promisesMade: guard let value = int() else { return nil }; totals.promisesMade = value
      case .promisesKept: guard let value = int() else { return nil }; totals.promisesKept = value
      case .sentimentChangeSum: guard let value = double() else { return nil }; totals.sentimentChangeSum = value
      case .sentimentChangeCount: guard let value = int() else { return nil }; totals.sentimentChangeCount = value
      case .findingsByDetector:
        guard kind(.object), let count = count() else { return nil }
        var findings: [String: Int] = [:]
        findings.reserveCapacity(count)
        for _ in 0..<count {
          guard let detector = self.name(), let value = int(), findings.updateValue(value, forKey: detector) == nil
          else { return nil }
        }
        totals.findingsByDetector = findings
      case .customerConversations: guard let value = int() else { return nil }; totals.customerConversations = value
      case .repeatContacts: guard let value = int() else { return nil }; totals.repeatContacts = value
      }
    }
    return seen & TotalsField.required == TotalsField.required ? totals : nil
  }
}

/// The fields of `GroupTotals`, in its coding order.
private enum TotalsField: Int, CaseIterable {
  case conversations, scoreSum, scoreSquares, questions, nonAnswers, pitchConversations, firstResponses
  case promisesMade, promisesKept, sentimentChangeSum, sentimentChangeCount, findingsByDetector
  case customerConversations, repeatContacts

  var bit: UInt16 { 1 << UInt16(rawValue) }

  static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ("\($0)", $0) })
  /// The first twelve: those `GroupTotals.init(from:)` requires.
  static let required: UInt16 = (1 << 12) - 1
}
