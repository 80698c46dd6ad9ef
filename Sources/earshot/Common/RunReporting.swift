import ArgumentParser
import EarshotEngine
import EarshotModel
import EarshotStore

/// What `batch` and `nightly` share: input problems printed as they come (clearing the progress
/// bar first), and a thrown error turned into its message and documented exit code.
enum RunReporting {
  /// Prints an input problem without tearing the progress bar.
  static func diagnosticPrinter(_ progress: ProgressBar) -> (InputDiagnostic) -> Void {
    { diagnostic in
      progress.clear()
      Console.diagnostic(diagnostic)
    }
  }

  /// Prints `error` and returns the exit code it deserves: 64 for usage and configuration
  /// problems (an unusable store URL included), 75 when another run holds the store's lock, 1 for
  /// anything else.
  static func exitCode(for error: any Error, progress: ProgressBar, storePath: String? = nil) -> ExitCode {
    progress.clear()
    switch error {
    case let diagnostic as InputDiagnostic:
      Console.diagnostic(diagnostic)
      return ExitCode(EarshotExitCode.usage.rawValue)
    case let configuration as ConfigurationError:
      Console.error(configuration.description)
      return ExitCode(EarshotExitCode.usage.rawValue)
    case let store as StoreError:
      Console.error(store.description)
      if case .locked = store { return ExitCode(EarshotExitCode.storeLocked.rawValue) }
      if case .badURL = store { return ExitCode(EarshotExitCode.usage.rawValue) }
      return ExitCode(EarshotExitCode.failure.rawValue)
    default:
      Console.error(ErrorLine.text(for: error, storePath: storePath))
      return ExitCode(EarshotExitCode.failure.rawValue)
    }
  }
}
