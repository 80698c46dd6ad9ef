import EarshotScoring
import Foundation
import GRDB

extension EarshotStore {
  /// Every run, oldest first.
  public func runs() throws -> [RunRecord] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id").map { row in
        var counts = RunCounts()
        counts.new = row["files_new"]
        counts.changed = row["files_changed"]
        counts.rescored = row["files_rescored"]
        counts.unchanged = row["files_unchanged"]
        counts.removed = row["files_removed"]
        counts.failed = row["files_failed"]
        counts.conversationsScored = row["conversations_scored"]
        counts.conversationsTotal = row["conversations_total"]
        return RunRecord(
          id: row["id"], startedAt: ResultCoding.date(row["started_at"]) ?? Date(timeIntervalSince1970: 0),
          finishedAt: ResultCoding.date(row["finished_at"]), status: row["status"], fingerprint: row["fingerprint"],
          toolVersion: row["tool_version"], counts: counts, meanScore: row["mean_score"])
      }
    }
  }

  /// The aggregates stored with a run.
  public func aggregation(runID: Int64) throws -> Aggregation {
    try queue.read { db in
      var aggregation = Aggregation()
      let unpacker = StoreBlobUnpacker()
      let rows = try Row.fetchCursor(
        db, sql: "SELECT kind, company, name, totals FROM aggregate WHERE run_id = ?", arguments: [runID])
      while let row = try rows.next() {
        guard let kind = GroupKind(rawValue: row["kind"]) else { continue }
        let key = GroupKey(kind: kind, company: row["company"], name: row["name"])
        aggregation.groups[key] = try ResultCoding.decodeTotals(
          blob: row["totals"] as Data, what: "the \(kind.rawValue) totals of run \(runID) for \(key)",
          unpacker: unpacker)
      }
      return aggregation
    }
  }

  /// The store's current contents merged: every unit's totals in unit-key order, as `finishRun`
  /// merges them (SQLite compares text byte by byte, as PostgreSQL's `COLLATE "C"` does).
  public func currentAggregation() throws -> Aggregation {
    try queue.read { db in try currentAggregation(db) }
  }

  func currentAggregation(_ db: Database) throws -> Aggregation {
    var aggregation = Aggregation()
    let unpacker = StoreBlobUnpacker()
    let rows = try Row.fetchCursor(db, sql: "SELECT unit_key, totals FROM unit_totals ORDER BY unit_key")
    while let row = try rows.next() {
      aggregation.merge(try ResultCoding.decodeAggregation(blob: row[1] as Data, unitKey: row[0], unpacker: unpacker))
    }
    return aggregation
  }

  /// Counts of current conversations by score bin: `bins` equal bins over 0…100 (100 falls in
  /// the last one).
  public func scoreHistogram(bins: Int = 10) throws -> [Int] {
    try queue.read { db in
      var counts = Array(repeating: 0, count: bins)
      let rows = try Row.fetchCursor(
        db, sql: "SELECT MIN(CAST(score * ? / 100 AS INTEGER), ?) AS bin, COUNT(*) AS n FROM conversation GROUP BY bin",
        arguments: [bins, bins - 1])
      while let row = try rows.next() {
        let bin: Int = row["bin"]
        if counts.indices.contains(bin) { counts[bin] += row["n"] as Int }
      }
      return counts
    }
  }

  /// Findings of current conversations by detector and severity, detectors sorted by name.
  public func findingCounts() throws -> [DetectorFindingCount] {
    try queue.read { db in
      var byDetector: [String: DetectorFindingCount] = [:]
      let rows = try Row.fetchCursor(
        db, sql: "SELECT detector, severity, COUNT(*) AS n FROM finding GROUP BY detector, severity")
      while let row = try rows.next() {
        let detector: String = row["detector"]
        var count = byDetector[detector] ?? DetectorFindingCount(detector: detector, info: 0, minor: 0, major: 0)
        let n: Int = row["n"]
        switch row["severity"] as String {
        case "major": count.major += n
        case "minor": count.minor += n
        default: count.info += n
        }
        byDetector[detector] = count
      }
      return byDetector.values.sorted { $0.detector < $1.detector }
    }
  }

  /// Each company's conversations and mean score after each succeeded run, oldest run first.
  public func companyTrend() throws -> [CompanyTrendPoint] {
    try queue.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT run.id AS run_id, run.finished_at, aggregate.company, aggregate.conversations, aggregate.mean_score
          FROM aggregate JOIN run ON run.id = aggregate.run_id
          WHERE aggregate.kind = 'company' AND run.status = 'succeeded'
          ORDER BY run.id, aggregate.company
          """
      ).map { row in
        CompanyTrendPoint(
          runID: row["run_id"], finishedAt: ResultCoding.date(row["finished_at"]) ?? Date(timeIntervalSince1970: 0),
          company: row["company"], conversations: row["conversations"], meanScore: row["mean_score"])
      }
    }
  }

  /// Every current result as stored (the compact JSON of `conversations.jsonl`), in input order.
  public func currentResultLines() throws -> [String] {
    try queue.read { db in try resultLines(db) }
  }

  private func resultLines(_ db: Database) throws -> [String] {
    var lines: [String] = []
    let unpacker = StoreBlobUnpacker()
    let rows = try Row.fetchCursor(
      db, sql: "SELECT unit_key, first_ordinal, count, results FROM result_block ORDER BY unit_key, first_ordinal")
    while let row = try rows.next() {
      lines += try ResultBlocks.unpack(
        row[3] as Data, unitKey: row[0], firstOrdinal: row[1], count: row[2], unpacker: unpacker)
    }
    return lines
  }

  /// An agent's lowest-scoring current conversations, worst first (ties in input order).
  public func worstConversations(company: String, agent: String, limit: Int) throws -> [ConversationResult] {
    try queue.read { db in
      let unpacker = StoreBlobUnpacker()
      return try Row.fetchAll(
        db,
        sql: """
          SELECT conversation.unit_key, conversation.ordinal, result_block.first_ordinal, result_block.count,
            result_block.results
          FROM conversation
          JOIN conversation_agent ON conversation_agent.conversation_row = conversation.id
          JOIN result_block ON result_block.unit_key = conversation.unit_key
            AND result_block.first_ordinal <= conversation.ordinal
            AND conversation.ordinal < result_block.first_ordinal + result_block.count
          WHERE conversation_agent.company = ? AND conversation_agent.agent = ?
          ORDER BY conversation.score, conversation.unit_key, conversation.ordinal LIMIT ?
          """, arguments: [company, agent, limit]
      ).map { row in
        let (unitKey, ordinal, first, count): (String, Int, Int, Int) = (row[0], row[1], row[2], row[3])
        let lines = try ResultBlocks.unpack(
          row[4] as Data, unitKey: unitKey, firstOrdinal: first, count: count, unpacker: unpacker)
        guard lines.indices.contains(ordinal - first) else {
          throw StoreError.corrupt("the result of conversation \(ordinal) of unit \(unitKey) is in no stored block")
        }
        return try ResultCoding.decodeResult(lines[ordinal - first])
      }
    }
  }

  /// Files that could not be read, with their problems, sorted by path.
  public func failedFiles() throws -> [(path: String, problems: [String])] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT path, diagnostics FROM input_file WHERE status = 'failed' ORDER BY path").map {
        ($0["path"], ResultCoding.decodeStrings($0["diagnostics"]))
      }
    }
  }

  /// A canonical text dump of what the store knows about the inputs: files, results, findings,
  /// unit totals and the latest succeeded run's aggregates, without run ids or timestamps.
  ///
  /// Two stores that went through different runs over the same inputs and configuration have the
  /// same dump; tests use it to show a killed-and-resumed run equals an uninterrupted one.
  public func contentDump() throws -> String {
    try queue.read { db in
      var lines: [String] = []
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT path, unit_key, size, mtime_ns, content_hash, fingerprint, status, diagnostics
          FROM input_file ORDER BY path
          """)
      {
        lines.append(
          "file \(row["path"] as String) \(row["unit_key"] as String) \(row["size"] as Int64) "
            + "\(row["mtime_ns"] as Int64) \(row["content_hash"] as String? ?? "-") \(row["fingerprint"] as String) "
            + "\(row["status"] as String) \(row["diagnostics"] as String)")
      }
      // Results are dumped as their JSON text, the compression being a detail of how they are kept.
      let results = try resultLines(db)
      for (index, row) in try Row.fetchAll(
        db,
        sql: """
          SELECT id, unit_key, ordinal, conversation_id, company, channel, started_at, score FROM conversation
          ORDER BY unit_key, ordinal
          """
      ).enumerated() {
        lines.append(
          "conversation \(row["unit_key"] as String)#\(row["ordinal"] as Int) \(row["conversation_id"] as String) "
            + "\(row["company"] as String) \(row["channel"] as String) \(row["started_at"] as String? ?? "-") "
            + "\(row["score"] as Double) \(results.indices.contains(index) ? results[index] : "(no result)")")
        let rowID: Int64 = row["id"]
        for agent in try String.fetchAll(
          db, sql: "SELECT agent FROM conversation_agent WHERE conversation_row = ? ORDER BY agent", arguments: [rowID])
        {
          lines.append("  agent \(agent)")
        }
        for finding in try Row.fetchAll(
          db,
          sql: """
            SELECT ordinal, detector, category, severity, turn FROM finding WHERE conversation_row = ? ORDER BY ordinal
            """, arguments: [rowID])
        {
          lines.append(
            "  finding \(finding["ordinal"] as Int) \(finding["detector"] as String) "
              + "\(finding["category"] as String) \(finding["severity"] as String) \(finding["turn"] as Int? ?? -1)")
        }
      }
      let unpacker = StoreBlobUnpacker()
      for row in try Row.fetchAll(db, sql: "SELECT unit_key, totals FROM unit_totals ORDER BY unit_key") {
        let unitKey: String = row["unit_key"]
        // As JSON, whichever form the store keeps them in.
        let totals = try ResultCoding.decodeAggregation(
          blob: row["totals"] as Data, unitKey: unitKey, unpacker: unpacker)
        lines.append("totals \(unitKey) \(try ResultCoding.encode(totals))")
      }
      if let latest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM run WHERE status = 'succeeded'") {
        for row in try Row.fetchAll(
          db, sql: "SELECT kind, company, name, totals FROM aggregate WHERE run_id = ? ORDER BY kind, company, name",
          arguments: [latest])
        {
          let totals = try ResultCoding.decodeTotals(
            blob: row["totals"] as Data, what: "the totals of run \(latest)", unpacker: unpacker)
          lines.append(
            "aggregate \(row["kind"] as String) \(row["company"] as String) \(row["name"] as String) "
              + (try ResultCoding.encode(totals)))
        }
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }
}
