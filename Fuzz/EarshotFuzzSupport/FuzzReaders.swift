import EarshotModel
import EarshotReaders

/// Feeds one fuzz input to a fixed list of readers, forced as `--input-format` would force them, so
/// every reader meets every input whatever its sniffing would say.
public struct FuzzReaders: Sendable {
  /// The readers, in the order given.
  public let readers: [any TranscriptReader]
  /// The input's path relative to the scratch folder (some readers look at names and folders).
  public let fileName: String

  /// Looks the readers up by format identifier in the built-in registry. An unknown identifier
  /// stops the target at start-up: a renamed format must fail loudly rather than fuzz nothing.
  public init(formats: [String], fileName: String) {
    let registry = ReaderRegistry.builtIn()
    readers = formats.map { format in
      guard let reader = registry.reader(forFormat: format) else {
        fatalError("earshot-fuzz: no reader for format '\(format)'; known: \(registry.formats)")
      }
      return reader
    }
    self.fileName = fileName
  }

  /// Writes `bytes` to the scratch file and reads it with every reader. Thrown diagnostics and
  /// per-record diagnostics are the expected outcome for most inputs; only traps, sanitizer reports,
  /// leaks and hangs are findings. Returns the conversations read, for targets that go on to score.
  @discardableResult
  public func read(_ bytes: UnsafeRawBufferPointer) -> [Conversation] {
    let file = FuzzScratch.write(bytes, to: fileName)
    var conversations: [Conversation] = []
    for reader in readers {
      do {
        try reader.read(file, emit: { conversations.append($0) }, diagnose: { FuzzChecks.check($0, file: file) })
      } catch let diagnostic as InputDiagnostic {
        FuzzChecks.check(diagnostic, file: file)
      } catch {
        // Other errors reach the batch as a message without a place; not a crash, so not a finding here.
      }
    }
    return conversations
  }
}
