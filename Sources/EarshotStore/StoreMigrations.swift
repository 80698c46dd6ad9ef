import GRDB

/// The store's schema, as named, append-only migrations.
///
/// Never edit a registered migration: add a new one. Each runs in its own transaction, and the
/// applied names are kept in `grdb_migrations`. The schema is documented in `docs/store.md`.
enum StoreMigrations {
  /// The first migration's name.
  static let first = "v1-runs-files-results-aggregates"
  /// The migration to compact rows and compressed results.
  static let compact = "v2-compact-store"

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration(first) { db in
      try db.create(table: "run") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("started_at", .text).notNull()
        table.column("finished_at", .text)
        table.column("status", .text).notNull()
          .check(sql: "status IN ('running', 'succeeded', 'failed', 'interrupted')")
        table.column("fingerprint", .text).notNull()
        table.column("tool_version", .text).notNull()
        table.column("schema_version", .integer).notNull()
        table.column("inputs", .text).notNull()
        for counter in [
          "files_new", "files_changed", "files_rescored", "files_unchanged", "files_removed", "files_failed",
          "conversations_scored", "conversations_total",
        ] {
          table.column(counter, .integer).notNull().defaults(to: 0)
        }
        table.column("mean_score", .double)
      }
      try db.create(table: "input_file") { table in
        table.primaryKey("path", .text)
        table.column("unit_key", .text).notNull().indexed()
        table.column("size", .integer).notNull()
        table.column("mtime_ns", .integer).notNull()
        table.column("content_hash", .text)
        table.column("fingerprint", .text).notNull()
        table.column("status", .text).notNull().indexed().check(sql: "status IN ('current', 'failed', 'removed')")
        table.column("diagnostics", .text).notNull().defaults(to: "[]")
        table.column("first_run_id", .integer).notNull()
        table.column("scored_run_id", .integer)
        table.column("removed_run_id", .integer)
      }
      try db.create(table: "conversation") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("unit_key", .text).notNull()
        table.column("ordinal", .integer).notNull()
        table.column("conversation_id", .text).notNull()
        table.column("source_file", .text).notNull()
        table.column("company", .text).notNull()
        table.column("channel", .text).notNull()
        table.column("agents", .text).notNull()
        table.column("started_at", .text)
        table.column("day", .text)
        table.column("score", .double).notNull().indexed()
        table.column("fingerprint", .text).notNull()
        table.column("run_id", .integer).notNull()
        table.column("result", .text).notNull()
        table.uniqueKey(["unit_key", "ordinal"])
      }
      try db.create(table: "conversation_agent") { table in
        table.column("conversation_row", .integer).notNull().indexed()
          .references("conversation", onDelete: .cascade)
        table.column("company", .text).notNull()
        table.column("agent", .text).notNull()
      }
      try db.create(
        index: "conversation_agent_on_company_agent", on: "conversation_agent", columns: ["company", "agent"])
      try db.create(table: "finding") { table in
        table.column("conversation_row", .integer).notNull().indexed()
          .references("conversation", onDelete: .cascade)
        table.column("ordinal", .integer).notNull()
        table.column("detector", .text).notNull().indexed()
        table.column("category", .text).notNull()
        table.column("severity", .text).notNull()
        table.column("reason", .text).notNull()
        table.column("turn", .integer)
        table.column("speaker", .text)
        table.column("evidence", .text)
      }
      // Mergeable totals of each unit, so a run's aggregates are a merge of small partials
      // rather than a re-read of every stored result.
      try db.create(table: "unit_totals") { table in
        table.primaryKey("unit_key", .text)
        table.column("totals", .text).notNull()
      }
      try db.create(table: "aggregate") { table in
        table.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
        table.column("kind", .text).notNull()
        table.column("company", .text).notNull()
        table.column("name", .text).notNull()
        table.column("conversations", .integer).notNull()
        table.column("mean_score", .double)
        table.column("totals", .text).notNull()
        table.primaryKey(["run_id", "kind", "company", "name"])
      }
    }
    // Results as compressed blocks, findings and conversations without text the blocks hold, totals
    // compressed, indexes no query uses dropped (issue 14: a store no larger than its input).
    migrator.registerMigration(compact) { db in try CompactStoreMigration.sqlite(db) }
    return migrator
  }
}
