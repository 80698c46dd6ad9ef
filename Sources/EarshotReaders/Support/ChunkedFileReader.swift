import EarshotModel
import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

/// Reads a file front to back with read(2) into one reused buffer of fixed size.
///
/// Streaming readers hold this buffer plus the record they are assembling, never the file: memory
/// stays flat whatever the file's size (a mapped `Data` would keep every touched page resident).
final class ChunkedFileReader {
  /// The default chunk: large enough that system calls cost nothing next to parsing.
  static let defaultChunkSize = 256 * 1024

  private let descriptor: Int32
  /// The path used in diagnostics.
  let path: String
  /// The bytes of the last chunk read; only `buffer[0..<count]` is valid.
  private(set) var buffer: [UInt8]
  /// How many bytes of `buffer` the last read filled.
  private(set) var count = 0
  /// The file offset of `buffer[0]`.
  private(set) var chunkOffset = 0
  /// Whether the end of the file was reached.
  private(set) var atEnd = false

  /// Opens `file` for reading.
  ///
  /// - Throws: `InputDiagnostic` when the file cannot be opened.
  init(file: InputFile, chunkSize: Int = ChunkedFileReader.defaultChunkSize, startingAt offset: Int = 0) throws {
    // Non-blocking open, then fstat: a FIFO without a writer must not hang the run, and only
    // regular files are read (as `InputFile.contents()` does).
    descriptor = open(file.url.path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else {
      let reason = String(cString: strerror(errno))
      throw InputDiagnostic(file: file.path, "cannot read file: \(reason)")
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw InputDiagnostic(
        file: file.path, "cannot read file: not a regular file (a FIFO, device or socket); only regular files are read")
    }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    if offset > 0 {
      guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else {
        close(descriptor)
        throw InputDiagnostic(file: file.path, byteOffset: offset, "cannot read file: cannot seek to the offset")
      }
      chunkOffset = offset
    }
    path = file.path
    buffer = [UInt8](repeating: 0, count: max(chunkSize, 16))
  }

  deinit { close(descriptor) }

  /// Reads the next chunk into `buffer`; returns false at the end of the file.
  ///
  /// - Throws: `InputDiagnostic` naming the byte offset when the read fails.
  func readChunk() throws -> Bool {
    guard !atEnd else { return false }
    chunkOffset += count
    var read = 0
    repeat {
      read = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
    } while read < 0 && errno == EINTR
    guard read >= 0 else {
      let reason = String(cString: strerror(errno))
      throw InputDiagnostic(file: path, byteOffset: chunkOffset, "cannot read file: \(reason)")
    }
    count = read
    if read == 0 { atEnd = true }
    return read > 0
  }
}
