import Foundation
import NIOCore
import PostgresNIO

/// The row conversion of migration `v2-compact-store` on PostgreSQL, as SQLite's
/// ``CompactStoreMigration``: result texts into compressed ``ResultBlocks``, totals texts into
/// compressed blobs, byte for byte (never decoded and re-encoded). Runs inside the migration's
/// transaction, a few hundred units per statement, so memory stays bounded on a large store.
enum PostgresCompactMigration {
  static func convert(_ store: PostgresStore) throws {
    let packer = StoreBlobPacker()
    let units = try store.run("SELECT DISTINCT unit_key FROM conversation ORDER BY unit_key").map {
      try $0.decode(String.self)
    }
    for start in stride(from: 0, to: units.count, by: 256) {
      let batch = Array(units[start..<min(start + 256, units.count)])
      var blockUnit: [String] = []
      var blockFirst: [Int64] = []
      var blockCount: [Int64] = []
      var blocks: [ByteBuffer] = []
      var current: (unitKey: String, first: Int64, lines: [String])?
      func flush() {
        guard let run = current else { return }
        for block in ResultBlocks.pack(run.lines, packer: packer) {
          blockUnit.append(run.unitKey)
          blockFirst.append(run.first + Int64(block.firstOrdinal))
          blockCount.append(Int64(block.count))
          blocks.append(ByteBuffer(bytes: block.blob))
        }
        current = nil
      }
      for row in try store.run(
        "SELECT unit_key, ordinal, result FROM conversation WHERE unit_key = ANY(\(batch)) ORDER BY unit_key, ordinal")
      {
        let (unitKey, ordinal, result) = try row.decode((String, Int64, String).self)
        // A block holds consecutive ordinals of one unit.
        if let run = current, run.unitKey == unitKey, ordinal == run.first + Int64(run.lines.count) {
          current?.lines.append(result)
        } else {
          flush()
          current = (unitKey, ordinal, [result])
        }
      }
      flush()
      guard !blockUnit.isEmpty else { continue }
      try store.run(
        """
        INSERT INTO result_block (unit_key, first_ordinal, count, results)
        SELECT * FROM UNNEST(\(blockUnit)::text[], \(blockFirst)::int8[], \(blockCount)::int8[], \(blocks)::bytea[])
        """)
    }
    var keys: [String] = []
    var packed: [ByteBuffer] = []
    for row in try store.run("SELECT unit_key, totals FROM unit_totals") {
      let (unitKey, totals) = try row.decode((String, String).self)
      keys.append(unitKey)
      packed.append(ByteBuffer(bytes: packer.pack(totals)))
    }
    if !keys.isEmpty {
      try store.run(
        """
        UPDATE unit_totals SET packed = t.p FROM UNNEST(\(keys)::text[], \(packed)::bytea[]) AS t(k, p)
        WHERE unit_totals.unit_key = t.k
        """)
    }
    // Aggregates: one run at a time (a run's groups are a few thousand rows at most).
    let runs = try store.run("SELECT DISTINCT run_id FROM aggregate ORDER BY run_id").map { try $0.decode(Int64.self) }
    for runID in runs {
      var kinds: [String] = []
      var companies: [String] = []
      var names: [String] = []
      var blobs: [ByteBuffer] = []
      for row in try store.run("SELECT kind, company, name, totals FROM aggregate WHERE run_id = \(runID)") {
        let (kind, company, name, totals) = try row.decode((String, String, String, String).self)
        kinds.append(kind)
        companies.append(company)
        names.append(name)
        blobs.append(ByteBuffer(bytes: packer.pack(totals)))
      }
      try store.run(
        """
        UPDATE aggregate SET packed = t.p
        FROM UNNEST(\(kinds)::text[], \(companies)::text[], \(names)::text[], \(blobs)::bytea[]) AS t(k, c, n, p)
        WHERE aggregate.run_id = \(runID) AND aggregate.kind = t.k AND aggregate.company = t.c AND aggregate.name = t.n
        """)
    }
  }
}
