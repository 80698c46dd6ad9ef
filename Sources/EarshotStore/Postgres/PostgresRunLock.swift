import Foundation
import PostgresNIO

/// The run locks of a PostgreSQL store, in place of SQLite's lock file: session-level advisory
/// locks on the store's connection, which the server releases when the connection ends (a run
/// killed with `SIGKILL` included), so no lock is ever left stale.
///
/// - shard K of N: exclusive (`pg_try_advisory_lock`), so one process writes each shard's units and
///   the N shards write at once;
/// - the shard layout: every writing run holds a shared lock keyed by its N; a run whose N differs
///   from a running one's would split units differently, so it stops as locked;
/// - each run: a lock keyed by its id (``PostgresStore/beginRun(inputs:fingerprint:toolVersion:startedAt:)``),
///   which tells a dead `running` run (to be marked `interrupted`) from another shard's live one.
enum PostgresRunLock {
  /// Takes the layout and shard locks without waiting.
  ///
  /// - Throws: ``StoreError/locked(lockPath:holder:)`` when another process writes this shard, or
  ///   writes with another shard count.
  static func lock(_ store: PostgresStore, shard: (index: Int, count: Int)) throws {
    let layout = Int32(truncatingIfNeeded: shard.count)
    let key = PostgresLockKeys.shardKey(index: shard.index, count: shard.count)
    let what = shard.count == 1 ? "the store" : "shard \(shard.index)/\(shard.count)"
    try store.run("SELECT pg_advisory_lock_shared(\(PostgresLockKeys.layoutNamespace), \(layout))")
    // Another shard count in use? Two runs that both check after both took their shared locks see
    // each other and both stop: never two layouts writing at once.
    let others = try store.run(
      """
      SELECT objid::int8, COALESCE(a.application_name, ''), l.pid FROM pg_locks l
      LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = \(PostgresLockKeys.layoutNamespace)::oid AND l.objid <> \(layout)::oid
      LIMIT 1
      """
    ).map { try $0.decode((Int64, String, Int32).self) }
    if case (let count, let application, let pid)? = others.first {
      _ = try? store.run("SELECT pg_advisory_unlock_shared(\(PostgresLockKeys.layoutNamespace), \(layout))")
      throw StoreError.locked(
        lockPath:
          "\(store.url.target) (a run with \(count) shards is writing; all shards of a store must use the same N)",
        holder: holder(application, pid: pid))
    }
    let taken =
      try store.run("SELECT pg_try_advisory_lock(\(PostgresLockKeys.shardNamespace), \(key))")
      .map { try $0.decode(Bool.self) }.first ?? false
    guard taken else {
      let holders = try store.run(
        """
        SELECT COALESCE(a.application_name, ''), l.pid FROM pg_locks l
        LEFT JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = \(PostgresLockKeys.shardNamespace)::oid AND l.objid = \(key)::oid
        LIMIT 1
        """
      ).map { try $0.decode((String, Int32).self) }
      _ = try? store.run("SELECT pg_advisory_unlock_shared(\(PostgresLockKeys.layoutNamespace), \(layout))")
      throw StoreError.locked(
        lockPath: "the advisory lock of \(what) in \(store.url.target)",
        holder: holders.first.map { holder($0.0, pid: $0.1) })
    }
  }

  /// "earshot pid 4242 on host (server pid 77)": who holds a lock, from the holder's application name.
  private static func holder(_ application: String, pid: Int32) -> String {
    application.isEmpty ? "server process \(pid)" : "\(application), server process \(pid)"
  }
}
