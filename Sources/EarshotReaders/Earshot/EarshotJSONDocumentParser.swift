import Foundation

extension EarshotJSONDocument {
  /// Decodes one Earshot JSON conversation object from `bytes`.
  ///
  /// Well-formed, ordinary documents are read by `EarshotJSONDocumentParser` without Foundation's
  /// `JSONDecoder` (which was about 12% of a JSON Lines batch: boxing every value and key path through
  /// `Codable`). Anything the parser does not accept as certainly valid and unambiguous goes to
  /// `decoder`, so errors, and the diagnostics the readers make of them, are exactly what they were.
  static func decode(_ bytes: [UInt8], fallback decoder: JSONDecoder) throws -> EarshotJSONDocument {
    let parsed = bytes.withUnsafeBufferPointer { buffer in
      var parser = EarshotJSONDocumentParser(bytes: buffer)
      return parser.document()
    }
    if let document = parsed {
      return document
    }
    return try decoder.decode(EarshotJSONDocument.self, from: Data(bytes))
  }
}

/// A parser for the Earshot JSON conversation schema that gives the document `JSONDecoder` would
/// give, or nil.
///
/// It returns nil (and the caller falls back to `JSONDecoder`) on anything that is not plainly a
/// valid document of the schema: a syntax error, invalid UTF-8, a raw control character or a lone
/// surrogate in a string, a value of the wrong type, a missing required key, a key seen twice, an
/// escaped or non-ASCII key outside `metadata`, a number that is long or not finite, nesting deeper
/// than `maxDepth`, a byte-order mark. In those cases `JSONDecoder`'s own answer (a document or an
/// error) is the reference, and rare inputs cost what they always did.
struct EarshotJSONDocumentParser {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0

  /// The deepest nesting skipped inside values the schema does not name.
  static let maxDepth = 64

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// Thrown inside the parser when it gives up; never escapes `document()`.
  private struct GiveUp: Error {}

  /// The document, or nil when `JSONDecoder` must decide.
  mutating func document() -> EarshotJSONDocument? {
    do {
      skipSpace()
      let document = try conversation()
      skipSpace()
      guard position == bytes.count else { return nil }
      return document
    } catch {
      return nil
    }
  }

  // MARK: - The schema

  private mutating func conversation() throws -> EarshotJSONDocument {
    var id: String?
    var channel: String?
    var company: String?
    var participants: [EarshotJSONDocument.ParticipantEntry]?
    var turns: [EarshotJSONDocument.TurnEntry]?
    var metadata: [String: String]?
    var seen = KeySet()
    try object { parser, key in
      switch key {
      case Key.id:
        try seen.insert(0)
        id = try parser.optionalString()
      case Key.channel:
        try seen.insert(1)
        channel = try parser.optionalString()
      case Key.company:
        try seen.insert(2)
        company = try parser.optionalString()
      case Key.participants:
        try seen.insert(3)
        if try parser.null() { return }
        var entries: [EarshotJSONDocument.ParticipantEntry] = []
        try parser.array { parser in entries.append(try parser.participant()) }
        participants = entries
      case Key.turns:
        try seen.insert(4)
        var entries: [EarshotJSONDocument.TurnEntry] = []
        entries.reserveCapacity(8)
        try parser.array { parser in entries.append(try parser.turn()) }
        turns = entries
      case Key.metadata:
        try seen.insert(5)
        if try parser.null() { return }
        metadata = try parser.stringDictionary()
      default:
        try seen.insertUnknown(key)
        try parser.skipValue(depth: 1)
      }
    }
    guard let turns else { throw GiveUp() }
    return EarshotJSONDocument(
      id: id, channel: channel, company: company, participants: participants, turns: turns, metadata: metadata)
  }

  private mutating func participant() throws -> EarshotJSONDocument.ParticipantEntry {
    var id: String?
    var role: String?
    var name: String?
    var seen = KeySet()
    try object { parser, key in
      switch key {
      case Key.id:
        try seen.insert(0)
        id = try parser.string()
      case Key.role:
        try seen.insert(1)
        role = try parser.optionalString()
      case Key.name:
        try seen.insert(2)
        name = try parser.optionalString()
      default:
        try seen.insertUnknown(key)
        try parser.skipValue(depth: 2)
      }
    }
    guard let id else { throw GiveUp() }
    return EarshotJSONDocument.ParticipantEntry(id: id, role: role, name: name)
  }

  private mutating func turn() throws -> EarshotJSONDocument.TurnEntry {
    var speaker: String?
    var role: String?
    var name: String?
    var at: FlexibleTimestamp?
    var text: String?
    var seen = KeySet()
    try object { parser, key in
      switch key {
      case Key.speaker:
        try seen.insert(0)
        speaker = try parser.optionalString()
      case Key.role:
        try seen.insert(1)
        role = try parser.optionalString()
      case Key.name:
        try seen.insert(2)
        name = try parser.optionalString()
      case Key.at:
        try seen.insert(3)
        at = try parser.timestamp()
      case Key.text:
        try seen.insert(4)
        text = try parser.string()
      default:
        try seen.insertUnknown(key)
        try parser.skipValue(depth: 2)
      }
    }
    guard let text else { throw GiveUp() }
    return EarshotJSONDocument.TurnEntry(speaker: speaker, role: role, name: name, at: at, text: text)
  }

