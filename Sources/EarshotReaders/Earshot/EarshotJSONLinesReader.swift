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

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let data = try file.contents()
    let converter = EarshotJSONConverter(file: file)
    let decoder = JSONDecoder()
    var lineNumber = 0
    var ordinal = 0
    var start = data.startIndex
    while start < data.endIndex {
      lineNumber += 1
      let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
      let line = data[start..<end]
      start = end == data.endIndex ? end : data.index(after: end)
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
      do {
        let document = try decoder.decode(EarshotJSONDocument.self, from: Data(line))
        try emit(converter.conversation(from: document, line: lineNumber, ordinal: ordinal))
        ordinal += 1
      } catch let error as InputDiagnostic {
        diagnose(error)
      } catch {
        diagnose(DecodingErrorText.diagnostic(error, file: file, line: lineNumber, data: Data(line)))
      }
    }
  }
}
