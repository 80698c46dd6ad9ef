import EarshotPrivacy
import Testing

@Suite struct PatternRedactionTests {
  @Test func configuredPatternsGetTheirNameAsPlaceholder() throws {
    let redactor = try Redactor(settings: PrivacySettings(patterns: ["customer id": #"CUST-\d{6}"#]))
    #expect(
      redactor.redact("Customer CUST-004211 wrote from jane@example.com about order 112-4455667-8899001")
        == "Customer [CUSTOMER_ID] wrote from [EMAIL] about order 112-4455667-8899001")
  }

  @Test func overlappingMatchesKeepTheEarliestAndLongest() throws {
    let redactor = try Redactor(settings: PrivacySettings(patterns: ["handle": #"jane\.doe"#, "domain": "example"]))
    #expect(redactor.redact("mail jane.doe@example.com") == "mail [EMAIL]")
    #expect(redactor.redact("jane.doe wrote") == "[HANDLE] wrote")
  }

  @Test func switchedOffKindsStay() throws {
    let redactor = try Redactor(settings: PrivacySettings(email: false, phone: false))
    let text = "jane@example.com, 020 7946 0958, 4111 1111 1111 1111"
    #expect(redactor.redact(text) == "jane@example.com, 020 7946 0958, [CARD]")
    let off = try Redactor(settings: .off)
    #expect(!off.isActive)
    #expect(off.redact(text) == text)
  }
}
