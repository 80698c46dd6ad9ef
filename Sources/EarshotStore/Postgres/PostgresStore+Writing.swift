import EarshotModel
import EarshotScoring
import Foundation
import NIOCore
import PostgresNIO

/// The writing half of the store protocol: every batch is one transaction of a few statements whose
/// rows travel as arrays (`UNNEST`), so a batch of 64 units costs the same handful of round trips
/// as a batch of one. Nullable values travel as a value array plus a Boolean "is null" array,
/// because postgres-nio encodes no arrays of optionals.
extension PostgresStore {
  public func beginRun(inputs: [String], fingerprint: String, toolVersion: String, startedAt: Date) throws -> Int64 {
    let id = try transaction {
      // A `running` run whose process died no longer holds its run lock (the server dropped it with
      // the connection); runs of other shards that are still writing do, and are left alone.
      try run(
        """
        UPDATE run SET status = 'interrupted' WHERE status = 'running' AND NOT EXISTS (
          SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND classid = \(PostgresLockKeys.runNamespace)::oid AND objid = run.id::oid AND objsubid = 2)
        """)
      let id =
        try run(
          """
          INSERT INTO run (started_at, status, fingerprint, tool_version, schema_version, inputs)
          VALUES (\(ResultCoding.timestamp(startedAt)), 'running', \(fingerprint), \(toolVersion),
            \(Int64(ConversationResult.schemaVersion)), \(ResultCoding.encode(inputs))) RETURNING id
          """
        ).map { try $0.decode(Int64.self) }.first ?? 0
      // Taken before the row is visible to others (this transaction has not committed yet), so no
      // other run can ever see this one `running` without its lock.
      try run("SELECT pg_advisory_lock(\(PostgresLockKeys.runNamespace), \(Int32(truncatingIfNeeded: id)))")
      return id
    }
    committedTotals.begin(runID: id)
    return id
  }

  public func files() throws -> [String: StoredFile] {
    var files: [String: StoredFile] = [:]
    for row in try run(
      "SELECT path, unit_key, size, mtime_ns, content_hash, fingerprint, status FROM input_file")
    {
      let (path, unitKey, size, mtime, hash, fingerprint, status) = try row.decode(
        (String, String, Int64, Int64, String?, String, String).self)
      files[path] = StoredFile(
        path: path, unitKey: unitKey, stamp: FileStamp(size: size, modifiedNanoseconds: mtime), contentHash: hash,
        fingerprint: fingerprint, status: FileStatus(rawValue: status) ?? .failed)
    }
    return files
  }

  public func markRemoved(_ paths: [String], runID: Int64) throws {
    guard !paths.isEmpty else { return }
    try transaction {
      // The SQLite store removes path by path; the same outcome is computed here from one read of
      // the affected units, then written in three statements.
      var rows: [String: (unitKey: String, removed: Bool)] = [:]
      for row in try run(
        """
        SELECT path, unit_key, status FROM input_file WHERE unit_key IN (
          SELECT unit_key FROM input_file WHERE path = ANY(\(paths)))
        """)
      {
        let (path, unitKey, status) = try row.decode((String, String, String).self)
        rows[path] = (unitKey, status == FileStatus.removed.rawValue)
      }
      var removed: [String] = []
      var cleared = Set<String>()
      var units = Set<String>()
      for path in paths {
        guard let unitKey = rows[path]?.unitKey else { continue }
        rows[path]?.removed = true
        removed.append(path)
        units.insert(unitKey)
        for (other, row) in rows where row.unitKey == unitKey && !row.removed { cleared.insert(other) }
      }
      let unitKeys = units.sorted()
      try run(
        "UPDATE input_file SET status = 'removed', removed_run_id = \(runID) WHERE path = ANY(\(removed))")
      try run("UPDATE input_file SET content_hash = NULL WHERE path = ANY(\(cleared.sorted()))")
      try run("DELETE FROM conversation WHERE unit_key = ANY(\(unitKeys))")
      try run("DELETE FROM result_block WHERE unit_key = ANY(\(unitKeys))")
      try run("DELETE FROM unit_totals WHERE unit_key = ANY(\(unitKeys))")
    }
  }

