import EarshotModel
import Foundation

/// Reads a JSON Lines file one line at a time, in 1 MiB chunks, so merging shards never holds a
/// whole `conversations.jsonl` in memory.
final class LineReader {
  /// The file.
  let path: String
  /// Lines returned so far (the 1-based number of the last one).
  private(set) var lineNumber = 0
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEnd = false

  /// Opens `path`.
  ///
  /// - Throws: ``MergeError`` when the file cannot be opened.
  init(path: String) throws {
    self.path = path
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw MergeError(path, "cannot open the file (missing, or permission denied)")
    }
    self.handle = handle
  }

  deinit { try? handle.close() }

  /// The next line without its line feed, or nil at the end of the file.
  ///
  /// - Throws: ``MergeError`` when the file cannot be read, or its last line has no line feed
  ///   (a file cut off while it was written).
  func next() throws -> ArraySlice<UInt8>? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        let line = buffer[start..<newline]
        start = newline + 1
        lineNumber += 1
        return line
      }
      if atEnd {
        guard start == buffer.count else {
          throw MergeError(path, line: lineNumber + 1, "the last line has no line feed; the file was cut off")
        }
        return nil
      }
      try fill()
    }
  }

  private func fill() throws {
    buffer.removeSubrange(0..<start)
    start = 0
    let chunk: Data?
    do {
      chunk = try handle.read(upToCount: 1 << 20)
    } catch {
      throw MergeError(path, "cannot read the file (\(FileError.reason(of: error)))")
    }
    guard let chunk, !chunk.isEmpty else {
      atEnd = true
      return
    }
    buffer.append(contentsOf: chunk)
  }
}
