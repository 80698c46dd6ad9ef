import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive advisory lock (`flock`) on `<store>.lock`, held while a run writes the store.
///
/// The kernel releases the lock when the process ends, however it ends (even `SIGKILL`), so a
/// killed run never leaves a stale lock behind. The lock file holds the holder's process id and
/// start time, for the message the second run prints.
public final class StoreLock: Sendable {
  /// The lock file's path.
  public let path: String
  private let descriptor: Int32

  /// The lock file that guards the store at `storePath`.
  public static func lockPath(forStore storePath: String) -> String { storePath + ".lock" }

  /// Takes the lock without waiting.
  ///
  /// - Parameter storePath: the SQLite store's path; its folder is created when missing.
  /// - Throws: ``StoreError/locked(lockPath:holder:)`` when another process holds it,
  ///   ``StoreError/cannotLock(lockPath:reason:)`` when the file cannot be opened.
  public init(storePath: String) throws {
    let lockPath = Self.lockPath(forStore: storePath)
    path = lockPath
    let folder = (lockPath as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw StoreError.cannotLock(lockPath: lockPath, reason: String(cString: strerror(errno)))
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let code = errno
      close(fd)
      if code == EWOULDBLOCK {
        let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?
          .trimmingCharacters(in: .whitespacesAndNewlines)
        throw StoreError.locked(lockPath: lockPath, holder: holder?.isEmpty == false ? holder : nil)
      }
      throw StoreError.cannotLock(lockPath: lockPath, reason: String(cString: strerror(code)))
    }
    descriptor = fd
    let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
    _ = ftruncate(fd, 0)
    _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
  }

  deinit {
    // Empty the note first so a reader never names a process that has let go.
    _ = ftruncate(descriptor, 0)
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
