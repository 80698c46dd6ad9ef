import EarshotScoring
import Foundation
import NIOCore
import PostgresNIO

/// The reading half of the store protocol: the same queries as the SQLite store's, ordered the same
/// way (text in byte order, `COLLATE "C"`), so reports and dumps match byte for byte.
extension PostgresStore {
  public func runs() throws -> [RunRecord] {
    try run(
      """
      SELECT id, started_at, finished_at, status, fingerprint, tool_version, files_new, files_changed,
        files_rescored, files_unchanged, files_removed, files_failed, conversations_scored, conversations_total,
        mean_score FROM run ORDER BY id
      """
    ).map { row in
      let (
        id, started, finished, status, fingerprint, version, new, changed, rescored, unchanged, removed, failed,
        scored, total, mean
      ) = try row.decode(
        (
          Int64, String, String?, String, String, String, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64,
          Double?
        ).self)
      var counts = RunCounts()
      counts.new = Int(new)
      counts.changed = Int(changed)
      counts.rescored = Int(rescored)
      counts.unchanged = Int(unchanged)
      counts.removed = Int(removed)
      counts.failed = Int(failed)
      counts.conversationsScored = Int(scored)
      counts.conversationsTotal = Int(total)
      return RunRecord(
        id: id, startedAt: ResultCoding.date(started) ?? Date(timeIntervalSince1970: 0),
        finishedAt: ResultCoding.date(finished), status: status, fingerprint: fingerprint, toolVersion: version,
        counts: counts, meanScore: mean)
    }
  }

  public func aggregation(runID: Int64) throws -> Aggregation {
    var aggregation = Aggregation()
    let unpacker = StoreBlobUnpacker()
    for row in try run("SELECT kind, company, name, totals FROM aggregate WHERE run_id = \(runID)") {
      let (kind, company, name, totals) = try row.decode((String, String, String, ByteBuffer).self)
      guard let kind = GroupKind(rawValue: kind) else { continue }
      let key = GroupKey(kind: kind, company: company, name: name)
      aggregation.groups[key] = try ResultCoding.decodeTotals(
        blob: Array(totals.readableBytesView), what: "the \(kind.rawValue) totals of run \(runID) for \(key)",
        unpacker: unpacker)
    }
    return aggregation
  }

  public func currentAggregation() throws -> Aggregation {
    var aggregation = Aggregation()
    let unpacker = StoreBlobUnpacker()
    for row in try run("SELECT unit_key, totals FROM unit_totals ORDER BY unit_key COLLATE \"C\"") {
      let (unitKey, totals) = try row.decode((String, ByteBuffer).self)
      aggregation.merge(
        try ResultCoding.decodeAggregation(blob: Array(totals.readableBytesView), unitKey: unitKey, unpacker: unpacker))
    }
    return aggregation
  }

  public func scoreHistogram(bins: Int = 10) throws -> [Int] {
    var counts = Array(repeating: 0, count: bins)
    // SQLite's CAST(... AS INTEGER) truncates; scores are never negative, so floor is the same bin.
    for row in try run(
      """
      SELECT LEAST(floor(score * \(Int64(bins))::float8 / 100)::int8, \(Int64(bins - 1))) AS bin, COUNT(*)
      FROM conversation GROUP BY bin
      """)
    {
      let (bin, n) = try row.decode((Int64, Int64).self)
      if counts.indices.contains(Int(bin)) { counts[Int(bin)] += Int(n) }
    }
    return counts
  }

  public func findingCounts() throws -> [DetectorFindingCount] {
    var byDetector: [String: DetectorFindingCount] = [:]
    for row in try run("SELECT detector, severity, COUNT(*) FROM finding GROUP BY detector, severity") {
      let (detector, severity, n) = try row.decode((String, String, Int64).self)
      var count = byDetector[detector] ?? DetectorFindingCount(detector: detector, info: 0, minor: 0, major: 0)
      switch severity {
      case "major": count.major += Int(n)
      case "minor": count.minor += Int(n)
      default: count.info += Int(n)
      }
      byDetector[detector] = count
    }
    return byDetector.values.sorted { $0.detector < $1.detector }
  }

  public func companyTrend() throws -> [CompanyTrendPoint] {
    try run(
      """
      SELECT run.id, run.finished_at, aggregate.company, aggregate.conversations, aggregate.mean_score
      FROM aggregate JOIN run ON run.id = aggregate.run_id
      WHERE aggregate.kind = 'company' AND run.status = 'succeeded'
      ORDER BY run.id, aggregate.company COLLATE "C"
      """
    ).map { row in
      let (id, finished, company, conversations, mean) = try row.decode((Int64, String?, String, Int64, Double?).self)
      return CompanyTrendPoint(
        runID: id, finishedAt: ResultCoding.date(finished) ?? Date(timeIntervalSince1970: 0), company: company,
        conversations: Int(conversations), meanScore: mean)
    }
  }

  public func currentResultLines() throws -> [String] {
    var lines: [String] = []
    let unpacker = StoreBlobUnpacker()
    for row in try run(
      "SELECT unit_key, first_ordinal, count, results FROM result_block ORDER BY unit_key COLLATE \"C\", first_ordinal")
    {
      let (unitKey, first, count, blob) = try row.decode((String, Int64, Int64, ByteBuffer).self)
      lines += try ResultBlocks.unpack(
        Array(blob.readableBytesView), unitKey: unitKey, firstOrdinal: Int(first), count: Int(count),
        unpacker: unpacker)
    }
    return lines
  }

