import EarshotModel
import Foundation

/// Reads Earshot JSON Lines: one conversation object per line.
///
/// A malformed line is reported with its line number and the other lines are still read.
public struct EarshotJSONLinesReader: TranscriptReader {
  public var format: String { "earshot-jsonl" }
  public var summary: String { "Earshot JSON Lines: one conversation object per line" }

  /// Turns per conversation, applied while reading a long line (see `streamedLineBytes`).
  public var limits: ConversationLimits
  /// Lines longer than this are not held: they are scanned from the file like an Earshot JSON
  /// document, keeping only the first `limits.maxTurns` turns, so one line of millions of turns
  /// costs the limit's worth of memory. Shorter lines are decoded whole.
  public var streamedLineBytes: Int

  /// Creates the reader.
  public init(limits: ConversationLimits = ConversationLimits(), streamedLineBytes: Int = 8 << 20) {
    self.limits = limits
    self.streamedLineBytes = max(1, streamedLineBytes)
  }

  public func sniff(_ sample: InputSample) -> Bool {
    guard sample.firstSignificantByte == UInt8(ascii: "{"), sample.text.contains("\"turns\"") else { return false }
    if ["jsonl", "ndjson"].contains(sample.file.pathExtension) { return true }
    // Two objects on separate lines: the first line closes its object before the second begins.
    let lines = sample.text.split(separator: "\n", omittingEmptySubsequences: true)
    guard lines.count >= 2, let firstLine = lines.first?.trimmingCharacters(in: .whitespaces) else { return false }
    return firstLine.hasSuffix("}") && lines[1].trimmingCharacters(in: .whitespaces).hasPrefix("{")
      && (try? JSONSerialization.jsonObject(with: Data(firstLine.utf8))) != nil
  }

  /// Reads the file line by line in chunks; only the current line is held.
  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    var lines = try LineStream(file: file)
    let converter = EarshotJSONConverter(file: file)
    let decoder = JSONDecoder()
    var ordinal = 0
    while let line = try lines.next(keepingAtMost: streamedLineBytes) {
      if !line.complete {
        if let conversation = try readLongLine(
          line, of: file, converter: converter, ordinal: ordinal, diagnose: diagnose)
        {
          try emit(conversation)
          ordinal += 1
        }
        continue
      }
      if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
      let conversation: Conversation
      do {
        let document = try EarshotJSONDocument.decode(line.bytes, fallback: decoder)
        conversation = try converter.locatedConversation(from: document, line: line.number, ordinal: ordinal)
      } catch {
        let start = JSONPosition(offset: line.offset, line: line.number, column: 1)
        diagnose(DecodingErrorText.diagnostic(error, file: file, bytes: line.bytes, start: start))
        continue
      }
      try emit(conversation)
      ordinal += 1
    }
  }

  /// A line too long to hold, scanned from the file with the turn limit applied while scanning;
  /// nil when it held no conversation (its problem went to `diagnose`). What follows the line's
  /// first value on the same line is not read.
  private func readLongLine(
    _ line: LineStream.Line, of file: InputFile, converter: EarshotJSONConverter, ordinal: Int,
    diagnose: (InputDiagnostic) -> Void
  ) throws -> Conversation? {
    var stream = try JSONElementStream(
      file: file, startingAt: JSONPosition(offset: line.offset, line: line.number, column: 1))
    stream.turnLimit = limits.maxTurns
    let element: JSONElement
    do {
      guard let next = try stream.next() else { return nil }
      element = next
    } catch let problem as JSONStreamProblem {
      diagnose(DecodingErrorText.diagnostic(problem, file: file))
      return nil
    }
    do {
      let document = try EarshotJSONDocument.decode(element.bytes, fallback: JSONDecoder())
      let conversation = try converter.locatedConversation(from: document, line: line.number, ordinal: ordinal)
      if let firstLeftOut = element.firstLeftOut {
        // The turns past the limit were counted, not kept: reported as `ConversationLimits` would.
        diagnose(
          limits.truncation(
            of: conversation.id, turns: element.turnCount, firstLeftOut: firstLeftOut.location(file.path)))
      }
      return conversation
    } catch {
      diagnose(
        DecodingErrorText.syntax(element.bytes, file: file, start: element.start)
          ?? DecodingErrorText.diagnostic(error, file: file, bytes: element.bytes, start: element.start))
      return nil
    }
  }
}
