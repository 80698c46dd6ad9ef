import EarshotText
import Testing

@Suite struct TokenizerTests {
  func tokens(_ text: String) -> [(String, TokenKind)] {
    let tokenized = TokenizedText(text)
    return tokenized.tokens.map { (tokenized.string($0), $0.kind) }
  }

  func words(_ text: String) -> [String] { tokens(text).map(\.0) }

  @Test func splitsWordsAndPunctuation() {
    #expect(words("Hello, world!") == ["Hello", ",", "world", "!"])
  }

  @Test func keepsContractionsWhole() {
    let text = TokenizedText("I don't think it's fixed; we’re waiting")
    let shown = text.tokens.map { text.string($0) }
    #expect(shown == ["I", "don't", "think", "it's", "fixed", ";", "we’re", "waiting"])
    #expect(text.tokens[1].isContraction)
    #expect(text.tokens[6].isContraction)
    #expect(!text.tokens[2].isContraction)
  }

  @Test func possessiveAndLeadingQuoteAreNotContractions() {
    #expect(words("'quoted' customer's") == ["'", "quoted", "'", "customer's"])
  }

  @Test func keepsHyphenatedWordsWhole() {
    #expect(words("an add-on and a follow-up - done") == ["an", "add-on", "and", "a", "follow-up", "-", "done"])
  }

  @Test func readsNumbersWithSeparators() {
    let result = tokens("at 10:32 pay $1,000.50 or 3.5% 24/7")
    #expect(result.filter { $0.1 == .number }.map(\.0) == ["10:32", "1,000.50", "3.5", "24/7"])
  }

  @Test func numbersFollowedByLettersAreWords() {
    #expect(tokens("3rd time, 24hrs")[0] == ("3rd", .word))
  }

  @Test func recognizesURLsWithoutTrailingPunctuation() {
    let result = tokens("See https://example.com/help?id=3. Or www.acme.com!")
    #expect(result[1] == ("https://example.com/help?id=3", .url))
    #expect(result[2] == (".", .punctuation))
    #expect(result[4] == ("www.acme.com", .url))
  }

  @Test func recognizesEmailAddresses() {
    let result = tokens("write to dana.reyes+support@acme-mail.co.uk.")
    #expect(result[2] == ("dana.reyes+support@acme-mail.co.uk", .email))
    #expect(result[3] == (".", .punctuation))
  }

  @Test func mentionsAndHashtags() {
    let result = tokens("@AppleSupport my #iPhone died")
    #expect(result[0] == ("@AppleSupport", .mention))
    #expect(result[2] == ("#iPhone", .hashtag))
  }

  @Test func flagsAllCapsWords() {
    let text = TokenizedText("This is NOT OK and I am A customer")
    let caps = text.tokens.filter(\.isAllCaps).map { text.string($0) }
    #expect(caps == ["NOT", "OK"])
  }

  @Test func emoticonsAtWordBoundaries() {
    let result = tokens("thanks :) but :-( and <3 and XD")
    #expect(result.filter { $0.1 == .emoticon }.map(\.0) == [":)", ":-(", "<3", "XD"])
    // Not an emoticon inside a word or a time.
    #expect(tokens("Re:Deal at 10:30").allSatisfy { $0.1 != .emoticon })
  }

  @Test func emojiSequencesAreOneToken() {
    let result = tokens("great 👍🏽 family 👨‍👩‍👧 flag 🇫🇷 heart ❤️!")
    #expect(result.filter { $0.1 == .emoji }.map(\.0) == ["👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️"])
    #expect(result.last?.0 == "!")
  }

  @Test func punctuationRunsStayTogether() {
    #expect(tokens("Really?!? Wait...")[1] == ("?!?", .punctuation))
    #expect(tokens("Really?!? Wait...")[3] == ("...", .punctuation))
  }

  @Test func nonLatinAndAccentedWords() {
    #expect(words("Très bien, merci — naïve café") == ["Très", "bien", ",", "merci", "—", "naïve", "café"])
    #expect(words("спасибо 你好") == ["спасибо", "你好"])
  }

  @Test func malformedUTF8DoesNotCrash() {
    let bytes: [UInt8] = [0x68, 0x69, 0x20, 0xE2, 0x28, 0xA1, 0x20, 0xF0, 0x9F]
    let text = TokenizedText(bytes: bytes)
    #expect(text.tokens.first.map { text.string($0) } == "hi")
    #expect(text.tokens.last?.end ?? 0 <= bytes.count)
  }

  @Test func emptyAndWhitespaceText() {
    #expect(TokenizedText("").tokens.isEmpty)
    #expect(TokenizedText(" \n\t ").sentences.isEmpty)
  }
}

/// Plain lowercase words take a shortcut past the link, address and emoticon checks; whatever
/// ends them, the tokens must be the ones the general path makes.
@Suite struct TokenizerShortcutTests {
  func shown(_ text: String) -> [String] {
    let tokenized = TokenizedText(text)
    return tokenized.tokens.map { "\(tokenized.string($0))/\($0.kind)" }
  }

  @Test func plainWordsEndAtSpacesAndCommonPunctuation() {
    #expect(shown("great, thanks!") == ["great/word", ",/punctuation", "thanks/word", "!/punctuation"])
    #expect(shown("why?\nbecause;") == ["why/word", "?/punctuation", "because/word", ";/punctuation"])
    #expect(
      shown("(see \"this\")") == [
        "(/punctuation", "see/word", "\"/punctuation", "this/word", "\"/punctuation", ")/punctuation",
      ])
    #expect(shown("note: done") == ["note/word", ":/punctuation", "done/word"])
  }

  @Test func wordsThatContinueGoTheGeneralWay() {
    #expect(shown("can't") == ["can't/word"])
    #expect(shown("add-on") == ["add-on/word"])
    #expect(shown("abc123") == ["abc123/word"])
    #expect(shown("john.smith@example.com") == ["john.smith@example.com/email"])
    #expect(shown("jane@example.org.") == ["jane@example.org/email", "./punctuation"])
    #expect(shown("helloWorld") == ["helloWorld/word"])
    #expect(shown("café") == ["café/word"])
  }

  @Test func leadsThatStartLinksOrEmoticonsAreNotShortcut() {
    #expect(shown("www.example.com now") == ["www.example.com/url", "now/word"])
    #expect(shown("https://x.co/a b") == ["https://x.co/a/url", "b/word"])
    #expect(shown("xD lol") == ["xD/emoticon", "lol/word"])
    #expect(shown("o_O what") == ["o_O/emoticon", "what/word"])
    #expect(shown("xylophone owls") == ["xylophone/word", "owls/word"])
  }
}
