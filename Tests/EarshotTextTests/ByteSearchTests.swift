import EarshotText
import Testing

@Suite struct ByteSearchTests {
  let text = Array("Hi, My Name Is Zoë. I'm here about ORDER 5521 — café".utf8)

  @Test func findsPhrasesIgnoringASCIICase() {
    #expect(ByteSearch.firstRange(of: "my name is ", in: text) == 4..<15)
    #expect(ByteSearch.contains("order 5521", in: text))
    #expect(ByteSearch.contains("i'm here", in: text))
    #expect(!ByteSearch.contains("my name was", in: text))
  }

  @Test func searchesOnlyWithinTheGivenRange() {
    #expect(!ByteSearch.contains("hi", in: text, within: 3..<text.count))
    #expect(ByteSearch.contains("hi", in: text, within: 0..<2))
    #expect(!ByteSearch.contains("hi,", in: text, within: 0..<2))  // runs past the range's end
  }

  @Test func wholeWordsNeedABoundaryOnBothSides() {
    let question = Array("Where can it be? Where can I go?".utf8)
    #expect(ByteSearch.firstRange(of: "where can i", in: question) == 0..<11)
    #expect(ByteSearch.firstRange(of: "where can i", in: question, wholeWords: true) == 17..<28)
    #expect(!ByteSearch.contains("order 552", in: text, wholeWords: true))
  }

  @Test func leavesNonASCIIBytesAsTheyAre() {
    #expect(ByteSearch.contains("café", in: text))
    #expect(ByteSearch.contains("zoë", in: text))
    #expect(!ByteSearch.contains("cafe", in: text))
  }
}
