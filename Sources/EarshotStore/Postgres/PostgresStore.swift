import EarshotScoring
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// The PostgreSQL store: the same tables, migrations and answers as the SQLite ``EarshotStore``,
/// in a database that many `earshot nightly --shard K/N` processes can write at once.
///
/// One `PostgresStore` is one connection (postgres-nio). Calls block the calling thread until the
/// server answers (the store protocol is synchronous, as GRDB's is); the connection's own event
/// loop does the I/O, so this never waits on Swift's cooperative threads. Writes are batched: one
/// transaction per batch of units, a handful of statements each, rows sent as arrays (`UNNEST`),
/// never one round trip per row. Runs hold PostgreSQL advisory locks on this connection
/// (``PostgresRunLock``), which the server releases when the connection ends, however the process ends.
public final class PostgresStore: ListeningStore {
  /// The store's address (its description carries no password).
  public let url: PostgresStoreURL
  let connection: PostgresConnection
  /// What this process's current run committed, merged (``CommittedTotals``).
  let committedTotals = CommittedTotals()
  var logger: Logger { Self.logger }
  /// Silent: every failure reaches the caller as a `StoreError` instead.
  static let logger = Logger(label: "earshot.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

  /// `host:port/database`.
  public var displayName: String { url.target }

  /// Connects, and applies pending migrations (under a transaction-scoped advisory lock, so shards
  /// starting together migrate once).
  ///
  /// - Throws: ``StoreError/cannotConnect(target:reason:)`` when the server cannot be reached or
  ///   refuses the login, ``StoreError/newerSchema(path:migrations:)``, ``StoreError/postgres(target:reason:)``.
  public convenience init(url: PostgresStoreURL) throws {
    try self.init(url: url, migrations: PostgresMigrations.all)
  }

  /// Connects and applies `migrations` (tests create databases of an older schema with a prefix).
  init(url: PostgresStoreURL, migrations: [PostgresMigrations.Migration]) throws {
    self.url = url
    let tls: PostgresConnection.Configuration.TLS
    switch url.sslMode {
    case "disable":
      tls = .disable
    default:
      let context = try StoreError.connecting(url.target) {
        try NIOSSLContext(configuration: .makeClientConfiguration())
      }
      tls = url.sslMode == "require" ? .require(context) : .prefer(context)
    }
    var configuration = PostgresConnection.Configuration(
      host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
    configuration.options.connectTimeout = .seconds(15)
    // Shown by pg_stat_activity, and by the message of a run that finds a shard locked.
    let process = ProcessInfo.processInfo
    configuration.options.additionalStartupParameters = [
      ("application_name", "earshot pid \(process.processIdentifier) on \(process.hostName)")
    ]
    connection = try StoreError.connecting(url.target) {
      try PostgresConnection.connect(
        on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: Self.logger
      ).wait()
    }
    try PostgresMigrations.migrate(self, migrations)
  }

  deinit {
    try? connection.close().wait()
  }

  /// The names of the migrations applied, in order.
  public func appliedMigrations() throws -> [String] {
    try PostgresMigrations.applied(self)
  }

  /// The names of every migration this build knows, in order (the same as SQLite's).
  public static var knownMigrations: [String] { PostgresMigrations.all.map(\.name) }

  // MARK: - Running statements

  /// Runs one statement and collects its rows.
  @discardableResult
  func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
    do {
      return try connection.query(query, logger: logger).wait()
    } catch {
      throw StoreError.postgres(target: url.target, reason: Self.reason(error))
    }
  }

  /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
  @discardableResult
  func transaction<T>(_ body: () throws -> T) throws -> T {
    try run("BEGIN")
    do {
      let value = try body()
      try run("COMMIT")
      return value
    } catch {
      _ = try? run("ROLLBACK")
      throw error
    }
  }

  /// A one-line reason for a postgres-nio error: the server's message when there is one, else
  /// the connection problem (postgres-nio's own description hides both on purpose).
  static func reason(_ error: any Error) -> String {
    if let store = error as? StoreError { return "\(store)" }
    guard let psql = error as? PSQLError else { return "\(error)" }
    if let message = psql.serverInfo?[.message] {
      let state = psql.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
      return message + state
    }
    if let underlying = psql.underlying {
      let text = "\(underlying)"
      if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
      if text.contains("connectTimeout") || text.contains("timed out") { return "connection timed out" }
      if text.lowercased().contains("unknownhost") || text.contains("NXDOMAIN") {
        return "the host name cannot be resolved"
      }
      return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }
    switch psql.code {
    case .authMechanismRequiresPassword:
      return "the server asks for a password: set PGPASSWORD or add it to the password file (PGPASSFILE, ~/.pgpass)"
    case .sslUnsupported: return "the server does not offer TLS (sslmode=require)"
    case .serverClosedConnection: return "the server closed the connection"
    default: return psql.code.description
    }
  }
}

extension StoreError {
  /// Runs `body`, turning any error into ``cannotConnect(target:reason:)``.
  static func connecting<T>(_ target: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw StoreError.cannotConnect(target: target, reason: PostgresStore.reason(error))
    }
  }
}
