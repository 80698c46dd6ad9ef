import EarshotModel
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What kind of file-system entry a path is, from `stat`/`lstat`, so only regular files are ever
/// opened for reading: opening a FIFO blocks until a writer comes, and reading a device or socket
/// never ends.
public enum FileKind: Sendable, Hashable, CustomStringConvertible {
  case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, other

  /// The kind of the entry at `path`; `followingLinks: false` looks at a link itself (`lstat`).
  ///
  /// - Returns: the kind, or the `errno` text when the entry cannot be examined.
  public static func of(_ path: String, followingLinks: Bool = true) -> Result<FileKind, FileProblem> {
    var info = stat()
    let status = followingLinks ? stat(path, &info) : lstat(path, &info)
    guard status == 0 else { return .failure(FileProblem(code: errno)) }
    return .success(FileKind(mode: info.st_mode))
  }

  init(mode: mode_t) {
    switch mode & S_IFMT {
    case S_IFREG: self = .regular
    case S_IFDIR: self = .directory
    case S_IFIFO: self = .fifo
    case S_IFCHR: self = .characterDevice
    case S_IFBLK: self = .blockDevice
    case S_IFSOCK: self = .socket
    case S_IFLNK: self = .symbolicLink
    default: self = .other
    }
  }

  /// The kind in words, for diagnostics (`a FIFO (named pipe)`).
  public var description: String {
    switch self {
    case .regular: "a regular file"
    case .directory: "a folder"
    case .fifo: "a FIFO (named pipe)"
    case .characterDevice: "a character device"
    case .blockDevice: "a block device"
    case .socket: "a socket"
    case .symbolicLink: "a symbolic link"
    case .other: "a special file"
    }
  }
}

/// An operating-system error in words (`Permission denied`), from `errno`.
public struct FileProblem: Error, Sendable, Hashable, CustomStringConvertible {
  /// The `errno` value.
  public var code: Int32

  /// Wraps an `errno` value.
  public init(code: Int32) { self.code = code }

  /// `strerror`'s text.
  public var description: String { String(cString: strerror(code)) }
}

/// Reads input files only when they are regular files, whatever they were when discovered.
///
/// The descriptor is opened with `O_NONBLOCK`, so even a path swapped for a FIFO after discovery
/// cannot block the open, and `fstat` on that same descriptor decides before any byte is read.
enum RegularFile {
  /// Opens `path` for reading and checks that it is a regular file.
  ///
  /// - Throws: `FileProblem` when it cannot be opened, or `NotRegular` for anything else.
  static func open(_ path: String) throws -> FileHandle {
    let descriptor = openNonBlocking(path)
    guard descriptor >= 0 else { throw FileProblem(code: errno) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let code = errno
      close(descriptor)
      throw FileProblem(code: code)
    }
    let kind = FileKind(mode: info.st_mode)
    guard kind == .regular else {
      close(descriptor)
      throw NotRegular(kind: kind)
    }
    // Reads of a regular file never block; clear the flag anyway so reads behave as usual.
    let flags = fcntl(descriptor, F_GETFL)
    if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  }

  /// A diagnostic's text for an error of `open` or of reading: `action` then the reason, on one line.
  static func message(for error: any Error, doing action: String) -> String {
    switch error {
    case let notRegular as NotRegular: return notRegular.description
    case let problem as FileProblem: return "\(action): \(problem)"
    default: return "\(action): \(FileError.reason(of: error))"
    }
  }

  /// The entry is not a regular file.
  struct NotRegular: Error, CustomStringConvertible {
    var kind: FileKind
    var description: String { "not a regular file (\(kind.description)); only regular files are read" }
  }

  private static func openNonBlocking(_ path: String) -> Int32 {
    #if canImport(Darwin)
      Darwin.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    #else
      Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    #endif
  }
}
