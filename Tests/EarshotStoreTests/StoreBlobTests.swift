import Crypto
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotStore

/// The compact encoding of stored results and totals: lossless, compact, and loud when damaged.
@Suite struct StoreBlobTests {
  func roundTrip(_ text: String) throws -> String {
    let blob = StoreBlobPacker().pack(text)
    return String(decoding: try StoreBlobUnpacker().unpack(blob, what: "a test value"), as: UTF8.self)
  }

  @Test func valuesRoundTripByteForByte() throws {
    let result = try StoreFixtures.result(id: "ünï-1", score: 42.5, findings: [("non_answer", "major")])
    let long = String(repeating: try ResultCoding.encode(result) + "\n", count: 400)
    for text in ["", "x", "naïve 😀 \u{0}", try ResultCoding.encode(result), long] {
      #expect(try roundTrip(text) == text)
    }
  }

  @Test func aResultCompressesSeveralFold() throws {
    let result = try ResultCoding.encode(
      try StoreFixtures.result(id: "a", score: 42.5, findings: [("non_answer", "major")]))
    let blob = StoreBlobPacker().pack(result)
    // The dictionary carries the keys and phrases, so even one small result shrinks several times.
    #expect(blob.count * 3 < result.utf8.count, "\(blob.count) bytes for \(result.utf8.count)")
  }

  @Test func theDictionaryNeverChanges() {
    // Every stored value needs these exact bytes to be read back: a new dictionary is a new format byte.
    let digest = SHA256.hash(data: StoreDictionary.bytes).map { String(format: "%02x", $0) }.joined()
    #expect(digest == "23ebec16f8f972c1484743d738140b0701586a193d70eef4fbea526a74853ee7")
    #expect(StoreDictionary.bytes.count == 7_176)
  }

  /// The damage a blob shows when `change` is applied to a good one.
  func damage(_ change: (inout [UInt8]) -> Void) -> StoreBlob.Damage? {
    var blob = StoreBlobPacker().pack(String(repeating: "The customer asked a question. ", count: 20))
    change(&blob)
    do {
      _ = try blob.withUnsafeBytes { (bytes) throws(StoreBlob.Damage) in try StoreBlobUnpacker().unpack(bytes) }
      return nil
    } catch let damage as StoreBlob.Damage {
      return damage
    } catch {
      Issue.record("unexpected error \(error)")
      return nil
    }
  }

  @Test func damagedBlobsSayWhatIsWrong() {
    #expect(damage { $0 = [] } == .empty)
    #expect(damage { $0[0] = 7 } == .unknownFormat(7))
    #expect(damage { $0 = [1, 0x80, 0x80, 0x80, 0x80, 0x80] } == .badLength)
    #expect(damage { $0.removeLast(9) } == .endsEarly(length: 620))
    #expect(damage { $0.append(0) } == .trailing(1))
    // The length header says 10 bytes fewer than the stream holds.
    #expect(damage { $0[1] = UInt8(truncatingIfNeeded: Int($0[1]) - 10) } == .longer(than: 610))
    // A changed byte inside the stream fails zlib's checks (its Adler-32 checksum at the latest).
    guard case .invalidDeflate = damage({ $0[$0.count - 2] ^= 0x55 }) else {
      Issue.record("a changed byte must be reported as damaged data")
      return
    }
  }

  @Test func aDamagedBlockInTheStoreIsAClearError() throws {
    let folder = try TemporaryDirectory()
    let store = try EarshotStore(path: folder.path("earshot.sqlite"))
    let results = try (0..<40).map { try StoreFixtures.result(id: "c\($0)", score: 50) }
    let run = try store.beginRun(inputs: [], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try store.write([StoreFixtures.unit("calls.jsonl", results)], runID: run, fingerprint: "f", counts: RunCounts())
    try store.queue.write { db in
      try db.execute(sql: "UPDATE result_block SET results = substr(results, 1, 30) WHERE first_ordinal = 32")
    }
    // The second block (conversations 32–39) is cut short; its header still gives its full length.
    let length = try results[32...].map { try ResultCoding.encode($0).utf8.count + 1 }.reduce(-1, +)
    #expect(
      throws: StoreError.corrupt(
        "the results of conversations 32–39 of unit calls.jsonl: "
          + "the compressed data ends before the \(length) bytes its header gives")
    ) {
      _ = try store.currentResultLines()
    }
    #expect(throws: StoreError.self) { _ = try store.worstConversations(company: "Acme", agent: "bob", limit: 40) }
    // Conversations in the undamaged block still read back.
    #expect(try store.worstConversations(company: "Acme", agent: "bob", limit: 1) == [results[0]])
  }

  @Test func totalsRoundTripExactlyInBinary() throws {
    var aggregation = Aggregation()
    for (index, agent) in ["ann", "bob", "Zoë"].enumerated() {
      let result = try StoreFixtures.result(
        id: "t\(index)", agents: [agent], score: 100.0 / 3.0 + Double(index), findings: [("non_answer", "major")])
      aggregation.add(result, day: index == 2 ? nil : "2024-03-0\(index + 1)")
    }
    let blob = ResultCoding.binary(aggregation).withUnsafeBytes { StoreBlobPacker().pack($0) }
    let decoded = try ResultCoding.decodeAggregation(blob: blob, unitKey: "u", unpacker: StoreBlobUnpacker())
    #expect(decoded == aggregation)
    // The same bytes as JSON once decoded and re-encoded: nothing is rounded on the way.
    #expect(try ResultCoding.encode(decoded) == ResultCoding.encode(aggregation))
    // Totals converted from a JSON store still read.
    let json = StoreBlobPacker().pack(try ResultCoding.encode(aggregation))
    #expect(try ResultCoding.decodeAggregation(blob: json, unitKey: "u", unpacker: StoreBlobUnpacker()) == aggregation)
  }

  @Test func damagedBinaryTotalsAreAClearError() throws {
    var aggregation = Aggregation()
    aggregation.add(try StoreFixtures.result(id: "t", score: 50), day: "2024-03-01")
    var binary = ResultCoding.binary(aggregation)
    binary.removeLast(3)
    let blob = binary.withUnsafeBytes { StoreBlobPacker().pack($0) }
    do {
      _ = try ResultCoding.decodeAggregation(blob: blob, unitKey: "calls.jsonl", unpacker: StoreBlobUnpacker())
      Issue.record("truncated totals must not decode")
    } catch let error as StoreError {
      // The last field's length now runs past the end: named, with the byte it was read at.
      #expect(
        error.description.hasPrefix(
          "error: the store holds a value this build cannot read: the totals of unit calls.jsonl: "
            + "a length exceeds the value at byte "))
    }
  }
}
