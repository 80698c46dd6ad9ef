import EarshotText
import Foundation
import Testing

@Suite struct LexiconTests {
  @Test func termTableIsCaseAndApostropheInsensitive() {
    var table = TermTable<Double>()
    table.set("don't", 1)
    table.set("Refund", 2)
    #expect(table.value(for: "DON'T") == 1)
    #expect(table.value(for: "don’t") == 1)
    #expect(table.value(for: "refund") == 2)
    #expect(table.value(for: "refunds") == nil)
    table.set("refund", 3)
    #expect(table.count == 2)
    #expect(table.value(for: "REFUND") == 3)
  }

  @Test func termTableGrowsPastItsCapacity() {
    var table = TermTable<Int>(capacity: 4)
    for number in 0..<1000 { table.set("term\(number)", number) }
    #expect(table.count == 1000)
    var misses: [Int] = []
    for number in 0..<1000 where table.value(for: "TERM" + String(number)) != number { misses.append(number) }
    #expect(misses.isEmpty)
  }

  @Test func phraseMatcherPrefersLongestMatch() {
    let matcher = PhraseMatcher<String>([("not working", "phrase"), ("not", "word"), ("still not working", "long")])
    let text = TokenizedText("It is still not working, not at all")
    let found = matcher.matches(in: text).map { (text.string($0.byteRange), $0.value) }
    #expect(found.map(\.0) == ["still not working", "not"])
    #expect(found.map(\.1) == ["long", "word"])
  }

  /// The first-word filter only passes over tokens that start no phrase: with 3,000 phrases (their
  /// bits fill most of the filter) and with 3 (almost empty), every match a plain scan finds —
  /// capitals and typographic apostrophes included — is found.
  @Test(arguments: [3, 3_000])
  func phraseMatcherFindsWhatAPlainScanFinds(phrases count: Int) {
    let words = (0..<400).map { "w\($0)" } + ["don't", "Refund", "not", "working"]
    var phrases: [(String, Int)] = [("don't", -1), ("not working", -2)]
    for index in 0..<count {
      let length = 1 + index % 3
      phrases.append(((0..<length).map { words[(index * 7 + $0 * 13) % words.count] }.joined(separator: " "), index))
    }
    let matcher = PhraseMatcher<Int>(phrases)
    let textWords = (0..<2_000).map { words[($0 * 31 + $0 / 7) % words.count] } + ["DON’T", "Not", "WORKING"]
    let text = TokenizedText(textWords.joined(separator: " "))
    // The reference: at each token, the longest phrase whose words follow, compared as lowercased
    // strings with ’ read as '.
    let normalized = text.tokens.map { text.string($0).lowercased().replacingOccurrences(of: "’", with: "'") }
    var byWords: [[String]: Int] = [:]
    for (phrase, value) in phrases { byWords[phrase.lowercased().split(separator: " ").map(String.init)] = value }
    var expected: [(Range<Int>, Int)] = []
    var index = 0
    while index < normalized.count {
      var found: (Range<Int>, Int)?
      for length in stride(from: 3, through: 1, by: -1) where index + length <= normalized.count {
        if let value = byWords[Array(normalized[index..<(index + length)])] {
          found = (index..<(index + length), value)
          break
        }
      }
      if let found {
        expected.append(found)
        index = found.0.upperBound
      } else {
        index += 1
      }
    }
    let matches = matcher.matches(in: text)
    #expect(matches.map(\.tokenRange) == expected.map(\.0))
    #expect(matches.map(\.value) == expected.map(\.1))
    #expect(expected.count > 2)
  }

  @Test func phraseMatcherNeedsContiguousTokens() {
    let matcher = PhraseMatcher<Int>([("on hold for", 1)])
    #expect(matcher.matches(in: TokenizedText("on hold, for an hour")).isEmpty)
    #expect(matcher.matches(in: TokenizedText("I was ON HOLD FOR an hour")).count == 1)
  }

  @Test func parsesValuesLabelsAndComments() throws {
    let entries = try LexiconFile.parse(
      "# header\n\ngood\t1.9\nhow do i\thowto\textra\nplain\n", name: "test.tsv")
    #expect(entries.count == 3)
    #expect(entries[0].term == "good" && entries[0].value == 1.9 && entries[0].line == 3)
    #expect(entries[1].value == nil && entries[1].extra == ["howto", "extra"])
    #expect(entries[2].term == "plain" && entries[2].extra.isEmpty)
  }

  @Test func reportsLineOfAnEmptyTerm() {
    #expect(throws: LexiconError.self) { try LexiconFile.parse("good\t1\n\t2\n", name: "bad.tsv") }
    do {
      _ = try LexiconFile.parse("good\t1\n\t2\n", name: "bad.tsv")
    } catch let error as LexiconError {
      #expect(error.description == "bad.tsv:2: error: expected a term before the tab")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func defaultLexiconsLoad() throws {
    let sales = try LexiconFile.loadDefault("sales.tsv")
    #expect(sales.contains { $0.term == "protection plan" })
  }
}

@Suite struct LineEndingTests {
  @Test func crlfLexiconReadsLineByLine() throws {
    let entries = try LexiconFile.parse("# header\r\ngood\t1.5\r\nbad\t-1.5\r\n", name: "crlf.tsv")
    #expect(entries.map(\.term) == ["good", "bad"])
    #expect(entries.map(\.line) == [2, 3])
  }
}