  public func write(_ units: [ProcessedUnit], runID: Int64, fingerprint: String, counts: RunCounts) throws {
    // Encoded and compressed exactly as SQLite's, before any statement is sent.
    let encoded = try StoreEncoder().encode(units)
    try transaction {
      if !encoded.isEmpty { try writeUnits(encoded, runID: runID, fingerprint: fingerprint) }
      try updateCounts(runID: runID, counts: counts)
    }
    committedTotals.committed(encoded, runID: runID)
  }

  private func writeUnits(_ encoded: [EncodedUnit], runID: Int64, fingerprint: String) throws {
    let keys = encoded.map(\.key)
    // Conversations first: agents and findings cascade with them.
    try run("DELETE FROM conversation WHERE unit_key = ANY(\(keys))")
    try run("DELETE FROM result_block WHERE unit_key = ANY(\(keys))")
    try run("DELETE FROM unit_totals WHERE unit_key = ANY(\(keys))")
    var rows = ConversationRows()
    for unit in encoded { rows.append(unit) }
    if !rows.unitKeys.isEmpty {
      try run(
        """
        INSERT INTO conversation (unit_key, ordinal, conversation_id, company, channel, started_at, score, run_id)
        SELECT u, o, i, c, ch, CASE WHEN sn THEN NULL ELSE s END, sc, \(runID)
        FROM UNNEST(\(rows.unitKeys)::text[], \(rows.ordinals)::int8[], \(rows.ids)::text[], \(rows.companies)::text[],
          \(rows.channels)::text[], \(rows.started)::text[], \(rows.startedNull)::bool[], \(rows.scores)::float8[])
          AS t(u, o, i, c, ch, s, sn, sc)
        """)
    }
    if !rows.agentUnit.isEmpty {
      try run(
        """
        INSERT INTO conversation_agent (conversation_row, company, agent)
        SELECT conversation.id, t.c, t.a
        FROM UNNEST(\(rows.agentUnit)::text[], \(rows.agentOrdinal)::int8[], \(rows.agentCompany)::text[],
          \(rows.agentName)::text[]) WITH ORDINALITY AS t(u, o, c, a, n)
        JOIN conversation ON conversation.unit_key = t.u AND conversation.ordinal = t.o ORDER BY t.n
        """)
    }
    if !rows.findingUnit.isEmpty {
      try run(
        """
        INSERT INTO finding (conversation_row, ordinal, detector, category, severity, turn)
        SELECT conversation.id, t.fo, t.de, t.ca, t.se, CASE WHEN t.tn THEN NULL ELSE t.tu END
        FROM UNNEST(\(rows.findingUnit)::text[], \(rows.findingConversation)::int8[], \(rows.findingOrdinal)::int8[],
          \(rows.detectors)::text[], \(rows.categories)::text[], \(rows.severities)::text[], \(rows.turns)::int8[],
          \(rows.turnNull)::bool[]) WITH ORDINALITY AS t(u, o, fo, de, ca, se, tu, tn, n)
        JOIN conversation ON conversation.unit_key = t.u AND conversation.ordinal = t.o ORDER BY t.n
        """)
    }
    if !rows.blockUnit.isEmpty {
      try run(
        """
        INSERT INTO result_block (unit_key, first_ordinal, count, results)
        SELECT * FROM UNNEST(\(rows.blockUnit)::text[], \(rows.blockFirst)::int8[], \(rows.blockCount)::int8[],
          \(rows.blocks)::bytea[])
        """)
    }
    let totals = encoded.map { ByteBuffer(bytes: $0.totals) }
    try run("INSERT INTO unit_totals (unit_key, totals) SELECT * FROM UNNEST(\(keys)::text[], \(totals)::bytea[])")
    var files = FileRows()
    for unit in encoded {
      for file in unit.files {
        files.paths.append(file.path)
        files.units.append(unit.key)
        files.sizes.append(file.size)
        files.mtimes.append(file.modifiedNanoseconds)
        files.hashes.append(file.contentHash)
        files.statuses.append(file.status.rawValue)
        files.diagnostics.append(file.diagnostics)
      }
    }
    guard !files.paths.isEmpty else { return }
    try run(
      """
      INSERT INTO input_file (path, unit_key, size, mtime_ns, content_hash, fingerprint, status, diagnostics,
        first_run_id, scored_run_id, removed_run_id)
      SELECT p, u, s, m, h, \(fingerprint), st, d, \(runID), \(runID), NULL
      FROM UNNEST(\(files.paths)::text[], \(files.units)::text[], \(files.sizes)::int8[], \(files.mtimes)::int8[],
        \(files.hashes)::text[], \(files.statuses)::text[], \(files.diagnostics)::text[]) AS t(p, u, s, m, h, st, d)
      ON CONFLICT (path) DO UPDATE SET unit_key = excluded.unit_key, size = excluded.size,
        mtime_ns = excluded.mtime_ns, content_hash = excluded.content_hash, fingerprint = excluded.fingerprint,
        status = excluded.status, diagnostics = excluded.diagnostics, scored_run_id = excluded.scored_run_id,
        removed_run_id = NULL
      """)
  }

