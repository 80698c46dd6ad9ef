import EarshotText
import Foundation
import Testing

/// The readers' own trimming must remove exactly what Foundation's did, so switching changed no output.
@Suite struct NativeTrimmingTests {
  static let samples: [String] = [
    "", " ", "\t", "plain", "  Agent Bob  ", "\tCustomer Dana:\t", " \u{00A0}non-breaking\u{00A0} ",
    "\u{3000}ideographic space\u{3000}", "\u{2003}em space\u{2009}", "line\n", "\r\n crlf \r\n",
    "\u{0085}next line\u{0085}", "\u{2028}separators\u{2029}", "\u{000B}vertical tab\u{000C}",
    " \u{0301}combining after a space", "emoji 👋🏽 ", " 中文 ", "\u{200B}zero width\u{200B}",
    "\u{FEFF}bom", "  ", "a \t b",
  ]

  @Test(arguments: samples) func spacesAsFoundation(_ text: String) {
    #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    #expect(text[...].trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
  }

  @Test(arguments: samples) func spacesAndNewlinesAsFoundation(_ text: String) {
    #expect(text.trimmingSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
