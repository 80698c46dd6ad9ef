import EarshotModel
import Foundation

/// Reads Earshot JSON Lines: one conversation object per line.
///
/// A malformed line is reported with its line number and the other lines are still read.
public struct EarshotJSONLinesReader: TranscriptReader {
  public var format: String { "earshot-jsonl" }
  public var summary: String { "Earshot JSON Lines: one conversation object per line" }

  /// Creates the reader.
  public init() {}

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
    while let line = try lines.next() {
      if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
      let conversation: Conversation
      do {
        let document = try decoder.decode(EarshotJSONDocument.self, from: Data(line.bytes))
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
}
