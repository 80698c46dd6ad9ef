import EarshotPrivacy
import Testing

@Suite struct IBANRedactionTests {
  @Test(arguments: [
    "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00",
    "FR14 2004 1010 0505 0001 3M02 606", "NL91ABNA0417164300", "CH93 0076 2011 6238 5295 7", "BE68 5390 0754 7034",
    "gb82 west 1234 5698 7654 32",
  ])
  func ibansAreReplaced(_ iban: String) {
    #expect(redacted("Refund to \(iban) please.") == "Refund to [IBAN] please.")
  }

  @Test(arguments: [
    // Check digits wrong.
    "Refund to GB83 WEST 1234 5698 7654 32 please.",
    // Too short for its country.
    "Refund to DE89 3704 0044 0532 0130 please.",
    // Not a country with IBANs.
    "Code ZZ12 3456 7890 1234 5678 90",
    "Flight BA283 and part AB12CD34",
  ])
  func otherCodesStay(_ input: String) {
    #expect(redacted(input) == input)
  }
}
