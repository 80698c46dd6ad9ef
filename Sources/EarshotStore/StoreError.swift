import Foundation

/// Why the store could not be used.
///
/// A second run that finds the store locked is not a failure of the store: callers map
/// ``locked(lockPath:holder:)`` to exit status 75 (`EX_TEMPFAIL`, "try again later").
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Another process holds the store's lock file.
  case locked(lockPath: String, holder: String?)
  /// The lock file or the store's folder could not be created or opened.
  case cannotLock(lockPath: String, reason: String)
  /// The store was migrated by a newer Earshot, with migrations this build does not know.
  case newerSchema(path: String, migrations: [String])
  /// A stored value could not be decoded (the store was written by an incompatible build).
  case corrupt(String)
  /// A `postgres://` store URL that cannot be used (the reason never repeats a password).
  case badURL(String)
  /// The PostgreSQL server at `target` (`host:port/database`) could not be reached or refused the login.
  case cannotConnect(target: String, reason: String)
  /// A statement failed on the PostgreSQL server at `target`.
  case postgres(target: String, reason: String)

  public var description: String {
    switch self {
    case .locked(let lockPath, let holder):
      let who = holder.map { " (held by \($0))" } ?? ""
      return
        "error: another earshot run is using the store: \(lockPath) is locked\(who); try again when it has finished"
    case .cannotLock(let lockPath, let reason):
      return "error: cannot lock the store with \(lockPath): \(reason)"
    case .newerSchema(let path, let migrations):
      return "error: \(path) was written by a newer earshot (migrations \(migrations.joined(separator: ", "))); "
        + "upgrade earshot to use it"
    case .corrupt(let message):
      return "error: the store holds a value this build cannot read: \(message)"
    case .badURL(let reason):
      return "error: invalid store URL: \(reason) (expected postgres://user@host:port/database)"
    case .cannotConnect(let target, let reason):
      return "error: cannot connect to the PostgreSQL store \(target): \(reason)"
    case .postgres(let target, let reason):
      return "error: the PostgreSQL store \(target) failed: \(reason)"
    }
  }
}