  public func updateStamps(_ stamps: [(path: String, stamp: FileStamp)]) throws {
    guard !stamps.isEmpty else { return }
    let paths = stamps.map(\.path)
    let sizes = stamps.map(\.stamp.size)
    let mtimes = stamps.map(\.stamp.modifiedNanoseconds)
    try transaction {
      try run(
        """
        UPDATE input_file SET size = t.s, mtime_ns = t.m
        FROM UNNEST(\(paths)::text[], \(sizes)::int8[], \(mtimes)::int8[]) AS t(p, s, m) WHERE input_file.path = t.p
        """)
    }
  }

  @discardableResult
  public func finishRun(id: Int64, counts: RunCounts, finishedAt: Date, status: String = "succeeded") throws
    -> Aggregation
  {
    let aggregation = try transaction {
      // As SQLite's finishRun: this run's merged totals when the database holds only its units (never
      // with other shards), else every stored unit's totals merged.
      let stored = try run("SELECT unit_key FROM unit_totals").map { try $0.decode(String.self) }
      let aggregation = try committedTotals.aggregation(runID: id, storedKeys: stored) ?? currentAggregation()
      let groups = TotalsCoding.sortedGroups(aggregation)
      if !groups.isEmpty {
        let kinds = groups.map(\.key.kind.rawValue)
        let companies = groups.map(\.key.company)
        let names = groups.map(\.key.name)
        let conversations = groups.map { Int64($0.value.conversations) }
        let means = groups.map { $0.value.meanScore ?? 0 }
        let meanNull = groups.map { $0.value.meanScore == nil }
        let packer = StoreBlobPacker()
        let totals = groups.map {
          ByteBuffer(bytes: TotalsCoding.encode($0.value).withUnsafeBytes { packer.pack($0) })
        }
        try run(
          """
          INSERT INTO aggregate (run_id, kind, company, name, conversations, mean_score, totals)
          SELECT \(id), k, c, n, v, CASE WHEN mn THEN NULL ELSE m END, t
          FROM UNNEST(\(kinds)::text[], \(companies)::text[], \(names)::text[], \(conversations)::int8[],
            \(means)::float8[], \(meanNull)::bool[], \(totals)::bytea[]) AS u(k, c, n, v, m, mn, t)
          """)
      }
      var final = counts
      var mean: Double?
      for row in try run("SELECT COUNT(*), AVG(score) FROM conversation") {
        let (total, average) = try row.decode((Int64, Double?).self)
        final.conversationsTotal = Int(total)
        mean = average
      }
      try updateCounts(runID: id, counts: final)
      try run(
        """
        UPDATE run SET status = \(status), finished_at = \(ResultCoding.timestamp(finishedAt)), mean_score = \(mean)
        WHERE id = \(id)
        """)
      return aggregation
    }
    try releaseRunLock(id)
    return aggregation
  }

