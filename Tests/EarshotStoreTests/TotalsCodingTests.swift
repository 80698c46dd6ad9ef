import EarshotScoring
import Foundation
import Testing

@testable import EarshotStore

/// The hand-written reader and writer of stored totals: the layout the generic `Codable` path
/// wrote, read and written without it, and older or other shapes still read.
@Suite struct TotalsCodingTests {
  /// Totals of a day's work: several companies, agents, channels and days, fractional scores,
  /// first responses, findings of several detectors, customer counts.
  static func realisticAggregation() throws -> Aggregation {
    var aggregation = Aggregation()
    let detectors = [("non_answer", "major"), ("premature_pitch", "minor"), ("promise", "major"), ("tone", "info")]
    for index in 0..<60 {
      var result = try StoreFixtures.result(
        id: "c\(index)", company: index % 7 == 0 ? nil : "Company \(index % 3)",
        agents: index % 5 == 0 ? [] : ["agent\(index % 4)", "Zoë \(index % 2)"],
        score: 100.0 / 3.0 + Double(index) * 0.7, startedAt: "2024-03-0\(1 + index % 4)T0\(index % 10):15:00Z",
        findings: Array(detectors[0..<(index % 5)]))
      result.metrics.firstResponseSeconds = index % 3 == 0 ? nil : Double(index * 37) + 0.25
      result.metrics.promisesMade = index % 4
      result.metrics.promisesKept = index % 2
      if index % 6 == 0 { result.customerKey = "k\(index % 4)" }
      result.center = index % 2 == 0 ? "Lisbon" : nil
      aggregation.add(result)
    }
    return aggregation
  }

  @Test func realisticTotalsRoundTrip() throws {
    let aggregation = try Self.realisticAggregation()
    #expect(aggregation.groups.count > 20)
    #expect(aggregation.groups.values.contains { $0.findingsByDetector.count >= 3 })
    let written = ResultCoding.binary(aggregation)
    // Read back by the hand-written reader and by the generic one: the same totals, bit for bit.
    #expect(TotalsCoding.decodeAggregation(written) == aggregation)
    let generic = try BinaryCoding.decode([ResultCoding.Entry].self, from: written)
    #expect(generic.map(\.key) == aggregation.groups.keys.sorted())
    #expect(Dictionary(uniqueKeysWithValues: generic.map { ($0.key, $0.totals) }) == aggregation.groups)
    // And through the compressed blob, as the store reads it.
    let blob = written.withUnsafeBytes { StoreBlobPacker().pack($0) }
    #expect(try ResultCoding.decodeAggregation(blob: blob, unitKey: "u", unpacker: StoreBlobUnpacker()) == aggregation)
    // The same bytes twice: detectors are written in sorted order, not a dictionary's.
    var copy = Aggregation()
    for (key, totals) in aggregation.groups.reversed() { copy.groups[key] = totals }
    #expect(ResultCoding.binary(copy) == written)
  }

  @Test func groupsAreWrittenInGroupKeyOrder() throws {
    var keys = Array(try Self.realisticAggregation().groups.keys)
    keys += GroupKind.allCases.flatMap { kind in
      ["", "Acme", "acme", "Ünïcode", "Zeta"].map { GroupKey(kind: kind, company: $0, name: $0 + "x") }
    }
    // Canonically equivalent spellings, combining marks after an ASCII letter, a prefix.
    let names = [
      "a", "ab", "a\u{301}", "\u{E1}", "a\u{301}b", "b", "b\u{301}", "é", "e\u{301}z", "ez", "Zoë", "Zoe", "",
    ]
    keys += names.flatMap { company in names.map { GroupKey(kind: .agent, company: company, name: $0) } }
    let wrong = keys.flatMap { lhs in
      keys.filter { rhs in TotalsCoding.precedes(lhs, rhs) != (lhs < rhs) }.map { "\(lhs) \($0)" }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(3))")
    let aggregation = try Self.realisticAggregation()
    #expect(TotalsCoding.sortedGroups(aggregation).map(\.key) == aggregation.groups.keys.sorted())
  }

  @Test func oneGroupsTotalsRoundTrip() throws {
    for totals in try Self.realisticAggregation().groups.values {
      let written = TotalsCoding.encode(totals)
      #expect(TotalsCoding.decodeTotals(written) == totals)
      #expect(try BinaryCoding.decode(GroupTotals.self, from: written) == totals)
      let blob = written.withUnsafeBytes { StoreBlobPacker().pack($0) }
      #expect(try ResultCoding.decodeTotals(blob: blob, what: "t", unpacker: StoreBlobUnpacker()) == totals)
    }
  }

