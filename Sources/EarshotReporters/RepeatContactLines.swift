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

  /// Runs the repeat-contact pass over every result of a `conversations.jsonl` file and rewrites
  /// it: for `earshot merge`, after the shards' lines are written into one file. Lines of earlier
  /// conversations get their `repeat_contact` finding, lines whose finding came from a pass over
  /// fewer results (one shard's) lose it, every other line is copied byte for byte. Only the
  /// results with a `customer_key` are decoded and only their contacts are held in memory.
  ///
  /// Totals merged from the shards then take the answer with
  /// `aggregation.clearRepeatContacts(); aggregation.addRepeatContacts(repeats)`.
  ///
  /// - Returns: the repeat contacts, sorted by the earlier conversation.
  /// - Throws: ``OutputError`` naming the file when it cannot be read, decoded or written.
  @discardableResult
  public static func applyPass(toFile path: String, settings: RepeatContactSettings) throws -> [RepeatContact] {
    var contacts: [CustomerContact] = []
    var linesOf: [ConversationReference: [Int]] = [:]
    var stale: [Int] = []
    try forEachLine(path) { number, line in
      let text = String(decoding: line, as: UTF8.self)
      if text.contains("\"detector\":\"\(RepeatContacts.detector)\"") { stale.append(number) }
      guard text.contains("\"customer_key\"") else { return }
      let result: ConversationResult
      do {
        result = try decode(text)
      } catch {
        throw OutputError(path: path, what: "decode line \(number + 1) as a result (\(error))")
      }
      guard let contact = CustomerContact(result) else { return }
      contacts.append(contact)
      linesOf[contact.reference, default: []].append(number)
    }
    let repeats = RepeatContacts.find(contacts, settings: settings)
    var changes: [Int: RepeatContact?] = Dictionary(uniqueKeysWithValues: stale.map { ($0, nil) })
    for repeated in repeats {
      for line in linesOf[repeated.earlier.reference] ?? [] { changes[line] = repeated }
    }
    try rewrite(path: path, repeats: changes)
    return repeats
  }

  /// Calls `body` with each line (0-based number, bytes without the line break), reading the file
  /// in 1 MiB chunks.
  static func forEachLine(_ path: String, _ body: (Int, Data) throws -> Void) throws {
    guard let input = FileHandle(forReadingAtPath: path) else {
      throw OutputError(path: path, what: "read the file")
    }
    defer { try? input.close() }
    var pending = Data()
    var number = 0
    do {
      while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
        pending.append(chunk)
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: 0x0A) {
          try body(number, pending[start..<newline])
          number += 1
          start = newline + 1
        }
        pending = Data(pending[start...])
      }
    } catch let error as OutputError {
      throw error
    } catch {
      throw OutputError(path: path, what: "read the file (\(OutputFolder.reason(error)))")
    }
    if !pending.isEmpty { try body(number, pending) }
  }

  /// Rewrites the file at `path`: each line whose 0-based number is a key of `repeats` is decoded,
  /// loses any `repeat_contact` finding and gains the given one (nil removes it), and is
  /// re-encoded; the file is replaced atomically.
  ///
  /// - Throws: ``OutputError`` naming the file when it cannot be read, decoded or written.
  public static func rewrite(path: String, repeats: [Int: RepeatContact?]) throws {
    guard !repeats.isEmpty else { return }
    let temporary = path + ".repeat-contacts.tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: nil),
      let output = FileHandle(forWritingAtPath: temporary)
    else { throw OutputError(path: temporary, what: "create the file") }
    do {
      var buffer = Data()
      try forEachLine(path) { number, line in
        if let change = repeats[number] {
          let result: ConversationResult
          do {
            result = try decode(String(decoding: line, as: UTF8.self))
          } catch {
            throw OutputError(path: path, what: "decode line \(number + 1) to add a repeat contact (\(error))")
          }
          buffer.append(Data((result.applying(repeatContact: change).compactJSON() + "\n").utf8))
        } else {
          buffer.append(line)
          buffer.append(0x0A)
        }
        if buffer.count >= 1 << 20 {
          try output.write(contentsOf: buffer)
          buffer.removeAll(keepingCapacity: true)
        }
      }
      try output.write(contentsOf: buffer)
      try output.close()
      // rename(2) replaces the file atomically (Foundation's replaceItemAt does not on Linux).
      guard rename(temporary, path) == 0 else {
        throw OutputError(path: path, what: "replace the file with its rewritten copy (errno \(errno))")
      }
    } catch {
      try? output.close()
      try? FileManager.default.removeItem(atPath: temporary)
      if let error = error as? OutputError { throw error }
      throw OutputError(path: path, what: "rewrite the file with repeat contacts (\(OutputFolder.reason(error)))")
    }
  }
}
