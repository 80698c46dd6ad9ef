import GRDB
import GRDBSQLite

/// A prepared insert whose values are bound with SQLite's C API, for the tens of thousands of rows
/// a batch of units writes: GRDB's `execute(arguments:)` builds an array of `DatabaseValue`s per
/// row and checks it, which cost as much as SQLite's own work on these small rows.
///
/// Bind every parameter (1-based, in the statement's order), then ``run()``. Errors are GRDB's
/// `DatabaseError`, with the statement's SQL, as `execute` throws them.
struct RowInsert {
  private let statement: Statement
  private var handle: OpaquePointer { statement.sqliteStatement }

  init(_ db: Database, sql: String) throws {
    statement = try db.cachedStatement(sql: sql)
  }

  func bind(_ index: Int32, _ value: String) {
    var value = value
    value.withUTF8 { text in
      // SQLITE_TRANSIENT: SQLite copies the bytes, which live only for this call. A null pointer
      // would bind NULL, so an empty text gets a pointer to an empty C string.
      if let base = text.baseAddress {
        _ = sqlite3_bind_text(
          handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(text.count), transient)
      } else {
        _ = sqlite3_bind_text(handle, index, "", 0, transient)
      }
    }
  }

  func bind(_ index: Int32, _ value: String?) {
    guard let value else { return bindNull(index) }
    bind(index, value)
  }

  func bind(_ index: Int32, _ value: Int64) { _ = sqlite3_bind_int64(handle, index, value) }

  func bind(_ index: Int32, _ value: Int) { bind(index, Int64(value)) }

  func bind(_ index: Int32, _ value: Int?) {
    guard let value else { return bindNull(index) }
    bind(index, Int64(value))
  }

  func bind(_ index: Int32, _ value: Double) { _ = sqlite3_bind_double(handle, index, value) }

  func bind(_ index: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { blob in
      _ = sqlite3_bind_blob(
        handle, index, blob.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(blob.count), transient)
    }
  }

  func bindNull(_ index: Int32) { _ = sqlite3_bind_null(handle, index) }

  /// SQLITE_TRANSIENT (the C macro is not imported).
  private var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

  /// Runs the insert with the values bound, and resets it for the next row.
  func run() throws {
    let code = sqlite3_step(handle)
    // sqlite3_reset returns the step's error again; the statement must be reset either way.
    sqlite3_reset(handle)
    guard code == SQLITE_DONE else {
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
        sql: statement.sql)
    }
  }
}