  @Test func theGenericEncodersBytesReadTheSame() throws {
    let aggregation = try Self.realisticAggregation()
    let generic = try ResultCoding.genericBinary(aggregation)
    #expect(TotalsCoding.decodeAggregation(generic) == aggregation)
    // Where the order of a dictionary cannot differ (one detector at most), the bytes are the same.
    var simple = Aggregation()
    for (key, var totals) in aggregation.groups {
      totals.findingsByDetector = totals.findingsByDetector.filter { $0.key == "non_answer" }
      simple.groups[key] = totals
      #expect(TotalsCoding.encode(totals) == (try BinaryCoding.encode(totals)))
    }
    #expect(ResultCoding.binary(simple) == (try ResultCoding.genericBinary(simple)))
  }

  /// A unit's totals as an earlier build (the generic encoder) stored them: a blob copied from a
  /// store that build wrote (one conversation of `chat/0/c9.txt` of the benchmark corpus).
  @Test func totalsStoredByTheGenericEncoderRead() throws {
    let blob = Self.bytes(
      "01d40b787d174b4e3fdbc8c6c2cec40c9c0a646766014dfeb1b282fdc80ead4b58399d21958a82250b683290953539b128c7920d32"
        + "1bc8cec78b3219c8ccc4019b6563310681cd3e0e3cc813732caf0377c8b5ee5de9c0092f059999b8101382cc0c4298d381cc4c7c"
        + "a813896c8c2c0c60e0e7c0833c2bc8cc00e782660d8186614ee5b1b4c54673e91efa612f826dfe8f99490816ef88b94c76261178"
        + "b90c0a0360d402fb2429cc4cfc6835093393284c21ca7c2633031fb0659f9a5802142d494c2e296666400d737668558e33d45940"
        + "35fc68a05339d021291b67a0338c063855039c392511776073210ab1d160a730d8019af6fa61")
    let aggregation = try ResultCoding.decodeAggregation(blob: blob, unitKey: "c9", unpacker: StoreBlobUnpacker())
    let keys: [GroupKey] = [
      GroupKey(kind: .agent, company: "Company 9", name: "carl9"),
      GroupKey(kind: .channel, company: "Company 9", name: "chat"),
      GroupKey(kind: .company, company: "Company 9", name: ""),
      GroupKey(kind: .day, company: "Company 9", name: "2024-03-04"),
    ]
    #expect(aggregation.groups.keys.sorted() == keys)
    for key in keys {
      let totals = try #require(aggregation.groups[key])
      #expect(totals.conversations == 1)
      #expect(totals.scoreSum == 57.4)
      #expect(totals.scoreSquares == 3294.7599999999998)
      #expect(totals.questions == 1 && totals.nonAnswers == 0 && totals.pitchConversations == 1)
      #expect(totals.firstResponses == [60])
      #expect(totals.sentimentChangeSum == 1.5474062351766817 && totals.sentimentChangeCount == 1)
      #expect(totals.findingsByDetector == ["customer_name_unused": 1, "premature_pitch": 1])
      #expect(totals.customerConversations == 0 && totals.repeatContacts == 0)
    }
    // Written again, byte for byte what that build wrote (its detectors happened to be in order).
    let stored = try StoreBlobUnpacker().unpack(blob, what: "c9")
    #expect(ResultCoding.binary(aggregation) == stored)
    #expect(try BinaryCoding.decode([ResultCoding.Entry].self, from: stored).count == 4)
  }

  /// Totals stored before customer history have no customer counts: read as zero, as the
  /// `Codable` initializer does.
  @Test func totalsWithoutCustomerCountsRead() throws {
    let aggregation = try Self.realisticAggregation()
    let old = try Self.rewritten(ResultCoding.binary(aggregation)) { name, _ in
      name == "customerConversations" || name == "repeatContacts" ? nil : name
    }
    let read = try #require(TotalsCoding.decodeAggregation(old))
    #expect(read.groups.count == aggregation.groups.count)
    for (key, totals) in aggregation.groups {
      var expected = totals
      expected.customerConversations = 0
      expected.repeatContacts = 0
      #expect(read.groups[key] == expected)
    }
    #expect(aggregation.groups.values.contains { $0.customerConversations > 0 })
  }

