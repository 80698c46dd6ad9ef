import EarshotModel
import Testing

/// What reaches the terminal about an input is one line without control characters.
@Suite struct TerminalTextTests {
  @Test func forgedDiagnosticLineStaysOnItsLine() {
    let name = "in/evil.txt\nevil.txt:1: error: forged\u{1B}[2J.txt"
    let diagnostic = InputDiagnostic(file: name, line: 3, "expected a turn")
    #expect(
      diagnostic.terminalLine
        == #"in/evil.txt\nevil.txt:1: error: forged\u{1B}[2J.txt:3: error: expected a turn"#)
    #expect(!diagnostic.terminalLine.contains("\n"))
  }

  @Test func controlsAndBidiOverridesAreEscapedAndTextIsKept() {
    #expect(TerminalText.escaped("plain café ✓") == "plain café ✓")
    #expect(TerminalText.escaped("a\tb\r\n") == #"a\tb\r\n"#)
    #expect(TerminalText.escaped("bell\u{7}del\u{7F}c1\u{9B}") == #"bell\u{7}del\u{7F}c1\u{9B}"#)
    #expect(TerminalText.escaped("txt.\u{202E}fdp") == #"txt.\u{202E}fdp"#)
    // A backslash is doubled, so a name holding the two characters `\n` is not taken for a newline.
    #expect(TerminalText.escaped(#"a\nb"#) == #"a\\nb"#)
  }

  @Test func warningsSayWarning() {
    let warning = InputDiagnostic.warning(SourceLocation(file: "m.eml", line: 4), "bad date")
    #expect(warning.description == "m.eml:4: warning: bad date")
    #expect(warning.isWarning)
  }
}