  /// `FlexibleTimestamp` as `JSONDecoder` decodes it: a number as a `Double`, a string as text,
  /// null as absent; anything else is an error (left to `JSONDecoder`).
  private mutating func timestamp() throws -> FlexibleTimestamp? {
    switch try peek() {
    case UInt8(ascii: "\""): return .text(try string())
    case UInt8(ascii: "n"):
      try literal("null")
      return nil
    default: return .number(try number())
    }
  }

  /// A `[String: String]`: keys may be any string (escapes and all), values must be strings.
  private mutating func stringDictionary() throws -> [String: String] {
    var dictionary: [String: String] = [:]
    try expect(UInt8(ascii: "{"))
    skipSpace()
    if try peek() == UInt8(ascii: "}") {
      position += 1
      return dictionary
    }
    while true {
      let key = try string()
      skipSpace()
      try expect(UInt8(ascii: ":"))
      skipSpace()
      let value = try string()
      // `String` equality (canonical equivalence) is what would make two keys one entry.
      guard dictionary.updateValue(value, forKey: key) == nil else { throw GiveUp() }
      skipSpace()
      if try separator(closing: UInt8(ascii: "}")) { return dictionary }
    }
  }

  // MARK: - Keys

  /// The schema's key names as bytes, compared with a key's raw bytes.
  private enum Key {
    static let id = Array("id".utf8)
    static let channel = Array("channel".utf8)
    static let company = Array("company".utf8)
    static let participants = Array("participants".utf8)
    static let turns = Array("turns".utf8)
    static let metadata = Array("metadata".utf8)
    static let role = Array("role".utf8)
    static let name = Array("name".utf8)
    static let speaker = Array("speaker".utf8)
    static let at = Array("at".utf8)
    static let text = Array("text".utf8)
  }

  /// The keys an object has had: the schema's by bit, any others by bytes (rare).
  private struct KeySet {
    var known: UInt32 = 0
    var unknown: [[UInt8]] = []

    mutating func insert(_ bit: UInt32) throws {
      guard known & (1 << bit) == 0 else { throw GiveUp() }
      known |= 1 << bit
    }

    mutating func insertUnknown(_ key: KeyBytes) throws {
      let bytes = Array(key.bytes)
      guard !unknown.contains(bytes) else { throw GiveUp() }
      unknown.append(bytes)
    }
  }

  /// A key's raw bytes between its quotes: only keys without escapes and in ASCII get here, so
  /// bytes equal means `String` equal.
  struct KeyBytes {
    var bytes: UnsafeBufferPointer<UInt8>.SubSequence

    static func ~= (pattern: [UInt8], key: KeyBytes) -> Bool {
      pattern.elementsEqual(key.bytes)
    }
  }

  // MARK: - JSON

  /// Reads an object, calling `member` with each key, positioned at its value.
  private mutating func object(_ member: (inout EarshotJSONDocumentParser, KeyBytes) throws -> Void) throws {
    skipSpace()
    try expect(UInt8(ascii: "{"))
    skipSpace()
    if try peek() == UInt8(ascii: "}") {
      position += 1
      return
    }
    while true {
      let key = try plainKey()
      skipSpace()
      try expect(UInt8(ascii: ":"))
      skipSpace()
      try member(&self, key)
      skipSpace()
      if try separator(closing: UInt8(ascii: "}")) { return }
    }
  }

  /// Reads an array, calling `element` positioned at each element.
  private mutating func array(_ element: (inout EarshotJSONDocumentParser) throws -> Void) throws {
    try expect(UInt8(ascii: "["))
    skipSpace()
    if try peek() == UInt8(ascii: "]") {
      position += 1
      return
    }
    while true {
      skipSpace()
      try element(&self)
      skipSpace()
      if try separator(closing: UInt8(ascii: "]")) { return }
    }
  }

  /// After a member or element: true at the closing bracket, false after a comma.
  private mutating func separator(closing: UInt8) throws -> Bool {
    let byte = try peek()
    position += 1
    if byte == closing { return true }
    guard byte == UInt8(ascii: ",") else { throw GiveUp() }
    skipSpace()
    return false
  }

