import EarshotEvaluation
import EarshotTestSupport
import Foundation
import Testing

/// The redactor on real tweets (`../shared/corpora/twcs/twcs_dev.csv`, beside the package root).
/// Skipped, with the reason in the test's name and comment, where that corpus is not checked out.
@Suite struct RedactionRealTextTests {
  static let twcs = PackagePaths.root.appendingPathComponent("../shared/corpora/twcs/twcs_dev.csv").standardized.path
  static var hasCorpus: Bool { FileManager.default.fileExists(atPath: twcs) }

  // Every replacement in these tweets was read by hand (docs/privacy.md): 19 phone numbers, no
  // card, no IBAN, no e-mail address (the export replaces addresses with __email__). The order
  // numbers, tracking ids, prices and dates in them must come through untouched.
  @Test(.enabled(if: hasCorpus, "needs ../shared/corpora/twcs/twcs_dev.csv beside the package root"))
  func tweetsLoseTheirPhoneNumbersAndKeepEverythingElse() throws {
    let texts = RedactionCorpusCheck.turnTexts(at: [Self.twcs])
    #expect(texts.count > 3000)
    let redactor = try RedactionEvaluation.defaultRedactor()
    let result = RedactionCorpusCheck.check(texts, redactor: redactor)
    #expect(result.counts["card"] == nil)
    #expect(result.counts["iban"] == nil)
    #expect(result.counts["email"] == nil)
    #expect((15...25).contains(result.counts["phone"] ?? 0))
    for (_, context) in result.contexts {
      let value = context.split(separator: "⟦").last?.split(separator: "⟧").first ?? ""
      #expect(value.filter(\.isNumber).count >= 7, "\(context)")
    }
    // An order number and a product code from these tweets stay readable.
    for kept in ["Order# 3632693-6196346", "DPCI 030-02-8711"] {
      let text = try #require(texts.first { $0.contains(kept) })
      #expect(redactor.redact(text).contains(kept))
    }
  }
}
