import EarshotScoring
import Foundation
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
    for row in try run("SELECT kind, company, name, totals FROM aggregate WHERE run_id = \(runID)") {
      let (kind, company, name, totals) = try row.decode((String, String, String, String).self)
      guard let kind = GroupKind(rawValue: kind) else { continue }
      aggregation.groups[GroupKey(kind: kind, company: company, name: name)] = try ResultCoding.decodeTotals(totals)
    }
    return aggregation
  }

  public func currentAggregation() throws -> Aggregation {
    var aggregation = Aggregation()
    for row in try run("SELECT totals FROM unit_totals ORDER BY unit_key COLLATE \"C\"") {
      aggregation.merge(try ResultCoding.decodeAggregation(try row.decode(String.self)))
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
    try run("SELECT result FROM conversation ORDER BY unit_key COLLATE \"C\", ordinal").map {
      try $0.decode(String.self)
    }
  }

  public func worstConversations(company: String, agent: String, limit: Int) throws -> [ConversationResult] {
    try run(
      """
      SELECT conversation.result FROM conversation
      JOIN conversation_agent ON conversation_agent.conversation_row = conversation.id
      WHERE conversation_agent.company = \(company) AND conversation_agent.agent = \(agent)
      ORDER BY conversation.score, conversation.unit_key COLLATE "C", conversation.ordinal LIMIT \(Int64(limit))
      """
    ).map { try ResultCoding.decodeResult(try $0.decode(String.self)) }
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
      "SELECT conversation_row, ordinal, detector, severity, turn, evidence FROM finding ORDER BY conversation_row, ordinal"
    ) {
      let (conversation, ordinal, detector, severity, turn, evidence) = try row.decode(
        (Int64, Int64, String, String, Int64?, String?).self)
      findings[conversation, default: []].append(
        "  finding \(ordinal) \(detector) \(severity) \(turn ?? -1) \(evidence ?? "")")
    }
    for row in try run(
      """
      SELECT id, unit_key, ordinal, conversation_id, company, channel, agents, day, score, result
      FROM conversation ORDER BY unit_key COLLATE "C", ordinal
      """)
    {
      let (id, unitKey, ordinal, conversationID, company, channel, agentList, day, score, result) = try row.decode(
        (Int64, String, Int64, String, String, String, String, String?, Double, String).self)
      lines.append(
        "conversation \(unitKey)#\(ordinal) \(conversationID) \(company) \(channel) \(agentList) \(day ?? "-") "
          + "\(score) \(result)")
      for agent in agents[id] ?? [] { lines.append("  agent \(agent)") }
      lines += findings[id] ?? []
    }
    for row in try run("SELECT unit_key, totals FROM unit_totals ORDER BY unit_key COLLATE \"C\"") {
      let (unitKey, totals) = try row.decode((String, String).self)
      lines.append("totals \(unitKey) \(totals)")
    }
    let latest = try run("SELECT MAX(id) FROM run WHERE status = 'succeeded'").map { try $0.decode(Int64?.self) }
    if let latest = latest.first ?? nil {
      for row in try run(
        """
        SELECT kind, company, name, totals FROM aggregate WHERE run_id = \(latest)
        ORDER BY kind COLLATE "C", company COLLATE "C", name COLLATE "C"
        """)
      {
        let (kind, company, name, totals) = try row.decode((String, String, String, String).self)
        lines.append("aggregate \(kind) \(company) \(name) \(totals)")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
