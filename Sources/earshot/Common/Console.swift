import EarshotModel
import Foundation

/// Writes to the terminal; diagnostics go to stderr so stdout stays clean for JSON.
enum Console {
  /// Prints one line to stderr with control characters escaped (`\n`, `\u{1B}`): messages name
  /// files and quote input, and neither may forge a line or drive the terminal.
  static func error(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(text) + "\n").utf8))
  }

  /// Prints one diagnostic on one line (see `InputDiagnostic.terminalLine`).
  static func diagnostic(_ diagnostic: InputDiagnostic) {
    FileHandle.standardError.write(Data((diagnostic.terminalLine + "\n").utf8))
  }

  static func output(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  /// Colors only on a terminal, and never when NO_COLOR is set.
  static var useColors: Bool {
    stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }
}
