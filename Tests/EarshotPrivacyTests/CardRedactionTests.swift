import EarshotPrivacy
import Testing

@Suite struct CardRedactionTests {
  @Test(arguments: [
    "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5555 5555 5555 4444", "2223 0031 2200 3222",
    "3782 822463 10005", "378282246310005", "6011 1111 1111 1117", "3530 1113 3330 0000", "3056 9309 0259 04",
    "6200 0000 0000 0005", "4222222222222",
  ])
  func cardNumbersAreReplaced(_ number: String) {
    #expect(redacted("I paid with \(number), exp 12/27.") == "I paid with [CARD], exp 12/27.")
  }

  @Test func aNineteenDigitUnbrokenNumberIsACardOnlyAfterACardWord() {
    #expect(redacted("card 4000 0000 0000 0000 006") == "card [CARD]")
    #expect(redacted("card no 4000000000000000006") == "card no [CARD]")
    #expect(redacted("status 4000000000000000006") == "status 4000000000000000006")
  }

  @Test(arguments: [
    // Luhn fails.
    "I paid with 4111 1111 1111 1112 yesterday",
    // No scheme starts with 1, 7, 8 or 9.
    "tweet id 1234567890123456789 and 9400 1000 0000 0000 0000 00 (USPS)",
    // Luhn-valid, but after "order" / "invoice".
    "order 4111111111111111 shipped",
    "Invoice 5555555555554444 attached",
    // Grouping of an order number, not of a card.
    "ref 411-1111111-1111111",
    // An amount.
    "$4111111111111111",
  ])
  func otherLongNumbersStay(_ input: String) {
    #expect(redacted(input) == input)
  }
}
