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
    var bytes: [UInt8] = []
    var offset: Int?
    while true {
      if position >= reader.count {
        guard try reader.readChunk() else {
          guard let offset else { return nil }
          number += 1
          return Line(bytes: bytes, number: number, offset: offset, terminated: false)
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
      bytes.append(contentsOf: reader.buffer[start..<end])
      if end < reader.count {
        position = end + 1
        number += 1
        return Line(bytes: bytes, number: number, offset: offset ?? 0)
      }
      position = end
    }
  }
}
