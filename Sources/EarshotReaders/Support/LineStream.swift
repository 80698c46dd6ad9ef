import EarshotModel

/// Splits a file into lines while reading it in chunks; only the current line is held.
///
/// Lines end at `\n`; a `\r` before it stays part of the line (callers trim it as their format
/// says). The last line may lack its newline.
struct LineStream {
  /// One line without its `\n`.
  struct Line {
    var bytes: [UInt8]
    /// 1-based line number.
    var number: Int
    /// File offset of the line's first byte.
    var offset: Int
    /// Whether a `\n` ended the line (false only for a last line without one).
    var terminated = true
    /// Whether `bytes` is the whole line (false when `next(keepingAtMost:)` left bytes out).
    var complete = true
  }

  private let reader: ChunkedFileReader
  private var position = 0
  private var number = 0

  /// Streams `file`.
  init(file: InputFile, chunkSize: Int = ChunkedFileReader.defaultChunkSize) throws {
    reader = try ChunkedFileReader(file: file, chunkSize: chunkSize)
  }

  /// The next line, or nil at the end of the file.
  ///
  /// - Throws: `InputDiagnostic` when the file cannot be read.
  mutating func next() throws -> Line? {
    try next(keepingAtMost: Int.max)
  }

  /// The next line, keeping at most `limit` of its bytes (the rest is skipped, not held, and the
  /// line is marked incomplete), or nil at the end of the file.
  ///
  /// - Throws: `InputDiagnostic` when the file cannot be read.
  mutating func next(keepingAtMost limit: Int) throws -> Line? {
    var bytes: [UInt8] = []
    var offset: Int?
    var complete = true
    while true {
      if position >= reader.count {
        guard try reader.readChunk() else {
          guard let offset else { return nil }
          number += 1
          return Line(bytes: bytes, number: number, offset: offset, terminated: false, complete: complete)
        }
        position = 0
      }
      if offset == nil { offset = reader.chunkOffset + position }
      let start = position
      let end = reader.buffer.withUnsafeBufferPointer { buffer in
        var index = start
        while index < reader.count, buffer[index] != 0x0A { index += 1 }
        return index
      }
      // `limit` may be Int.max: compare lengths, never add to it.
      let room = max(0, limit - bytes.count)
      let kept = end - start <= room ? end : start + room
      if kept < end { complete = false }
      bytes.append(contentsOf: reader.buffer[start..<kept])
      if end < reader.count {
        position = end + 1
        number += 1
        return Line(bytes: bytes, number: number, offset: offset ?? 0, complete: complete)
      }
      position = end
    }
  }
}