  /// Shapes the fast reader does not take (an unknown field, a field twice) are read by the
  /// generic reader, with its answer; fields in another order the fast reader takes.
  @Test func otherShapesReadAsTheGenericReaderReadsThem() throws {
    let aggregation = try Self.realisticAggregation()
    let written = ResultCoding.binary(aggregation)
    let reversed = try Self.rewritten(written, reverse: true) { name, _ in name }
    #expect(TotalsCoding.decodeAggregation(reversed) == aggregation)
    let unknown = try Self.rewritten(written) { name, _ in name == "questions" ? "questionsAsked" : name }
    #expect(TotalsCoding.decodeAggregation(unknown) == nil)
    let blob = unknown.withUnsafeBytes { StoreBlobPacker().pack($0) }
    // The generic reader needs `questions`: the same error as before, naming the unit.
    #expect(throws: StoreError.self) {
      _ = try ResultCoding.decodeAggregation(blob: blob, unitKey: "u", unpacker: StoreBlobUnpacker())
    }
    let extra = try Self.rewritten(written) { name, _ in name == "repeatContacts" ? "note" : name }
    #expect(TotalsCoding.decodeAggregation(extra) == nil)
    let readByGeneric = try ResultCoding.decodeAggregation(
      blob: extra.withUnsafeBytes { StoreBlobPacker().pack($0) }, unitKey: "u", unpacker: StoreBlobUnpacker())
    #expect(readByGeneric.groups.values.allSatisfy { $0.repeatContacts == 0 })
    #expect(readByGeneric.groups.count == aggregation.groups.count)
  }

  @Test func damagedTotalsAreNeverReadFast() throws {
    let written = ResultCoding.binary(try Self.realisticAggregation())
    // Every truncation, and a changed kind byte, is refused (the generic reader then says why).
    for length in stride(from: 0, to: written.count, by: 7) {
      #expect(TotalsCoding.decodeAggregation(Array(written[..<length])) == nil)
    }
    #expect(TotalsCoding.decodeAggregation(written + [0]) == nil)
    var changed = written
    changed[1] = Node.Kind.object.rawValue
    #expect(TotalsCoding.decodeAggregation(changed) == nil)
  }

  // MARK: Helpers

  static func bytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
      index = next
    }
    return bytes
  }

  /// `bytes` with the fields of every totals object renamed (nil drops the field), and optionally
  /// in reverse order.
  static func rewritten(_ bytes: [UInt8], reverse: Bool = false, rename: (String, Node) -> String?) throws
    -> [UInt8]
  {
    var reader = ByteReader(bytes: bytes, position: 1)
    guard case .array(let entries) = try reader.node(depth: 0) else { throw CocoaError(.coderInvalidValue) }
    let changed: [Node] = entries.map { entry in
      guard case .object(let fields) = entry else { return entry }
      return .object(
        fields.map { name, value in
          guard name == "totals", case .object(let totals) = value else { return (name, value) }
          let kept = totals.compactMap { field, node in rename(field, node).map { ($0, node) } }
          return (name, .object(reverse ? kept.reversed() : kept))
        })
    }
    var writer = ByteWriter()
    writer.bytes.append(BinaryCoding.tag)
    writer.write(.array(changed))
    return writer.bytes
  }
}

/// Store timestamps by arithmetic, against the formatter they replace.
@Suite struct StoreTimestampTests {
  let formatter: ISO8601DateFormatter = {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }()

  @Test func theSameTextAsISO8601DateFormatter() {
    var generator = SystemRandomNumberGenerator()
    var instants: [Date] = [
      Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0005), Date(timeIntervalSince1970: 0.9995),
      Date(timeIntervalSince1970: -11_676_096_000), Date(timeIntervalSince1970: 253_402_300_799.999),
      Date(timeIntervalSince1970: 1_709_546_400.1235), Date(timeIntervalSinceReferenceDate: 0.0005),
    ]
    for _ in 0..<20_000 {
      let anywhere = Double.random(in: -11_676_096_000...253_402_300_799, using: &generator)
      let recent = Double.random(in: 1.2e9...1.9e9, using: &generator).rounded(.down)
      let milliseconds = Double(Int.random(in: 0..<1_000, using: &generator)) / 1_000
      instants += [
        Date(timeIntervalSince1970: anywhere), Date(timeIntervalSince1970: anywhere.rounded(.down) + milliseconds),
        Date(timeIntervalSince1970: recent), Date(timeIntervalSince1970: recent + milliseconds),
        // Half a millisecond: the rounding the formatter does.
        Date(timeIntervalSince1970: recent + milliseconds + 0.0005),
        Date(timeIntervalSinceReferenceDate: (recent - 978_307_200) + milliseconds + 0.0005),
      ]
    }
    var differing: [String] = []
    for date in instants where StoreTimestamp.string(date) != formatter.string(from: date) {
      differing.append(
        "\(date.timeIntervalSince1970): \(StoreTimestamp.string(date)) != \(formatter.string(from: date))")
    }
    #expect(differing.isEmpty, "\(differing.prefix(5))")
    #expect(StoreTimestamp.string(Date(timeIntervalSince1970: 1_709_546_400.123)) == "2024-03-04T10:00:00.123Z")
  }

  @Test func outsideFourDigitYearsTheFormatterIsUsed() {
    for seconds in [-11_676_096_000.5, -62_135_596_800.0, 253_402_300_800.0, 300_000_000_000.0] {
      let date = Date(timeIntervalSince1970: seconds)
      #expect(StoreTimestamp.string(date) == formatter.string(from: date))
    }
  }
}
