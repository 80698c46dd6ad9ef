import Foundation
import GRDB

/// Migration `v2-compact-store` on SQLite: an existing store's rows are converted in place, byte for
/// byte (the stored JSON texts are compressed as they are, never decoded and re-encoded), so the
/// results, tables and reports read back are the same as before the migration.
///
/// - `conversation.result` moves into `result_block` (the lines of up to 32 conversations of a unit,
///   compressed together); `source_file`, `agents`, `day` and `fingerprint` are dropped (the result,
///   `conversation_agent`, `started_at` and `input_file` hold them), and the unused `score` index.
/// - `finding` keeps `detector`, `category`, `severity` and `turn`, keyed by `(conversation_row,
///   ordinal)` without a rowid; its reason and evidence are read from the result.
/// - `unit_totals.totals` and `aggregate.totals` become compressed blobs of the same JSON.
enum CompactStoreMigration {
  static func sqlite(_ db: Database) throws {
    let packer = StoreBlobPacker()
    try db.create(table: "result_block") { table in
      table.autoIncrementedPrimaryKey("id")
      table.column("unit_key", .text).notNull()
      table.column("first_ordinal", .integer).notNull()
      table.column("count", .integer).notNull()
      table.column("results", .blob).notNull()
      table.uniqueKey(["unit_key", "first_ordinal"])
    }
    try moveResultsIntoBlocks(db, packer: packer)

    try db.create(table: "conversation_compact") { table in
      table.autoIncrementedPrimaryKey("id")
      table.column("unit_key", .text).notNull()
      table.column("ordinal", .integer).notNull()
      table.column("conversation_id", .text).notNull()
      table.column("company", .text).notNull()
      table.column("channel", .text).notNull()
      table.column("started_at", .text)
      table.column("score", .double).notNull()
      table.column("run_id", .integer).notNull()
      table.uniqueKey(["unit_key", "ordinal"])
    }
    // Ids are kept, so agent and finding rows still point at their conversations.
    try db.execute(
      sql: """
        INSERT INTO conversation_compact (id, unit_key, ordinal, conversation_id, company, channel, started_at, score,
          run_id)
        SELECT id, unit_key, ordinal, conversation_id, company, channel, started_at, score, run_id FROM conversation
        """)
    try db.drop(table: "conversation")
    try db.rename(table: "conversation_compact", to: "conversation")

    try db.create(table: "finding_compact", options: .withoutRowID) { table in
      table.column("conversation_row", .integer).notNull().references("conversation", onDelete: .cascade)
      table.column("ordinal", .integer).notNull()
      table.column("detector", .text).notNull()
      table.column("category", .text).notNull()
      table.column("severity", .text).notNull()
      table.column("turn", .integer)
      table.primaryKey(["conversation_row", "ordinal"])
    }
    try db.execute(
      sql: """
        INSERT INTO finding_compact (conversation_row, ordinal, detector, category, severity, turn)
        SELECT conversation_row, ordinal, detector, category, severity, turn FROM finding
        """)
    try db.drop(table: "finding")
    try db.rename(table: "finding_compact", to: "finding")

    try db.create(table: "unit_totals_compact") { table in
      table.primaryKey("unit_key", .text)
      table.column("totals", .blob).notNull()
    }
    try packColumn(
      db, packer: packer, select: "SELECT rowid, totals FROM unit_totals",
      insert: "INSERT INTO unit_totals_compact (unit_key, totals) SELECT unit_key, ? FROM unit_totals WHERE rowid = ?")
    try db.drop(table: "unit_totals")
    try db.rename(table: "unit_totals_compact", to: "unit_totals")

    try db.create(table: "aggregate_compact") { table in
      table.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
      table.column("kind", .text).notNull()
      table.column("company", .text).notNull()
      table.column("name", .text).notNull()
      table.column("conversations", .integer).notNull()
      table.column("mean_score", .double)
      table.column("totals", .blob).notNull()
      table.primaryKey(["run_id", "kind", "company", "name"])
    }
    try packColumn(
      db, packer: packer, select: "SELECT rowid, totals FROM aggregate",
      insert: """
        INSERT INTO aggregate_compact (run_id, kind, company, name, conversations, mean_score, totals)
        SELECT run_id, kind, company, name, conversations, mean_score, ? FROM aggregate WHERE rowid = ?
        """)
    try db.drop(table: "aggregate")
    try db.rename(table: "aggregate_compact", to: "aggregate")
  }

  /// Every conversation's result text, unit by unit in ordinal order, into blocks.
  private static func moveResultsIntoBlocks(_ db: Database, packer: StoreBlobPacker) throws {
    let insert = try db.makeStatement(
      sql: "INSERT INTO result_block (unit_key, first_ordinal, count, results) VALUES (?, ?, ?, ?)")
    var unitKey: String?
    var first = 0
    var lines: [String] = []
    func flush() throws {
      guard let unitKey, !lines.isEmpty else { return }
      for block in ResultBlocks.pack(lines, packer: packer) {
        try insert.execute(arguments: [unitKey, first + block.firstOrdinal, block.count, Data(block.blob)])
      }
      lines.removeAll(keepingCapacity: true)
    }
    let rows = try Row.fetchCursor(
      db, sql: "SELECT unit_key, ordinal, result FROM conversation ORDER BY unit_key, ordinal")
    while let row = try rows.next() {
      let key: String = row[0]
      let ordinal: Int = row[1]
      // A block holds consecutive ordinals of one unit.
      if key != unitKey || ordinal != first + lines.count {
        try flush()
        unitKey = key
        first = ordinal
      }
      lines.append(row[2])
    }
    try flush()
  }

  /// Copies a table's rows into its compact twin, the JSON text of `totals` compressed.
  private static func packColumn(_ db: Database, packer: StoreBlobPacker, select: String, insert: String) throws {
    let statement = try db.makeStatement(sql: insert)
    let rows = try Row.fetchCursor(db, sql: select)
    while let row = try rows.next() {
      let rowID: Int64 = row[0]
      let text: String = row[1]
      try statement.execute(arguments: [Data(packer.pack(text)), rowID])
    }
  }
}
