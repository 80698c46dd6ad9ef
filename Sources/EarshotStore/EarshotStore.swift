import EarshotModel
import EarshotScoring
import Foundation
import GRDB

/// The SQLite store: runs, input files with content hashes, conversation results, findings and
/// per-run aggregates, so nightly runs are incremental and history is kept.
///
/// One `EarshotStore` is the one connection to its file. Writes happen in explicit transactions,
/// one per batch of processed files, so a run killed halfway leaves a consistent store and the next
/// run picks up where it stopped. Writers also hold a ``StoreLock``. The schema is in
/// `docs/store.md`.
///
/// ## Topics
///
/// ### Opening
/// - ``init(path:)``
/// - ``defaultPath(environment:)``
///
/// ### Running
/// - ``beginRun(inputs:fingerprint:toolVersion:startedAt:)``
/// - ``write(_:runID:fingerprint:counts:)``
/// - ``markRemoved(_:runID:)``
/// - ``finishRun(id:counts:finishedAt:)``
///
/// ### Reading
/// - ``files()``
/// - ``runs()``
/// - ``aggregation(runID:)``
public final class EarshotStore: ListeningStore {
  /// The database file's path.
  public let path: String
  /// The path, as messages name the store.
  public var displayName: String { path }
  let queue: DatabaseQueue
  /// What this process's current run committed, merged (``CommittedTotals``).
  let committedTotals = CommittedTotals()

  /// The default store path: `$XDG_DATA_HOME/earshot/earshot.sqlite`, else
  /// `~/.local/share/earshot/earshot.sqlite`.
  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let data = environment["XDG_DATA_HOME"], !data.isEmpty, data.hasPrefix("/") {
      return data + "/earshot/earshot.sqlite"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.local/share/earshot/earshot.sqlite"
  }

