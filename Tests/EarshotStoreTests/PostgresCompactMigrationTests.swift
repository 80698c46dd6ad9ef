import EarshotScoring
import EarshotTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import EarshotStore

/// A PostgreSQL database written before `v2-compact-store` reads back, once migrated, exactly as a
/// SQLite store written by this build from the same units: the same canonical dump (files,
/// conversations, results, agents, findings, totals, aggregates).
@Suite(.enabled(if: PostgresTestServer.available, Comment(rawValue: PostgresTestServer.skipReason)))
struct PostgresCompactMigrationTests {
  @Test func aVersion1DatabaseIsConvertedInPlace() throws {
    let url = try PostgresStoreURL(try PostgresTestServer.freshDatabase())
    let units = try CompactMigrationTests.units()
    do {
      let legacy = try PostgresStore(url: url, migrations: Array(PostgresMigrations.all.prefix(1)))
      #expect(try legacy.appliedMigrations() == ["v1-runs-files-results-aggregates"])
      try PostgresLegacyStore.write(units, into: legacy)
    }
    let migrated = try PostgresStore(url: url)
    #expect(try migrated.appliedMigrations() == PostgresStore.knownMigrations)

    let folder = try TemporaryDirectory()
    let sqlite = try EarshotStore(path: folder.path("fresh.sqlite"))
    let run = try sqlite.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try sqlite.write(units, runID: run, fingerprint: "f", counts: RunCounts())
    try sqlite.finishRun(id: run, counts: RunCounts(), finishedAt: Date())

    #expect(try migrated.contentDump() == sqlite.contentDump())
    #expect(try migrated.currentResultLines() == units.flatMap(\.results).map { try ResultCoding.encode($0) })
    #expect(try migrated.aggregation(runID: 1) == sqlite.currentAggregation())
    #expect(try migrated.findingCounts() == sqlite.findingCounts())
    #expect(
      try migrated.worstConversations(company: "Acme", agent: "ann", limit: 3)
        == sqlite.worstConversations(company: "Acme", agent: "ann", limit: 3))
  }
}

/// Writes rows as Earshot did before `v2-compact-store` on PostgreSQL (the v1 columns).
enum PostgresLegacyStore {
  static func write(_ units: [ProcessedUnit], into store: PostgresStore) throws {
    try store.transaction {
      let runID =
        try store.run(
          """
          INSERT INTO run (started_at, status, fingerprint, tool_version, schema_version, inputs)
          VALUES ('2026-11-01T02:00:00.000Z', 'running', 'f', 't', 4, '["in"]') RETURNING id
          """
        ).map { try $0.decode(Int64.self) }.first ?? 0
      var all = Aggregation()
      for unit in units {
        var totals = Aggregation()
        for (ordinal, result) in unit.results.enumerated() {
          let day = result.startedAt.map(Aggregation.utcDay)
          totals.add(result, day: day)
          try insert(result, unitKey: unit.key, ordinal: Int64(ordinal), day: day, runID: runID, into: store)
        }
        all.merge(totals)
        try store.run(
          "INSERT INTO unit_totals (unit_key, totals) VALUES (\(unit.key), \(try ResultCoding.encode(totals)))")
        for file in unit.files {
          try store.run(
            """
            INSERT INTO input_file (path, unit_key, size, mtime_ns, content_hash, fingerprint, status, diagnostics,
              first_run_id, scored_run_id)
            VALUES (\(file.path), \(unit.key), \(file.stamp.size), \(file.stamp.modifiedNanoseconds),
              \(file.contentHash), 'f', 'current', '[]', \(runID), \(runID))
            """)
        }
      }
      for (key, totals) in all.groups.sorted(by: { $0.key < $1.key }) {
        try store.run(
          """
          INSERT INTO aggregate (run_id, kind, company, name, conversations, mean_score, totals)
          VALUES (\(runID), \(key.kind.rawValue), \(key.company), \(key.name), \(Int64(totals.conversations)),
            \(totals.meanScore), \(try ResultCoding.encode(totals)))
          """)
      }
      try store.run(
        """
        UPDATE run SET status = 'succeeded', finished_at = '2026-11-01T02:10:00.000Z',
          mean_score = (SELECT AVG(score) FROM conversation),
          conversations_total = (SELECT COUNT(*) FROM conversation) WHERE id = \(runID)
        """)
    }
  }

  private static func insert(
    _ result: ConversationResult, unitKey: String, ordinal: Int64, day: String?, runID: Int64,
    into store: PostgresStore
  ) throws {
    let company = result.company ?? ""
    let row =
      try store.run(
        """
        INSERT INTO conversation (unit_key, ordinal, conversation_id, source_file, company, channel, agents,
          started_at, day, score, fingerprint, run_id, result)
        VALUES (\(unitKey), \(ordinal), \(result.conversationId), \(result.sourceFile), \(company), \(result.channel),
          \(ResultCoding.encode(result.agents)), \(result.startedAt.map(ResultCoding.timestamp)), \(day),
          \(result.score.value), 'f', \(runID), \(try ResultCoding.encode(result))) RETURNING id
        """
      ).map { try $0.decode(Int64.self) }.first ?? 0
    for agent in result.agents {
      try store.run(
        "INSERT INTO conversation_agent (conversation_row, company, agent) VALUES (\(row), \(company), \(agent))")
    }
    for (index, finding) in result.findings.enumerated() {
      let evidence = finding.evidence.first
      try store.run(
        """
        INSERT INTO finding (conversation_row, ordinal, detector, category, severity, reason, turn, speaker, evidence)
        VALUES (\(row), \(Int64(index)), \(finding.detector), \(finding.category.rawValue),
          \(finding.severity.rawValue), \(finding.reason), \(evidence.map { Int64($0.turn) }), \(evidence?.speaker),
          \(evidence?.span.text))
        """)
    }
  }
}
