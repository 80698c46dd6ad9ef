import EarshotModel
import Foundation

/// An output file that could not be written, in one line that names it.
public struct OutputError: Error, CustomStringConvertible, Sendable {
  /// The file or folder.
  public var path: String
  /// What failed.
  public var what: String

  public var description: String { "\(path): error: cannot \(what)" }
}

/// The folder a run writes its files into.
public struct OutputFolder: Sendable {
  /// Where it is.
  public let url: URL

  /// Creates the folder (and its parents) when missing.
  ///
  /// - Throws: ``OutputError`` when it cannot be created.
  public init(_ url: URL) throws {
    self.url = url
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw OutputError(path: url.path, what: "create the output folder (\(Self.reason(error)))")
    }
  }

  /// The path of `name` inside the folder.
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Replaces `name` with `text`, atomically.
  ///
  /// - Throws: ``OutputError`` naming the file.
  public func write(_ text: String, to name: String) throws {
    do {
      try Data(text.utf8).write(to: url.appendingPathComponent(name), options: .atomic)
    } catch {
      throw OutputError(path: path(name), what: "write the file (\(Self.reason(error)))")
    }
  }

  /// Creates `name` empty and opens it for appending.
  ///
  /// - Throws: ``OutputError`` naming the file.
  public func stream(_ name: String) throws -> StreamedFile {
    let file = path(name)
    guard FileManager.default.createFile(atPath: file, contents: nil),
      let handle = FileHandle(forWritingAtPath: file)
    else {
      throw OutputError(path: file, what: "create the file (permission denied or no such folder)")
    }
    return StreamedFile(path: file, handle: handle)
  }

  /// The short reason of a Foundation error, without its user-info dump.
  static func reason(_ error: any Error) -> String {
    // Shared with the store and the readers; on Linux the underlying POSIX error is not an NSError.
    FileError.reason(of: error)
  }
}

/// A file written as results arrive, through a buffer: one system call per 256 KiB instead of one
/// per line (`close()` writes what is left).
public final class StreamedFile {
  /// The file.
  public let path: String
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private static let bufferSize = 1 << 18

  init(path: String, handle: FileHandle) {
    self.path = path
    self.handle = handle
    buffer.reserveCapacity(Self.bufferSize)
  }

  // A run that stops on an error without closing still leaves every line it wrote.
  deinit { try? flush() }

  /// Appends `text`.
  ///
  /// - Throws: ``OutputError`` naming the file.
  public func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.bufferSize { try flush() }
  }

  /// Appends `data` as it is.
  ///
  /// - Throws: ``OutputError`` naming the file.
  public func write(_ data: Data) throws {
    buffer.append(contentsOf: data)
    if buffer.count >= Self.bufferSize { try flush() }
  }

  /// Appends `bytes` and a newline (a line copied as it was read).
  ///
  /// - Throws: ``OutputError`` naming the file.
  public func writeLine(_ bytes: ArraySlice<UInt8>) throws {
    buffer.append(contentsOf: bytes)
    buffer.append(0x0A)
    if buffer.count >= Self.bufferSize { try flush() }
  }

  /// Writes the buffered bytes to the file.
  ///
  /// - Throws: ``OutputError`` naming the file.
  public func flush() throws {
    guard !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      throw OutputError(path: path, what: "append to the file (\(OutputFolder.reason(error)))")
    }
  }

  /// Writes what is buffered and closes the file.
  ///
  /// - Throws: ``OutputError`` naming the file.
  public func close() throws {
    try flush()
    do {
      try handle.close()
    } catch {
      throw OutputError(path: path, what: "close the file (\(OutputFolder.reason(error)))")
    }
  }
}