  /// Opens (creating when missing) the store at `path` and applies pending migrations.
  ///
  /// - Throws: when the file cannot be opened or migrated.
  public init(path: String) throws {
    self.path = path
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      try FileError.attempt("cannot create the store's folder", folder) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      }
    }
    var configuration = Configuration()
    // A report may read while a run writes: wait for the writer's transaction instead of failing.
    configuration.busyMode = .timeout(30)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // A batch of units dirties a few megabytes of pages: with SQLite's default 2 MB cache they were
      // spilled to the WAL mid-transaction and read back. 16 MB at most (pages are allocated as used).
      try db.execute(sql: "PRAGMA cache_size = -16384")
    }
    // A damaged or foreign file fails here ("file is not a database"): say which file, on one line.
    queue = try FileError.attempt("cannot open the store", path) {
      try DatabaseQueue(path: path, configuration: configuration)
    }
    let migrator = StoreMigrations.migrator
    let applied = try FileError.attempt("cannot read the store", path) {
      try queue.read { db in try migrator.appliedIdentifiers(db) }
    }
    let unknown = applied.subtracting(migrator.migrations)
    guard unknown.isEmpty else {
      // A newer Earshot changed the schema; writing with the old one could lose its data.
      throw StoreError.newerSchema(path: path, migrations: unknown.sorted())
    }
    try FileError.attempt("cannot update the store's schema", path) {
      try migrator.migrate(queue)
      // Converting a store to compact rows frees most of its pages: give them back to the file
      // system once (VACUUM rewrites the file; it cannot run inside the migration's transaction).
      if applied.contains(StoreMigrations.first) && !applied.contains(StoreMigrations.compact) { try queue.vacuum() }
    }
  }

  /// The names of the migrations applied to this store, in order.
  public func appliedMigrations() throws -> [String] {
    try queue.read { db in try StoreMigrations.migrator.appliedMigrations(db) }
  }

  /// The names of every migration this build knows, in order.
  public static var knownMigrations: [String] { StoreMigrations.migrator.migrations }

  // MARK: - Runs

  /// Starts a run: runs left `running` by a killed process become `interrupted`, and a new
  /// `running` row is created.
  ///
  /// - Returns: the new run's id.
  public func beginRun(inputs: [String], fingerprint: String, toolVersion: String, startedAt: Date) throws -> Int64 {
    let id = try queue.write { db in
      try db.execute(sql: "UPDATE run SET status = 'interrupted' WHERE status = 'running'")
      try db.execute(
        sql: """
          INSERT INTO run (started_at, status, fingerprint, tool_version, schema_version, inputs)
          VALUES (?, 'running', ?, ?, ?, ?)
          """,
        arguments: [
          ResultCoding.timestamp(startedAt), fingerprint, toolVersion, ConversationResult.schemaVersion,
          ResultCoding.encode(inputs),
        ])
      return db.lastInsertedRowID
    }
    committedTotals.begin(runID: id)
    return id
  }

  /// Every file the store knows (removed ones included), by path.
  public func files() throws -> [String: StoredFile] {
    try queue.read { db in
      var files: [String: StoredFile] = [:]
      let rows = try Row.fetchCursor(
        db, sql: "SELECT path, unit_key, size, mtime_ns, content_hash, fingerprint, status FROM input_file")
      while let row = try rows.next() {
        let path: String = row["path"]
        files[path] = StoredFile(
          path: path, unitKey: row["unit_key"],
          stamp: FileStamp(size: row["size"], modifiedNanoseconds: row["mtime_ns"]),
          contentHash: row["content_hash"], fingerprint: row["fingerprint"],
          status: FileStatus(rawValue: row["status"]) ?? .failed)
      }
      return files
    }
  }

  /// Marks files gone from the inputs as removed and deletes their results, in one transaction.
  ///
  /// The other files of a group that lost a file are marked for re-reading (their hash is
  /// cleared), because the group's conversations are rebuilt from all its files.
  public func markRemoved(_ paths: [String], runID: Int64) throws {
    guard !paths.isEmpty else { return }
    try queue.write { db in
      for path in paths {
        guard
          let unitKey = try String.fetchOne(
            db, sql: "SELECT unit_key FROM input_file WHERE path = ?", arguments: [path])
        else { continue }
        try db.execute(
          sql: "UPDATE input_file SET status = 'removed', removed_run_id = ? WHERE path = ?", arguments: [runID, path])
        try db.execute(
          sql: "UPDATE input_file SET content_hash = NULL WHERE unit_key = ? AND status != 'removed'",
          arguments: [unitKey])
        try deleteResults(db, unitKey: unitKey)
      }
    }
  }

  /// Writes processed units in one transaction: their old results are replaced, their files
  /// recorded with hash, stamp and fingerprint, and the run's progress counts updated.
  ///
  /// A run killed before this commits leaves the units as they were, so the next run redoes them.
  /// The units are encoded and compressed before the transaction opens, so a report that reads
  /// meanwhile waits only for the inserts.
  public func write(_ units: [ProcessedUnit], runID: Int64, fingerprint: String, counts: RunCounts) throws {
    let encoded = try StoreEncoder().encode(units)
    try queue.write { db in
      for unit in encoded {
        try deleteResults(db, unitKey: unit.key)
        try insert(db, unit, runID: runID)
        let upsert = try db.cachedStatement(
          sql: """
            INSERT INTO input_file (path, unit_key, size, mtime_ns, content_hash, fingerprint, status, diagnostics,
              first_run_id, scored_run_id, removed_run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
            ON CONFLICT(path) DO UPDATE SET unit_key = excluded.unit_key, size = excluded.size,
              mtime_ns = excluded.mtime_ns, content_hash = excluded.content_hash, fingerprint = excluded.fingerprint,
              status = excluded.status, diagnostics = excluded.diagnostics, scored_run_id = excluded.scored_run_id,
              removed_run_id = NULL
            """)
        for file in unit.files {
          try upsert.execute(arguments: [
            file.path, unit.key, file.size, file.modifiedNanoseconds, file.contentHash, fingerprint,
            file.status.rawValue, file.diagnostics, runID, runID,
          ])
        }
      }
      try updateCounts(db, runID: runID, counts: counts)
    }
    committedTotals.committed(encoded, runID: runID)
  }

  /// Records that unchanged files were touched (same content, new modification time), so the
  /// next run's fast pre-check matches again without hashing.
  public func updateStamps(_ stamps: [(path: String, stamp: FileStamp)]) throws {
    guard !stamps.isEmpty else { return }
    try queue.write { db in
      for (path, stamp) in stamps {
        try db.execute(
          sql: "UPDATE input_file SET size = ?, mtime_ns = ? WHERE path = ?",
          arguments: [stamp.size, stamp.modifiedNanoseconds, path])
      }
    }
  }

  /// Finishes a run: its aggregates are recomputed from the stored results of current files
  /// (merging each unit's totals, in unit order) and stored with the run, in one transaction.
  ///
  /// - Returns: the run's aggregation.
  @discardableResult
  public func finishRun(id: Int64, counts: RunCounts, finishedAt: Date, status: String = "succeeded") throws
    -> Aggregation
  {
    try queue.write { db in
      // The totals this run merged as it committed, when the store holds just its units; else a merge
      // of every stored unit's totals (the same sums, in the same order).
      let stored = try String.fetchAll(db, sql: "SELECT unit_key FROM unit_totals")
      let aggregation = try committedTotals.aggregation(runID: id, storedKeys: stored) ?? currentAggregation(db)
      let packer = StoreBlobPacker()
      let insert = try db.makeStatement(
        sql: """
          INSERT INTO aggregate (run_id, kind, company, name, conversations, mean_score, totals)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """)
      for (key, totals) in TotalsCoding.sortedGroups(aggregation) {
        try insert.execute(arguments: [
          id, key.kind.rawValue, key.company, key.name, totals.conversations, totals.meanScore,
          Data(TotalsCoding.encode(totals).withUnsafeBytes { packer.pack($0) }),
        ])
      }
      var final = counts
      final.conversationsTotal = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversation") ?? 0
      try updateCounts(db, runID: id, counts: final)
      let mean = try Double.fetchOne(db, sql: "SELECT AVG(score) FROM conversation")
      try db.execute(
        sql: "UPDATE run SET status = ?, finished_at = ?, mean_score = ? WHERE id = ?",
        arguments: [status, ResultCoding.timestamp(finishedAt), mean, id])
      return aggregation
    }
  }

  // MARK: - Writing helpers

  private func deleteResults(_ db: Database, unitKey: String) throws {
    // Agents and findings go with their conversations (cascade).
    for table in ["conversation", "result_block", "unit_totals"] {
      try db.cachedStatement(sql: "DELETE FROM \(table) WHERE unit_key = ?").execute(arguments: [unitKey])
    }
  }

  /// One unit's conversations, agents, findings, result blocks and totals, with statements prepared
  /// once per connection (GRDB's cache), not once per row, and values bound directly (``RowInsert``).
  private func insert(_ db: Database, _ unit: EncodedUnit, runID: Int64) throws {
    let conversation = try RowInsert(
      db,
      sql: """
        INSERT INTO conversation (unit_key, ordinal, conversation_id, company, channel, started_at, score, run_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let agent = try RowInsert(
      db, sql: "INSERT INTO conversation_agent (conversation_row, company, agent) VALUES (?, ?, ?)")
    let finding = try RowInsert(
      db,
      sql: """
        INSERT INTO finding (conversation_row, ordinal, detector, category, severity, turn) VALUES (?, ?, ?, ?, ?, ?)
        """)
    for ordinal in unit.conversations.indices {
      let row = unit.conversations[ordinal]
      conversation.bind(1, unit.key)
      conversation.bind(2, ordinal)
      conversation.bind(3, row.conversationID)
      conversation.bind(4, row.company)
      conversation.bind(5, row.channel)
      conversation.bind(6, row.startedAt)
      conversation.bind(7, row.score)
      conversation.bind(8, runID)
      try conversation.run()
      let id = db.lastInsertedRowID
      for name in row.agents {
        agent.bind(1, id)
        agent.bind(2, row.company)
        agent.bind(3, name)
        try agent.run()
      }
      for index in row.findings.indices {
        let item = row.findings[index]
        finding.bind(1, id)
        finding.bind(2, index)
        finding.bind(3, item.detector)
        finding.bind(4, item.category)
        finding.bind(5, item.severity)
        finding.bind(6, item.turn)
        try finding.run()
      }
    }
    let block = try RowInsert(
      db, sql: "INSERT INTO result_block (unit_key, first_ordinal, count, results) VALUES (?, ?, ?, ?)")
    for item in unit.blocks {
      block.bind(1, unit.key)
      block.bind(2, item.firstOrdinal)
      block.bind(3, item.count)
      block.bind(4, item.blob)
      try block.run()
    }
    let totals = try RowInsert(db, sql: "INSERT INTO unit_totals (unit_key, totals) VALUES (?, ?)")
    totals.bind(1, unit.key)
    totals.bind(2, unit.totals)
    try totals.run()
  }

  func updateCounts(_ db: Database, runID: Int64, counts: RunCounts) throws {
    try db.execute(
      sql: """
        UPDATE run SET files_new = ?, files_changed = ?, files_rescored = ?, files_unchanged = ?, files_removed = ?,
          files_failed = ?, conversations_scored = ?, conversations_total = ? WHERE id = ?
        """,
      arguments: [
        counts.new, counts.changed, counts.rescored, counts.unchanged, counts.removed, counts.failed,
        counts.conversationsScored, counts.conversationsTotal, runID,
      ])
  }
}

extension EarshotStore {
  /// Marks a run that stopped on an error as `failed`, keeping what it committed.
  public func abandonRun(id: Int64, counts: RunCounts, finishedAt: Date) throws {
    try queue.write { db in
      try updateCounts(db, runID: id, counts: counts)
      try db.execute(
        sql: "UPDATE run SET status = 'failed', finished_at = ? WHERE id = ?",
        arguments: [ResultCoding.timestamp(finishedAt), id])
    }
  }
}
