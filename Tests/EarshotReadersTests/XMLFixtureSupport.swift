import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// Locates test fixtures copied into the test bundle.
enum ReaderFixtures {
  /// The `Fixtures` folder of the test bundle.
  static func root() throws -> URL {
    try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
  }

  /// The fixture at `relativePath` (e.g. `xml/nps/11-08-adults-excerpt.xml`) as an input file.
  static func file(_ relativePath: String) throws -> InputFile {
    InputFile(path: try root().appendingPathComponent(relativePath).path)
  }

  /// Every XML and export reader, as the registry lists them.
  static var readers: [any TranscriptReader] {
    XMLFormats.readers(ExportReaderOptions()) + ExportFormats.readers(ExportReaderOptions())
  }

  /// The formats of the XML and export readers that claim `file`.
  static func claimants(_ file: InputFile) throws -> [String] {
    let sample = InputSample(file: file, head: try file.head())
    return readers.filter { $0.sniff(sample) }.map(\.format)
  }

  /// Reads `file` with `reader`, expecting it to throw an `InputDiagnostic`; returns the diagnostic.
  static func expectRefusal(_ reader: any TranscriptReader, _ file: InputFile) -> InputDiagnostic? {
    var emitted = 0
    do {
      try reader.read(file, emit: { _ in emitted += 1 }, diagnose: { _ in })
    } catch let diagnostic as InputDiagnostic {
      #expect(emitted == 0)
      return diagnostic
    } catch {
      Issue.record("expected an InputDiagnostic, got \(error)")
    }
    return nil
  }
}
