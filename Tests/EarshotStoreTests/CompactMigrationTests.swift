import EarshotScoring
import EarshotTestSupport
import Foundation
import GRDB
import Testing

@testable import EarshotStore

/// A store written before migration `v2-compact-store` (results as JSON text in every conversation
/// row, findings with their text, totals as JSON) reads back the same after it is opened by this
/// build: the same results, totals, aggregates, findings and dump as a store written by this build.
@Suite struct CompactMigrationTests {
  /// Units with a block boundary (40 conversations), findings, several agents and a unit of one.
  static func units() throws -> [ProcessedUnit] {
    var long: [ConversationResult] = []
    for index in 0..<40 {
      let agents: [String] = index % 3 == 0 ? ["ann", "bob"] : ["bob"]
      let findings: [(detector: String, severity: String)] =
        index % 4 == 0 ? [("non_answer", "major"), ("pitch", "minor")] : []
      long.append(
        try StoreFixtures.result(id: "long-\(index)", agents: agents, score: Double(10 + index * 2), findings: findings)
      )
    }
    return [
      StoreFixtures.unit("calls.jsonl", long),
      StoreFixtures.unit(
        "solo.txt", [try StoreFixtures.result(id: "é", company: "Globex", agents: ["sam"], score: 77, startedAt: nil)]),
    ]
  }

  @Test func aVersion1StoreIsConvertedInPlace() throws {
    let folder = try TemporaryDirectory()
    let legacyPath = folder.path("legacy.sqlite")
    let units = try Self.units()
    try LegacyStore.write(units, to: legacyPath)

    let migrated = try EarshotStore(path: legacyPath)
    #expect(try migrated.appliedMigrations() == EarshotStore.knownMigrations)
    let fresh = try EarshotStore(path: folder.path("fresh.sqlite"))
    let run = try fresh.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
    try fresh.write(units, runID: run, fingerprint: "f", counts: RunCounts())
    try fresh.finishRun(id: run, counts: RunCounts(), finishedAt: Date())

    let results = units.flatMap(\.results)
    #expect(try migrated.currentResultLines() == results.map { try ResultCoding.encode($0) })
    #expect(try migrated.contentDump() == fresh.contentDump())
    #expect(try migrated.currentAggregation() == fresh.currentAggregation())
    #expect(try migrated.aggregation(runID: 1) == fresh.currentAggregation())
    #expect(try migrated.findingCounts() == fresh.findingCounts())
    #expect(try migrated.scoreHistogram(bins: 10) == fresh.scoreHistogram(bins: 10))
    #expect(
      try migrated.worstConversations(company: "Acme", agent: "ann", limit: 20)
        == results.filter { $0.agents.contains("ann") })
    #expect(try migrated.runs().map(\.status) == ["succeeded"])
    // The migrated store keeps working: a unit rewritten replaces its blocks too.
    let next = try migrated.beginRun(inputs: ["in"], fingerprint: "f", toolVersion: "t", startedAt: Date())
    let rewritten = try StoreFixtures.result(id: "again", score: 5)
    try migrated.write(
      [StoreFixtures.unit("calls.jsonl", [rewritten])], runID: next, fingerprint: "f", counts: RunCounts())
    #expect(
      try migrated.currentResultLines() == [rewritten, results[results.count - 1]].map { try ResultCoding.encode($0) })
  }

  @Test func theMigratedFileIsSmaller() throws {
    let folder = try TemporaryDirectory()
    let path = folder.path("legacy.sqlite")
    let many = try (0..<20).map { unit in
      StoreFixtures.unit(
        "u\(unit).jsonl",
        try (0..<50).map {
          try StoreFixtures.result(id: "u\(unit)-\($0)", score: 50, findings: [("non_answer", "major")])
        })
    }
    try LegacyStore.write(many, to: path)
    let before = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    _ = try EarshotStore(path: path)
    let after = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    // The migration vacuums, so the space the text took is given back to the file system.
    #expect(after * 3 < before, "\(after) bytes after, \(before) before")
  }
}

/// Writes a store as Earshot did before `v2-compact-store`: the first migration only, and the rows
/// its `write` and `finishRun` inserted (the statements copied from that version).
enum LegacyStore {
  static func write(_ units: [ProcessedUnit], to path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try StoreMigrations.migrator.migrate(queue, upTo: "v1-runs-files-results-aggregates")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO run (started_at, status, fingerprint, tool_version, schema_version, inputs)
          VALUES ('2026-11-01T02:00:00.000Z', 'running', 'f', 't', 4, '["in"]')
          """)
      let runID = db.lastInsertedRowID
      var all = Aggregation()
      for unit in units {
        var totals = Aggregation()
        for (ordinal, result) in unit.results.enumerated() {
          let day = result.startedAt.map(Aggregation.utcDay)
          totals.add(result, day: day)
          try insert(db, result, unitKey: unit.key, ordinal: ordinal, day: day, runID: runID)
        }
        all.merge(totals)
        try db.execute(
          sql: "INSERT INTO unit_totals (unit_key, totals) VALUES (?, ?)",
          arguments: [unit.key, try ResultCoding.encode(totals)])
        for file in unit.files {
          try db.execute(
            sql: """
              INSERT INTO input_file (path, unit_key, size, mtime_ns, content_hash, fingerprint, status, diagnostics,
                first_run_id, scored_run_id) VALUES (?, ?, ?, ?, ?, 'f', 'current', '[]', ?, ?)
              """,
            arguments: [
              file.path, unit.key, file.stamp.size, file.stamp.modifiedNanoseconds, file.contentHash, runID, runID,
            ])
        }
      }
      for (key, totals) in all.groups.sorted(by: { $0.key < $1.key }) {
        try db.execute(
          sql: """
            INSERT INTO aggregate (run_id, kind, company, name, conversations, mean_score, totals)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            runID, key.kind.rawValue, key.company, key.name, totals.conversations, totals.meanScore,
            try ResultCoding.encode(totals),
          ])
      }
      let mean = try Double.fetchOne(db, sql: "SELECT AVG(score) FROM conversation")
      try db.execute(
        sql: """
          UPDATE run SET status = 'succeeded', finished_at = '2026-11-01T02:10:00.000Z', mean_score = ?,
            conversations_total = (SELECT COUNT(*) FROM conversation) WHERE id = ?
          """, arguments: [mean, runID])
    }
  }

  private static func insert(
    _ db: Database, _ result: ConversationResult, unitKey: String, ordinal: Int, day: String?, runID: Int64
  ) throws {
    let company = result.company ?? ""
    try db.execute(
      sql: """
        INSERT INTO conversation (unit_key, ordinal, conversation_id, source_file, company, channel, agents,
          started_at, day, score, fingerprint, run_id, result)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        unitKey, ordinal, result.conversationId, result.sourceFile, company, result.channel,
        ResultCoding.encode(result.agents), result.startedAt.map(ResultCoding.timestamp), day, result.score.value,
        "f", runID, try ResultCoding.encode(result),
      ])
    let row = db.lastInsertedRowID
    for agent in result.agents {
      try db.execute(
        sql: "INSERT INTO conversation_agent (conversation_row, company, agent) VALUES (?, ?, ?)",
        arguments: [row, company, agent])
    }
    for (index, finding) in result.findings.enumerated() {
      let evidence = finding.evidence.first
      try db.execute(
        sql: """
          INSERT INTO finding (conversation_row, ordinal, detector, category, severity, reason, turn, speaker, evidence)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          row, index, finding.detector, finding.category.rawValue, finding.severity.rawValue, finding.reason,
          evidence?.turn, evidence?.speaker, evidence?.span.text,
        ])
    }
  }
}