  /// A key without escapes, all ASCII and printable.
  private mutating func plainKey() throws -> KeyBytes {
    try expect(UInt8(ascii: "\""))
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        position += 1
        return KeyBytes(bytes: bytes[start..<(position - 1)])
      }
      guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { throw GiveUp() }
      position += 1
    }
    throw GiveUp()
  }

  /// True (and consumed) when the value is `null`.
  private mutating func null() throws -> Bool {
    guard try peek() == UInt8(ascii: "n") else { return false }
    try literal("null")
    return true
  }

  private mutating func optionalString() throws -> String? {
    try null() ? nil : try string()
  }

  /// A string value: escapes decoded, UTF-8 validated.
  private mutating func string() throws -> String {
    try expect(UInt8(ascii: "\""))
    let start = position
    var ascii = true
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let run = UnsafeBufferPointer(rebasing: bytes[start..<position])
        position += 1
        if ascii { return String(decoding: run, as: UTF8.self) }
        guard let text = String(validating: run, as: UTF8.self) else { throw GiveUp() }
        return text
      }
      if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
      guard byte >= 0x20 else { throw GiveUp() }
      if byte >= 0x80 { ascii = false }
      position += 1
    }
    throw GiveUp()
  }

  /// The rest of a string that has escapes, from its first byte at `start`.
  private mutating func escapedString(from start: Int) throws -> String {
    var decoded: [UInt8] = Array(bytes[start..<position])
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        guard let text = String(validating: decoded, as: UTF8.self) else { throw GiveUp() }
        return text
      case UInt8(ascii: "\\"):
        guard position < bytes.count else { throw GiveUp() }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"): try appendUnicodeEscape(to: &decoded)
        default: throw GiveUp()
        }
      default:
        guard byte >= 0x20 else { throw GiveUp() }
        decoded.append(byte)
      }
    }
    throw GiveUp()
  }

  /// After `\u`: four hex digits, a surrogate pair as two escapes; a lone surrogate gives up.
  private mutating func appendUnicodeEscape(to decoded: inout [UInt8]) throws {
    let first = try hex4()
    var scalarValue = first
    if (0xD800..<0xDC00).contains(first) {
      guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
      else { throw GiveUp() }
      position += 2
      let second = try hex4()
      guard (0xDC00..<0xE000).contains(second) else { throw GiveUp() }
      scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    } else if (0xDC00..<0xE000).contains(first) {
      throw GiveUp()
    }
    guard let scalar = Unicode.Scalar(scalarValue) else { throw GiveUp() }
    UTF8.encode(scalar) { decoded.append($0) }
  }

  private mutating func hex4() throws -> UInt32 {
    guard position + 4 <= bytes.count else { throw GiveUp() }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      position += 1
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw GiveUp()
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// The longest number text read here; longer ones go to `JSONDecoder`.
  static let maxNumberLength = 32

  /// A JSON number as a finite `Double` (the grammar checked strictly, the value parsed by the
  /// standard library's correctly rounded conversion, as `JSONDecoder`'s is).
  private mutating func number() throws -> Double {
    let start = position
    func digits(_ parser: inout EarshotJSONDocumentParser) -> Int {
      let first = parser.position
      while parser.position < parser.bytes.count, (0x30...0x39).contains(parser.bytes[parser.position]) {
        parser.position += 1
      }
      return parser.position - first
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < bytes.count else { throw GiveUp() }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      guard digits(&self) > 0 else { throw GiveUp() }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard digits(&self) > 0 else { throw GiveUp() }
    }
    if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      guard digits(&self) > 0 else { throw GiveUp() }
    }
    guard position - start <= Self.maxNumberLength,
      let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)), value.isFinite
    else { throw GiveUp() }
    return value
  }

  /// Skips any valid value, `depth` levels deep already.
  private mutating func skipValue(depth: Int) throws {
    guard depth <= Self.maxDepth else { throw GiveUp() }
    switch try peek() {
    case UInt8(ascii: "\""): _ = try string()
    case UInt8(ascii: "{"):
      position += 1
      skipSpace()
      if try peek() == UInt8(ascii: "}") {
        position += 1
        return
      }
      while true {
        _ = try string()
        skipSpace()
        try expect(UInt8(ascii: ":"))
        skipSpace()
        try skipValue(depth: depth + 1)
        skipSpace()
        if try separator(closing: UInt8(ascii: "}")) { return }
      }
    case UInt8(ascii: "["):
      position += 1
      skipSpace()
      if try peek() == UInt8(ascii: "]") {
        position += 1
        return
      }
      while true {
        try skipValue(depth: depth + 1)
        skipSpace()
        if try separator(closing: UInt8(ascii: "]")) { return }
      }
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    default: _ = try number()
    }
  }

  private mutating func literal(_ word: StaticString) throws {
    let count = word.utf8CodeUnitCount
    guard position + count <= bytes.count else { throw GiveUp() }
    for index in 0..<count where bytes[position + index] != word.utf8Start[index] { throw GiveUp() }
    position += count
  }

  private func peek() throws -> UInt8 {
    guard position < bytes.count else { throw GiveUp() }
    return bytes[position]
  }

  private mutating func expect(_ byte: UInt8) throws {
    guard position < bytes.count, bytes[position] == byte else { throw GiveUp() }
    position += 1
  }

  /// JSON's white space: space, tab, line feed, carriage return.
  private mutating func skipSpace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }
}
