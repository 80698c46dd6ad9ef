import Foundation

/// Writes to the terminal; diagnostics go to stderr so stdout stays clean for JSON.
enum Console {
  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
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
