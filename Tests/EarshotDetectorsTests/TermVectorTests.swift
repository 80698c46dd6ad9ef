import EarshotDetectors
import EarshotText
import Testing

@Suite struct TermVectorTests {
  func vector(_ text: String) -> TermVector {
    TermVector(TokenizedText(text), stopwords: DetectorHarness.resources.lexicons.stopwords, corpus: .empty)
  }

  @Test func cosineOfSharedAndDisjointTerms() {
    let question = vector("Where can I renew my driving licence?")
    #expect(abs(question.cosine(question) - 1) < 1e-12)
    #expect(question.cosine(vector("Lovely weather at the beach")) == 0)
    let partial = question.cosine(vector("You renew it at the traffic department"))
    #expect(partial > 0 && partial < 1)
  }

  @Test func cosineIsSymmetricToTheLastBit() {
    // Summed in stem order, so both directions (and every run) give the same double.
    let first = vector("visa renewal medical fingerprint office Doha sponsor company letter")
    let second = vector("the company sponsor gives a letter for the medical and the visa office")
    #expect(first.cosine(second) == second.cosine(first))
  }
}
