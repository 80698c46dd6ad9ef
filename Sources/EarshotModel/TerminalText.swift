/// Text made safe to print on a terminal: one line, no control characters.
///
/// Diagnostics quote file names and input text, and both come from untrusted input: a file name
/// holding a newline could forge an `evil.txt:1: error:` line, and an escape byte could run terminal
/// escape sequences. Everything printed to the terminal about an input goes through `escaped(_:)`.
public enum TerminalText {
  /// `text` with control characters escaped as Swift writes them (`\n`, `\r`, `\t`, `\u{1B}`),
  /// C1 controls and bidirectional overrides too (`\u{202E}` can reverse what a line seems to say),
  /// and backslashes doubled so an escaped newline and a literal `\n` in a name stay distinct.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var output = ""
    output.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\\": output += "\\\\"
      default:
        if needsEscape(scalar) {
          output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output
  }

  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true  // C0 controls (newline, escape…), DEL, C1 controls
    case 0x5C: true  // backslash, so escapes stay unambiguous
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional marks and overrides
    case 0x2028, 0x2029: true  // line and paragraph separators
    default: false
    }
  }
}

extension InputDiagnostic {
  /// The compiler-style line for a terminal: `description` with control characters escaped.
  public var terminalLine: String { TerminalText.escaped(description) }
}
