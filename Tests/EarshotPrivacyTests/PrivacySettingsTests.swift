import EarshotPrivacy
import Foundation
import Testing

@Suite struct PrivacySettingsTests {
  @Test func missingKeysKeepTheirDefaults() throws {
    let decoded = try JSONDecoder().decode(
      PrivacySettings.self,
      from: Data(#"{"phone": false, "patterns": {"ticket": "TKT-[0-9]+"}, "terminal": false}"#.utf8))
    var expected = PrivacySettings()
    expected.phone = false
    expected.patterns = ["ticket": "TKT-[0-9]+"]
    expected.terminal = false
    #expect(decoded == expected)
    #expect(try JSONDecoder().decode(PrivacySettings.self, from: Data("{}".utf8)) == PrivacySettings())
  }

  @Test func settingsRoundTrip() throws {
    let settings = PrivacySettings(card: false, patterns: ["x": "X[0-9]{4}"], report: false)
    let data = try JSONEncoder().encode(settings)
    #expect(try JSONDecoder().decode(PrivacySettings.self, from: data) == settings)
  }

  @Test func aBadPatternIsReportedByName() {
    let settings = PrivacySettings(patterns: ["good": "A[0-9]+", "broken id": "CUST-(\\d+"])
    #expect(throws: PrivacySettingsError.self) { try settings.validate() }
    do {
      try settings.validate()
    } catch {
      #expect("\(error)".contains("privacy.patterns.broken id"))
    }
    #expect(throws: PrivacySettingsError.self) { try Redactor(settings: settings) }
  }

  @Test func patternsThatMatchNothingOrHaveNoNameAreRefused() {
    #expect(throws: PrivacySettingsError.self) { try PrivacySettings(patterns: ["empty": "x*"]).validate() }
    #expect(throws: PrivacySettingsError.self) { try PrivacySettings(patterns: ["--": "x"]).validate() }
    #expect(throws: Never.self) { try PrivacySettings(patterns: ["order-ref": "ORD[0-9]{6}"]).validate() }
  }

  @Test func outputsFollowTheSwitches() {
    let settings = PrivacySettings(store: true, report: false)
    #expect(settings.applies(to: .store))
    #expect(!settings.applies(to: .report))
    #expect(!PrivacySettings.off.applies(to: .store))
    #expect(!PrivacySettings(email: false, phone: false, card: false, iban: false).applies(to: .store))
  }
}
