import EarshotModel
import Foundation

/// Reads Earshot's JSON conversation format: one conversation object per file, or an array of them.
public struct EarshotJSONReader: TranscriptReader {
  public var format: String { "earshot-json" }
  public var summary: String { "Earshot JSON: one conversation object (or an array of them) per file" }

  /// Creates the reader.
  public init() {}

  public func sniff(_ sample: InputSample) -> Bool {
    guard let first = sample.firstSignificantByte, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
      return false
    }
    return sample.text.contains("\"turns\"")
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let data = try file.contents()
    let converter = EarshotJSONConverter(file: file)
    let decoder = JSONDecoder()
    let first = data.first {
      !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF)
    }
    do {
      if first == UInt8(ascii: "[") {
        let documents = try decoder.decode([EarshotJSONDocument].self, from: data)
        for (ordinal, document) in documents.enumerated() {
          try emit(converter.conversation(from: document, line: nil, ordinal: ordinal))
        }
      } else {
        let document = try decoder.decode(EarshotJSONDocument.self, from: data)
        try emit(converter.conversation(from: document, line: nil, ordinal: 0))
      }
    } catch let error as InputDiagnostic {
      throw error
    } catch {
      throw DecodingErrorText.diagnostic(error, file: file, line: nil, data: data)
    }
  }
}