  public func abandonRun(id: Int64, counts: RunCounts, finishedAt: Date) throws {
    try transaction {
      try updateCounts(runID: id, counts: counts)
      try run(
        "UPDATE run SET status = 'failed', finished_at = \(ResultCoding.timestamp(finishedAt)) WHERE id = \(id)")
    }
    try releaseRunLock(id)
  }

  private func releaseRunLock(_ id: Int64) throws {
    try run("SELECT pg_advisory_unlock(\(PostgresLockKeys.runNamespace), \(Int32(truncatingIfNeeded: id)))")
  }

  func updateCounts(runID: Int64, counts: RunCounts) throws {
    try run(
      """
      UPDATE run SET files_new = \(Int64(counts.new)), files_changed = \(Int64(counts.changed)),
        files_rescored = \(Int64(counts.rescored)), files_unchanged = \(Int64(counts.unchanged)),
        files_removed = \(Int64(counts.removed)), files_failed = \(Int64(counts.failed)),
        conversations_scored = \(Int64(counts.conversationsScored)),
        conversations_total = \(Int64(counts.conversationsTotal)) WHERE id = \(runID)
      """)
  }
}

/// One batch's conversations, agents, findings and result blocks as column arrays.
private struct ConversationRows {
  var unitKeys: [String] = []
  var ordinals: [Int64] = []
  var ids: [String] = []
  var companies: [String] = []
  var channels: [String] = []
  var started: [String] = []
  var startedNull: [Bool] = []
  var scores: [Double] = []
  var agentUnit: [String] = []
  var agentOrdinal: [Int64] = []
  var agentCompany: [String] = []
  var agentName: [String] = []
  var findingUnit: [String] = []
  var findingConversation: [Int64] = []
  var findingOrdinal: [Int64] = []
  var detectors: [String] = []
  var categories: [String] = []
  var severities: [String] = []
  var turns: [Int64] = []
  var turnNull: [Bool] = []
  var blockUnit: [String] = []
  var blockFirst: [Int64] = []
  var blockCount: [Int64] = []
  var blocks: [ByteBuffer] = []

  mutating func append(_ unit: EncodedUnit) {
    for (index, row) in unit.conversations.enumerated() {
      let ordinal = Int64(index)
      unitKeys.append(unit.key)
      ordinals.append(ordinal)
      ids.append(row.conversationID)
      companies.append(row.company)
      channels.append(row.channel)
      started.append(row.startedAt ?? "")
      startedNull.append(row.startedAt == nil)
      scores.append(row.score)
      for agent in row.agents {
        agentUnit.append(unit.key)
        agentOrdinal.append(ordinal)
        agentCompany.append(row.company)
        agentName.append(agent)
      }
      for (position, finding) in row.findings.enumerated() {
        findingUnit.append(unit.key)
        findingConversation.append(ordinal)
        findingOrdinal.append(Int64(position))
        detectors.append(finding.detector)
        categories.append(finding.category)
        severities.append(finding.severity)
        turns.append(Int64(finding.turn ?? 0))
        turnNull.append(finding.turn == nil)
      }
    }
    for block in unit.blocks {
      blockUnit.append(unit.key)
      blockFirst.append(Int64(block.firstOrdinal))
      blockCount.append(Int64(block.count))
      blocks.append(ByteBuffer(bytes: block.blob))
    }
  }
}

/// One batch's input files as column arrays.
private struct FileRows {
  var paths: [String] = []
  var units: [String] = []
  var sizes: [Int64] = []
  var mtimes: [Int64] = []
  var hashes: [String] = []
  var statuses: [String] = []
  var diagnostics: [String] = []
}
