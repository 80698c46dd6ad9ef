import Foundation

/// Where a store is: a SQLite file path, or a PostgreSQL URL (`postgres://` or `postgresql://`).
public enum StoreLocation: Sendable, CustomStringConvertible {
  /// A SQLite file.
  case sqlite(path: String)
  /// A PostgreSQL database.
  case postgres(PostgresStoreURL)

  /// Reads `text`: a `postgres://` or `postgresql://` URL is PostgreSQL, anything else a path.
  ///
  /// - Throws: ``StoreError/badURL(_:)`` for a PostgreSQL URL that cannot be used.
  public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    if PostgresStoreURL.isPostgres(text) {
      self = .postgres(try PostgresStoreURL(text, environment: environment))
    } else {
      self = .sqlite(path: text)
    }
  }

  /// The path, or `postgres://user@host:port/database` without a password: safe to print.
  public var description: String {
    switch self {
    case .sqlite(let path): return path
    case .postgres(let url): return url.description
    }
  }

  /// `text` made safe to print: a PostgreSQL URL loses its password (even one that does not parse).
  public static func redacted(_ text: String) -> String {
    guard PostgresStoreURL.isPostgres(text) else { return text }
    if let url = try? PostgresStoreURL(text, environment: [:]) { return url.description }
    // Unparseable: drop everything between "://" and "@", which is where a password would be.
    guard let scheme = text.range(of: "://"), let at = text.range(of: "@", options: .backwards) else { return text }
    return String(text[..<scheme.upperBound]) + "…" + String(text[at.lowerBound...])
  }

  /// Opens the store to read (applying pending migrations).
  public func open() throws -> any ListeningStore {
    switch self {
    case .sqlite(let path): return try EarshotStore(path: path)
    case .postgres(let url): return try PostgresStore(url: url)
    }
  }

  /// Takes the lock a writing run holds: SQLite's lock file (the whole store, whatever the shard),
  /// or PostgreSQL's advisory locks for `shard` (`(1, 1)` when unsharded).
  ///
  /// - Throws: ``StoreError/locked(lockPath:holder:)`` when another run holds it.
  public func lockForRun(shard: (index: Int, count: Int)?) throws -> StoreRunLock {
    switch self {
    case .sqlite(let path):
      return StoreRunLock(location: self, file: try StoreLock(storePath: path), postgres: nil)
    case .postgres(let url):
      let store = try PostgresStore(url: url)
      try PostgresRunLock.lock(store, shard: shard ?? (1, 1))
      return StoreRunLock(location: self, file: nil, postgres: store)
    }
  }
}

/// A writing run's lock on its store, held while this object lives.
public final class StoreRunLock: Sendable {
  /// The locked store's location.
  public let location: StoreLocation
  private let file: StoreLock?
  private let postgres: PostgresStore?

  init(location: StoreLocation, file: StoreLock?, postgres: PostgresStore?) {
    self.location = location
    self.file = file
    self.postgres = postgres
  }

  /// The store, to write under this lock (for PostgreSQL, the connection that holds the locks).
  public func open() throws -> any ListeningStore {
    if let postgres { return postgres }
    return try location.open()
  }
}
