import EarshotEvaluation
import EarshotPrivacy
import Testing

@Suite struct RedactionEvaluationTests {
  @Test func theSameSeedGivesTheSameLabeledMessages() {
    let first = RedactionCorpus.generate(count: 200, seed: 7)
    let again = RedactionCorpus.generate(count: 200, seed: 7)
    let other = RedactionCorpus.generate(count: 200, seed: 8)
    #expect(first.map(\.text) == again.map(\.text))
    #expect(first.map(\.text) != other.map(\.text))
    // Every label points at real text: personal data and hard negatives are never empty or out of range.
    for sample in first {
      let size = sample.text.utf8.count
      for span in sample.personal.map(\.range) + sample.negatives.map(\.range) {
        #expect(!span.isEmpty && span.upperBound <= size, "\(sample.text)")
      }
    }
    let kinds = Set(first.flatMap { $0.personal.map(\.kind) })
    #expect(kinds == Set(PIIKind.builtIn))
  }

  @Test func theDefaultRedactorMeetsTheIssueTargets() throws {
    let samples = RedactionCorpus.generate(count: 3000, seed: 15)
    let result = RedactionEvaluation.evaluate(samples, redactor: try RedactionEvaluation.defaultRedactor())
    #expect((result.kinds[.email]?.recall ?? 0) >= 0.99)
    #expect((result.kinds[.card]?.recall ?? 0) >= 0.99)
    #expect((result.kinds[.phone]?.recall ?? 0) >= 0.95)
    #expect(result.negativesIntact >= 0.98)
    #expect(RedactionEvaluation.report(result, seed: 15).contains("targets (issue 15)"))
  }

  @Test func aRedactorWithKindsSwitchedOffMissesThem() throws {
    let samples = RedactionCorpus.generate(count: 300, seed: 3)
    let redactor = try Redactor(settings: PrivacySettings(phone: false))
    let result = RedactionEvaluation.evaluate(samples, redactor: redactor)
    #expect(result.kinds[.phone]?.found == 0)
    #expect((result.kinds[.phone]?.gold ?? 0) > 0)
    #expect(result.errors.contains { $0.hasPrefix("miss  phone") })
  }
}
