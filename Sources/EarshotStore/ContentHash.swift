import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SHA-256 helpers for content hashes and fingerprints, as lowercase hex.
public enum ContentHash {
  /// The SHA-256 of a file's contents, read in 1 MiB chunks (never the whole file in memory).
  ///
  /// - Throws: when the file cannot be opened or read.
  public static func sha256(ofFile path: String) throws -> String {
    // Non-blocking open and `fstat` first: a path that became a FIFO must not hang the run.
    #if canImport(Darwin)
      let descriptor = Darwin.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    #else
      let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    #endif
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw POSIXError(.EINVAL)
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      hasher.update(data: chunk)
    }
    return hex(hasher.finalize())
  }

  /// The SHA-256 of `data`.
  public static func sha256(_ data: Data) -> String {
    hex(SHA256.hash(data: data))
  }

  static func hex(_ digest: SHA256.Digest) -> String {
    digest.map { String(format: "%02x", $0) }.joined()
  }
}

/// Builds a fingerprint: a SHA-256 over labelled parts, each length-prefixed so that moving bytes
/// from one part to the next changes the result.
public struct FingerprintBuilder {
  private var hasher = SHA256()

  /// Starts an empty fingerprint.
  public init() {}

  /// Adds one labelled part.
  public mutating func add(_ label: String, _ data: Data) {
    for part in [Data(label.utf8), data] {
      var length = UInt64(part.count).littleEndian
      withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
      hasher.update(data: part)
    }
  }

  /// Adds one labelled text part.
  public mutating func add(_ label: String, _ text: String) { add(label, Data(text.utf8)) }

  /// The fingerprint, as lowercase hex.
  public func finalize() -> String { ContentHash.hex(hasher.finalize()) }
}

/// A file's size and modification time: the fast pre-check before hashing.
public struct FileStamp: Sendable, Hashable, Codable {
  /// Size in bytes.
  public var size: Int64
  /// Modification time in nanoseconds since 1970 (sub-second precision, so a rewrite within the
  /// same second is still noticed).
  public var modifiedNanoseconds: Int64

  /// Creates a stamp.
  public init(size: Int64, modifiedNanoseconds: Int64) {
    self.size = size
    self.modifiedNanoseconds = modifiedNanoseconds
  }

  /// The stamp of the file at `path`, or nil when it cannot be examined.
  public static func of(path: String) -> FileStamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    // A modification time past year 2262 does not fit in nanoseconds: saturate instead of trapping
    // (the stamp is only compared for equality, and the hash decides anyway).
    let (scaled, overflow) = Int64(time.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
    let nanoseconds =
      overflow
      ? (time.tv_sec < 0 ? Int64.min : Int64.max) : scaled.addingReportingOverflow(Int64(time.tv_nsec)).partialValue
    return FileStamp(size: Int64(info.st_size), modifiedNanoseconds: nanoseconds)
  }
}
