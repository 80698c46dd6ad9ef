import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// Paths to the e-mail fixtures and small helpers to read them.
enum EmailFixtures {
  /// The `Fixtures/email` folder copied into the test bundle.
  static func folder() throws -> URL {
    let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return fixtures.appendingPathComponent("email")
  }

  /// An input file for `relative` under `Fixtures/email`.
  static func file(_ relative: String) throws -> InputFile {
    InputFile(path: try folder().appendingPathComponent(relative).path)
  }

  /// Every regular file under `relative`, as inputs.
  static func files(under relative: String) throws -> [InputFile] {
    let root = try folder().appendingPathComponent(relative).path
    let enumerator = FileManager.default.enumerator(atPath: root)
    var files: [InputFile] = []
    while let path = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let full = root + "/" + path
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
        files.append(InputFile(path: full))
      }
    }
    return files.sorted { $0.path < $1.path }
  }

  /// Reads one message file with the single-message reader.
  static func read(
    _ relative: String, options: EmailReaderOptions = EmailReaderOptions()
  ) throws -> (conversations: [Conversation], diagnostics: [InputDiagnostic]) {
    try EmailMessageReader(options: options).readAll(file(relative))
  }

  /// Reads a group of files as the engine would (one `read(group:)` call).
  static func readGroup(
    _ files: [InputFile], options: EmailReaderOptions = EmailReaderOptions()
  ) throws -> (conversations: [Conversation], diagnostics: [InputDiagnostic]) {
    var conversations: [Conversation] = []
    var diagnostics: [InputDiagnostic] = []
    try EmailMessageReader(options: options).read(
      group: files, emit: { conversations.append($0) }, diagnose: { diagnostics.append($0) })
    return (conversations, diagnostics)
  }

  /// Writes `text` to a fresh temporary file and returns it.
  static func temporary(_ text: String, name: String = "message.eml") throws -> InputFile {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-email-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return InputFile(path: url.path)
  }

  /// Parses an inline message and returns its only turn's stripped text and attributes.
  static func strip(_ body: String) -> StrippedText {
    QuoteStripper.strip(body)
  }
}
