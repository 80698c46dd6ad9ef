import EarshotLexicons
import Foundation
import Testing

@testable import EarshotText

/// Lexicon fields are trimmed on their own scalars instead of through Foundation: the same
/// entries as Foundation's `trimmingCharacters(in: .whitespaces)` gave, for every shipped lexicon
/// and for lines with every kind of space.
@Suite struct LexiconTrimmingTests {
  /// The parse as it was, with Foundation's trimming: the reference.
  func foundationParse(_ text: String) -> [LexiconEntry] {
    var entries: [LexiconEntry] = []
    var lineNumber = 0
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      var value: Double?
      var extra = Array(fields.dropFirst(1))
      if let second = extra.first, let number = Double(second) {
        value = number
        extra.removeFirst()
      }
      entries.append(LexiconEntry(term: fields[0], value: value, extra: extra, line: lineNumber))
    }
    return entries
  }

  @Test func everyShippedLexiconParsesAsWithFoundationTrimming() throws {
    let names = LexiconResources.allNames().filter { $0.hasSuffix(".tsv") }
    #expect(names.count >= 20, "the shipped lexicons were found")
    var entries = 0
    for name in names {
      let text = try String(contentsOf: LexiconResources.url(named: name), encoding: .utf8)
      let parsed = try LexiconFile.parse(text, name: name)
      #expect(parsed == foundationParse(text), "\(name)")
      entries += parsed.count
    }
    #expect(entries > 10_000)
  }

  @Test func spacesOfEveryKindAreTrimmedAsFoundationTrimsThem() throws {
    let fields = [
      "  refund\t", "\u{00A0}refund\u{00A0}", "\u{2003}en space\u{2009}", "\u{3000}全角\u{3000}",
      "\u{200B}zero width\u{200B}",
      "\u{1680}ogham", "no\u{00A0}break inside", " \u{0301}combining after a space", "e\u{0301} ", "\u{FEFF}bom",
      "\u{2028}line separator\u{2029}", "\u{0085}next line", "\u{000B}vertical tab", "emoji 👍🏽 ", "   ", "",
    ]
    for field in fields {
      #expect(
        Substring(field).trimmingSpaces() == field.trimmingCharacters(in: .whitespaces),
        "\(field.debugDescription)")
    }
    // Every field that is not all spaces as a term, with a spaced value and label, CRLF lines,
    // a comment and a blank line of spaces and a tab.
    let terms = fields.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    let text =
      terms.map { "\($0)\t\u{2002}0.5\u{2002}\t\u{00A0}label " }.joined(separator: "\r\n") + "\n# comment\n \t \n"
    let parsed = try LexiconFile.parse(text, name: "t.tsv")
    #expect(parsed == foundationParse(text))
    #expect(parsed.count == terms.count)
    #expect(parsed.contains { $0.term == "refund" && $0.value == 0.5 && $0.extra == ["label"] })
  }
}