  public func worstConversations(company: String, agent: String, limit: Int) throws -> [ConversationResult] {
    let unpacker = StoreBlobUnpacker()
    return try run(
      """
      SELECT conversation.unit_key, conversation.ordinal, result_block.first_ordinal, result_block.count,
        result_block.results
      FROM conversation
      JOIN conversation_agent ON conversation_agent.conversation_row = conversation.id
      JOIN result_block ON result_block.unit_key = conversation.unit_key
        AND result_block.first_ordinal <= conversation.ordinal
        AND conversation.ordinal < result_block.first_ordinal + result_block.count
      WHERE conversation_agent.company = \(company) AND conversation_agent.agent = \(agent)
      ORDER BY conversation.score, conversation.unit_key COLLATE "C", conversation.ordinal LIMIT \(Int64(limit))
      """
    ).map { row in
      let (unitKey, ordinal, first, count, blob) = try row.decode((String, Int64, Int64, Int64, ByteBuffer).self)
      let lines = try ResultBlocks.unpack(
        Array(blob.readableBytesView), unitKey: unitKey, firstOrdinal: Int(first), count: Int(count),
        unpacker: unpacker)
      let index = Int(ordinal - first)
      guard lines.indices.contains(index) else {
        throw StoreError.corrupt("the result of conversation \(ordinal) of unit \(unitKey) is in no stored block")
      }
      return try ResultCoding.decodeResult(lines[index])
    }
  }

  public func failedFiles() throws -> [(path: String, problems: [String])] {
    try run("SELECT path, diagnostics FROM input_file WHERE status = 'failed' ORDER BY path COLLATE \"C\"").map {
      let (path, diagnostics) = try $0.decode((String, String).self)
      return (path, ResultCoding.decodeStrings(diagnostics))
    }
  }

  public func contentDump() throws -> String {
    var lines: [String] = []
    for row in try run(
      """
      SELECT path, unit_key, size, mtime_ns, content_hash, fingerprint, status, diagnostics
      FROM input_file ORDER BY path COLLATE "C"
      """)
    {
      let (path, unitKey, size, mtime, hash, fingerprint, status, diagnostics) = try row.decode(
        (String, String, Int64, Int64, String?, String, String, String).self)
      lines.append("file \(path) \(unitKey) \(size) \(mtime) \(hash ?? "-") \(fingerprint) \(status) \(diagnostics)")
    }
    // Agents and findings of every conversation, read once each and grouped by conversation row.
    var agents: [Int64: [String]] = [:]
    for row in try run(
      "SELECT conversation_row, agent FROM conversation_agent ORDER BY conversation_row, agent COLLATE \"C\"")
    {
      let (conversation, agent) = try row.decode((Int64, String).self)
      agents[conversation, default: []].append(agent)
    }
    var findings: [Int64: [String]] = [:]
    for row in try run(
      "SELECT conversation_row, ordinal, detector, category, severity, turn FROM finding ORDER BY conversation_row, ordinal"
    ) {
      let (conversation, ordinal, detector, category, severity, turn) = try row.decode(
        (Int64, Int64, String, String, String, Int64?).self)
      findings[conversation, default: []].append(
        "  finding \(ordinal) \(detector) \(category) \(severity) \(turn ?? -1)")
    }
    // Results are dumped as their JSON text, the compression being a detail of how they are kept.
    let results = try currentResultLines()
    for (index, row) in try run(
      """
      SELECT id, unit_key, ordinal, conversation_id, company, channel, started_at, score
      FROM conversation ORDER BY unit_key COLLATE "C", ordinal
      """
    ).enumerated() {
      let (id, unitKey, ordinal, conversationID, company, channel, started, score) = try row.decode(
        (Int64, String, Int64, String, String, String, String?, Double).self)
      lines.append(
        "conversation \(unitKey)#\(ordinal) \(conversationID) \(company) \(channel) \(started ?? "-") \(score) "
          + (results.indices.contains(index) ? results[index] : "(no result)"))
      for agent in agents[id] ?? [] { lines.append("  agent \(agent)") }
      lines += findings[id] ?? []
    }
    let unpacker = StoreBlobUnpacker()
    for row in try run("SELECT unit_key, totals FROM unit_totals ORDER BY unit_key COLLATE \"C\"") {
      let (unitKey, totals) = try row.decode((String, ByteBuffer).self)
      // As JSON, whichever form the store keeps them in.
      let aggregation = try ResultCoding.decodeAggregation(
        blob: Array(totals.readableBytesView), unitKey: unitKey, unpacker: unpacker)
      lines.append("totals \(unitKey) \(try ResultCoding.encode(aggregation))")
    }
    let latest = try run("SELECT MAX(id) FROM run WHERE status = 'succeeded'").map { try $0.decode(Int64?.self) }
    if let latest = latest.first ?? nil {
      for row in try run(
        """
        SELECT kind, company, name, totals FROM aggregate WHERE run_id = \(latest)
        ORDER BY kind COLLATE "C", company COLLATE "C", name COLLATE "C"
        """)
      {
        let (kind, company, name, totals) = try row.decode((String, String, String, ByteBuffer).self)
        let decoded = try ResultCoding.decodeTotals(
          blob: Array(totals.readableBytesView), what: "the totals of run \(latest)", unpacker: unpacker)
        lines.append("aggregate \(kind) \(company) \(name) \(try ResultCoding.encode(decoded))")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
