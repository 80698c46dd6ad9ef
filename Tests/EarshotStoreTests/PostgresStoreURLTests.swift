import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotStore

/// Reading `postgres://` URLs and finding the password, without a server.
@Suite struct PostgresStoreURLTests {
  @Test func urlPartsAndDefaults() throws {
    let full = try PostgresStoreURL(
      "postgresql://team@db.example.internal:6543/history?sslmode=require", environment: [:])
    #expect(full.host == "db.example.internal")
    #expect(full.port == 6543)
    #expect(full.user == "team")
    #expect(full.database == "history")
    #expect(full.sslMode == "require")
    #expect(full.target == "db.example.internal:6543/history")
    let bare = try PostgresStoreURL("postgres://db", environment: ["USER": "ann"])
    #expect(bare.port == 5432)
    #expect(bare.user == "ann")
    #expect(bare.database == "ann")
    #expect(bare.sslMode == "prefer")
    let ipv6 = try PostgresStoreURL("postgres://u@[::1]:5433/d", environment: [:])
    #expect(ipv6.host == "::1")
    #expect(ipv6.target == "[::1]:5433/d")
  }

  @Test func thePasswordIsFoundButNeverShown() throws {
    let inURL = try PostgresStoreURL("postgres://u:p%40ss@h:1/d", environment: ["PGPASSWORD": "other"])
    #expect(inURL.password == "p@ss")
    #expect(inURL.description == "postgres://u@h:1/d")
    #expect("\(inURL)".contains("p@ss") == false)
    let fromEnvironment = try PostgresStoreURL("postgres://u@h:1/d", environment: ["PGPASSWORD": "env-secret"])
    #expect(fromEnvironment.password == "env-secret")
    #expect(StoreLocation.redacted("postgres://u:secret@h:1/d") == "postgres://u@h:1/d")
    #expect(StoreLocation.redacted("postgres://u:secret@h:port/d").contains("secret") == false)
    #expect(StoreLocation.redacted("/var/lib/earshot.sqlite") == "/var/lib/earshot.sqlite")
  }

  @Test func thePasswordFileMatchesHostPortDatabaseAndUser() throws {
    let folder = try TemporaryDirectory()
    try folder.write(
      "pgpass",
      """
      # host:port:database:user:password
      other:5432:*:u:wrong-host
      h:1:d:someone:wrong-user
      h:*:d:u:pa\\:ss\\\\word
      *:*:*:*:fallback

      """)
    let environment = ["PGPASSFILE": folder.path("pgpass")]
    #expect(try PostgresStoreURL("postgres://u@h:1/d", environment: environment).password == "pa:ss\\word")
    #expect(try PostgresStoreURL("postgres://x@y:2/z", environment: environment).password == "fallback")
    #expect(try PostgresStoreURL("postgres://u@h:1/d", environment: ["PGPASSFILE": "/nonexistent"]).password == nil)
  }

  @Test func badURLsSayWhatIsWrong() {
    #expect(throws: StoreError.badURL("the port is not a number from 1 to 65535")) {
      _ = try PostgresStoreURL("postgres://u@h:0/d", environment: [:])
    }
    #expect(throws: StoreError.badURL("sslmode must be disable, prefer or require")) {
      _ = try PostgresStoreURL("postgres://u@h/d?sslmode=verify-full", environment: [:])
    }
  }

  @Test func aPathIsSQLiteAndAURLIsPostgres() throws {
    guard case .sqlite(let path) = try StoreLocation("store/earshot.sqlite") else {
      Issue.record("a path is a SQLite store")
      return
    }
    #expect(path == "store/earshot.sqlite")
    guard case .postgres(let url) = try StoreLocation("postgresql://u@h/d", environment: [:]) else {
      Issue.record("a postgresql:// URL is a PostgreSQL store")
      return
    }
    #expect(url.target == "h:5432/d")
  }
}
