/// Escaping for everything `report.md` quotes: agent and company names, reasons, evidence text,
/// conversation ids and file names all come from transcripts, and must read as text, never as
/// Markdown or HTML (a `<script>` in a transcript, a `|` in a name, a backtick in an id).
enum MarkdownText {
  /// Inline text: HTML's `&`, `<`, `>` become entities; Markdown's emphasis, link, code, table and
  /// escape characters get a backslash; line breaks and other control characters become spaces, so
  /// a quoted text cannot end its line or start a new block.
  static func text(_ raw: String) -> String {
    var output = ""
    output.reserveCapacity(raw.utf8.count)
    let scalars = Array(raw.unicodeScalars)
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "_"
      where index > 0 && index + 1 < scalars.count && isWordScalar(scalars[index - 1])
        && isWordScalar(scalars[index + 1]):
        // Inside a word (`premature_pitch`) an underscore can neither open nor close emphasis.
        output += "_"
      case "\\", "`", "*", "_", "[", "]", "|", "~":
        output += "\\"
        output.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
          output += " "
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output
  }

  private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  /// A code span holding `raw` literally: fenced by one more backtick than the longest run inside
  /// (CommonMark), padded with a space when the content starts or ends with a backtick, and on one line.
  static func code(_ raw: String) -> String {
    var content = ""
    var longest = 0
    var run = 0
    for scalar in raw.unicodeScalars {
      if scalar == "`" {
        run += 1
        longest = max(longest, run)
      } else {
        run = 0
      }
      let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
      content.unicodeScalars.append(isControl ? " " : scalar)
    }
    if content.isEmpty { return "` `" }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = content.hasPrefix("`") || content.hasSuffix("`") ? " " : ""
    return fence + pad + content + pad + fence
  }
}
