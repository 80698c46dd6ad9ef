import EarshotModel
import EarshotScoring
import Foundation

/// Applies the repeat-contact pass's answer to a `conversations.jsonl` file already written: the
/// lines of earlier conversations get their `repeat_contact` finding, every other line is copied
/// byte for byte. Streams through the file, so memory does not grow with its size.
public enum RepeatContactLines {
  /// Decodes one line of `conversations.jsonl` (or a result stored as JSON).
  ///
  /// - Throws: `DecodingError` when it is not a result.
  public static func decode(_ line: String) throws -> ConversationResult {
    try JSONCoding.decoder(snakeCase: true).decode(ConversationResult.self, from: Data(line.utf8))
  }

  /// Rewrites the file at `path`: each line whose 0-based number is a key of `repeats` is decoded,
  /// loses any `repeat_contact` finding and gains the given one (nil removes it), and is
  /// re-encoded; the file is replaced atomically.
  ///
  /// - Throws: ``OutputError`` naming the file when it cannot be read, decoded or written.
  public static func rewrite(path: String, repeats: [Int: RepeatContact?]) throws {
    guard !repeats.isEmpty else { return }
    guard let input = FileHandle(forReadingAtPath: path) else {
      throw OutputError(path: path, what: "read the file back to add repeat contacts")
    }
    defer { try? input.close() }
    let temporary = path + ".repeat-contacts.tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: nil),
      let output = FileHandle(forWritingAtPath: temporary)
    else { throw OutputError(path: temporary, what: "create the file") }
    do {
      var pending = Data()
      var lineNumber = 0
      var buffer = Data()
      func flush(_ line: Data) throws {
        if let change = repeats[lineNumber] {
          let text = String(decoding: line, as: UTF8.self)
          let result: ConversationResult
          do {
            result = try decode(text)
          } catch {
            throw OutputError(path: path, what: "decode line \(lineNumber + 1) to add a repeat contact (\(error))")
          }
          buffer.append(Data((result.applying(repeatContact: change).compactJSON() + "\n").utf8))
        } else {
          buffer.append(line)
          buffer.append(0x0A)
        }
        lineNumber += 1
        if buffer.count >= 1 << 20 {
          try output.write(contentsOf: buffer)
          buffer.removeAll(keepingCapacity: true)
        }
      }
      while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
        pending.append(chunk)
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: 0x0A) {
          try flush(pending[start..<newline])
          start = newline + 1
        }
        pending = Data(pending[start...])
      }
      if !pending.isEmpty { try flush(pending) }
      try output.write(contentsOf: buffer)
      try output.close()
      // rename(2) replaces the file atomically (Foundation's replaceItemAt does not on Linux).
      guard rename(temporary, path) == 0 else {
        throw OutputError(path: path, what: "replace the file with its rewritten copy (errno \(errno))")
      }
    } catch let error as OutputError {
      try? FileManager.default.removeItem(atPath: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw OutputError(path: path, what: "rewrite the file with repeat contacts (\(OutputFolder.reason(error)))")
    }
  }
}
