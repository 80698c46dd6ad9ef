import EarshotText
import Testing

@Suite struct SentenceSplitterTests {
  func sentences(_ text: String) -> [String] {
    let tokenized = TokenizedText(text)
    return tokenized.sentences.map { tokenized.string($0.byteRange) }
  }

  @Test func splitsOnEndMarks() {
    #expect(sentences("It broke. Can you fix it? Thanks!") == ["It broke.", "Can you fix it?", "Thanks!"])
  }

  @Test func keepsAbbreviationsAndInitials() {
    #expect(
      sentences("Mr. Smith called Dr. J. Doe today. He agreed.") == [
        "Mr. Smith called Dr. J. Doe today.", "He agreed.",
      ])
  }

  @Test func pronounIEndsASentence() {
    #expect(sentences("So do I. Next one.") == ["So do I.", "Next one."])
  }

  @Test func blankLineAndCapitalizedNewLineSplit() {
    #expect(sentences("first line\nSecond line") == ["first line", "Second line"])
    #expect(sentences("wrapped e-mail line\ncontinues here") == ["wrapped e-mail line\ncontinues here"])
    #expect(sentences("para one\n\npara two") == ["para one", "para two"])
  }

  @Test func closingQuoteStaysWithSentence() {
    #expect(sentences("He said \"fixed.\" Then nothing.") == ["He said \"fixed.\"", "Then nothing."])
  }

  @Test func textWithoutEndMarkIsOneSentence() {
    #expect(sentences("hi there how are you") == ["hi there how are you"])
  }
}
