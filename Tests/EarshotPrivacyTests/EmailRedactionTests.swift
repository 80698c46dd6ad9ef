import EarshotPrivacy
import Testing

@Suite struct EmailRedactionTests {
  @Test(arguments: [
    ("Please reply to jane.doe@example.com today.", "Please reply to [EMAIL] today."),
    ("my email is J.Smith+orders@mail.example.co.uk, thanks", "my email is [EMAIL], thanks"),
    ("Contact: <support-team_2@help.example.org>", "Contact: <[EMAIL]>"),
    ("Email me (bob.o.neil@sub.domain.example.photography).", "Email me ([EMAIL])."),
    ("mailto:anna.k@example.de?subject=refund", "mailto:[EMAIL]?subject=refund"),
    ("Écrivez à josé.garcía@correo.example.es s'il vous plaît", "Écrivez à [EMAIL] s'il vous plaît"),
    ("12345@numbers.example.net wrote:", "[EMAIL] wrote:"),
    ("JOHN.DOE@EXAMPLE.COM", "[EMAIL]"),
  ])
  func addressesAreReplaced(_ input: String, _ expected: String) {
    #expect(redacted(input) == expected)
  }

  @Test(arguments: [
    "Thanks @AmazonHelp for the quick reply",
    "Meet me @ 5pm at the store",
    "the file image001.png@01D2C3F4.5A6B7C80 was attached",
    "Follow us on https://mastodon.example/@support for updates",
    "costs 3 @ $4.99 each",
    "user@localhost cannot receive mail",
  ])
  func nonAddressesStay(_ input: String) {
    #expect(redacted(input) == input)
  }

  @Test func addressInsideALinkIsReplacedAndTheLinkKept() {
    #expect(
      redacted("Unsubscribe: https://example.com/unsub?email=jane@example.com&id=2024")
        == "Unsubscribe: https://example.com/unsub?email=[EMAIL]&id=2024")
  }

  @Test func matchesReportKindAndByteRange() {
    let text = "café → jane@example.com"
    let matches = defaultRedactor.matches(in: text)
    #expect(matches.count == 1)
    #expect(matches.first?.kind == .email)
    let bytes = Array(text.utf8)
    let range = matches.first?.range ?? 0..<0
    #expect(String(decoding: bytes[range], as: UTF8.self) == "jane@example.com")
  }
}
