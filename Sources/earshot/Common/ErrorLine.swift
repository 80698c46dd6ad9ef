import EarshotEngine
import EarshotModel
import EarshotReporters
import EarshotStore

/// The one line printed for an error that ends a command: `error: <what failed> <file>: <why>`.
///
/// Errors that already name their file and action (`FileError`, `StoreError`, configuration and
/// input diagnostics) print as they are; anything else is cut to its first line, and, when a store
/// was in use, says that the store failed, so no raw `NSError` dump and no `error: error:` reach
/// the terminal.
enum ErrorLine {
  /// The line for `error`; `storePath` names the store the command was using, if any.
  static func text(for error: any Error, storePath: String? = nil) -> String {
    switch error {
    case let file as FileError: return file.description
    case let output as OutputError: return output.description
    case let store as StoreError: return store.description
    case let configuration as ConfigurationError: return configuration.description
    case let diagnostic as InputDiagnostic: return diagnostic.description
    default:
      // Errors that describe themselves compiler-style (`lexicon.tsv:3: error: …`) already say it all.
      let own = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
      if own.hasPrefix("error: ") || own.contains(": error: ") { return own }
      let reason = FileError.reason(of: error)
      if let storePath { return "error: the store \(storePath) failed: \(reason)" }
      return "error: \(reason)"
    }
  }
}
