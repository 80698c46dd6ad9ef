import EarshotTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import EarshotStore

/// The two store back ends, for tests that run the same body on each.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqlite, postgres

  var testDescription: String { rawValue }

  /// A new, empty store of this kind: its location text (a path or a URL) and the folder it lives
  /// in (kept alive by the caller).
  func freshLocation() throws -> (location: String, folder: TemporaryDirectory) {
    let folder = try TemporaryDirectory()
    switch self {
    case .sqlite: return (folder.path("earshot.sqlite"), folder)
    case .postgres: return (try PostgresTestServer.freshDatabase(), folder)
    }
  }

  /// A new, empty, opened store of this kind.
  func freshStore() throws -> (store: any ListeningStore, folder: TemporaryDirectory) {
    let (location, folder) = try freshLocation()
    return (try StoreLocation(location).open(), folder)
  }
}

/// The PostgreSQL server the tests use: `EARSHOT_TEST_POSTGRES_URL` (its password from `PGPASSWORD`
/// or `PGPASSFILE`), as `Scripts/postgres-test-server.sh start` exports it and `.ci/run` does.
/// Without it, PostgreSQL tests are skipped with ``skipReason``, printed once.
enum PostgresTestServer {
  static let url: String? = {
    let url = ProcessInfo.processInfo.environment["EARSHOT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    if url == nil { FileHandle.standardError.write(Data("note: \(skipReason)\n".utf8)) }
    return url
  }()

  static let skipReason =
    "PostgreSQL store tests skipped: EARSHOT_TEST_POSTGRES_URL is not set "
    + "(eval \"$(Scripts/postgres-test-server.sh start)\" starts a throw-away server, as .ci/run does)"

  /// Whether a server is configured.
  static var available: Bool { url != nil }

  /// Creates a new, empty database on the server and returns its URL; each test gets its own, so
  /// tests run in parallel without seeing each other's rows. (The server is a throw-away one.)
  static func freshDatabase() throws -> String {
    let base = try PostgresStoreURL(try #require(url, "EARSHOT_TEST_POSTGRES_URL"))
    let name = "earshot_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    let connection = try PostgresConnection.connect(
      on: PostgresConnection.defaultEventLoopGroup.any(),
      configuration: .init(
        host: base.host, port: base.port, username: base.user, password: base.password, database: base.database,
        tls: .disable),
      id: 1, logger: Logger(label: "earshot.tests", factory: { _ in SwiftLogNoOpLogHandler() })
    ).wait()
    defer { try? connection.close().wait() }
    _ = try connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: connection.logger).wait()
    var database = base
    database.database = String(name)
    return database.description + (base.sslMode == "prefer" ? "" : "?sslmode=\(base.sslMode)")
  }
}
