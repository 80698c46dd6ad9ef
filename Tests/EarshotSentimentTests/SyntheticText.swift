import EarshotTestSupport
import Foundation

/// Seeded random text that reaches the tokenizer's and scorer's corners: lexicon words and phrases
/// in every case, negations and boosters before them, contractions with both apostrophes, emoticons
/// glued to words, emoji with modifiers, links, addresses, handles, numbers, non-ASCII letters,
/// line breaks and malformed UTF-8. The same seed always gives the same records.
enum SyntheticText {
  static func records(count: Int, seed: UInt64) -> [[UInt8]] {
    var random = SplitMix(seed: seed)
    let words = lexiconTerms()
    var records: [[UInt8]] = []
    records.reserveCapacity(count)
    for _ in 0..<count {
      var record: [UInt8] = []
      for position in 0..<(1 + random.below(24)) {
        if position > 0 { record += separators[random.below(separators.count)] }
        let roll = random.below(100)
        var piece: [UInt8]
        if roll < 55 {
          piece = Array(words[random.below(words.count)].utf8)
        } else if roll < 75 {
          piece = Array(fillers[random.below(fillers.count)].utf8)
        } else if roll < 95 {
          piece = Array(oddities[random.below(oddities.count)].utf8)
        } else {
          piece = malformed[random.below(malformed.count)]
        }
        switch random.below(10) {
        case 0: piece = piece.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }  // ALL CAPS
        case 1: if let first = piece.first, first >= 0x61 && first <= 0x7A { piece[0] = first - 0x20 }
        default: break
        }
        record += piece
      }
      records.append(record)
    }
    return records
  }

  /// First columns of the sentiment lexicons (words, phrases, emoticons, emoji).
  static func lexiconTerms() -> [String] {
    let folder = PackagePaths.root.appendingPathComponent("Lexicons/data/sentiment")
    var terms: [String] = []
    for name in ["vader.tsv", "boosters.tsv", "negations.tsv", "idioms.tsv", "emoji.tsv", "support-phrases.tsv"] {
      guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
      for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
        if let term = line.split(separator: "\t").first, !term.isEmpty { terms.append(String(term)) }
      }
    }
    return terms.sorted()
  }

  static let separators: [[UInt8]] = [
    " ", " ", " ", " ", "  ", ", ", ". ", "! ", "? ", "\n", "\n\n", "\t", "", "-", "'",
  ]
  .map { Array($0.utf8) }

  static let fillers = [
    "the", "to", "my", "it", "is", "I", "was", "a", "of", "and", "so", "this", "that", "like", "likes", "no", "not",
    "but", "however", "thanks", "thank", "thx", "ty", "at", "least", "very", "without", "doubt", "never", "would",
    "we", "they", "still", "just", "Mr.", "Dr.", "e.g.", "J.", "I.", "a.", "etc.",
  ]

  static let oddities = [
    "don't", "can’t", "won't", "isn’t", "I'd", "we'd", "it's", "rock-n-roll", "add-on", "self-service", ":)", ":-(",
    ":(", ":D", "<3", "</3", ":/", ":'(", ">:(", "XD", "xD", "o_O", "T_T", "^^", ":l", "(-:", ":p", "=)", "(:",
    "...", "…", "!!!", "?!", "???", "—", "–", "\"", "(", ")", "[x]", "*", "==", "#fail", "#love", "#1", "@united",
    "@jet_blue", "http://example.com/a?b=c.", "https://t.co/xyz)", "www.example.org,", "name.surname@example.co.uk",
    "a@b", "10:32", "1,000", "3.5", "24/7", "$5", "50%", "café", "naïve", "Zürich", "東京", "привет", "😀", "😡",
    "👍🏽", "👨‍👩‍👧", "🇺🇸", "❤️", "☹", "\u{00A0}", "\u{2009}", "\u{FEFF}", "&amp;", "&lt;3", "ok", "OK", "sooo",
    "GOOD", "BAD", "Great", "horrible!!", "love!", "hate?",
  ]

  /// Truncated and stray UTF-8 sequences, which the tokenizer must take byte by byte as before.
  static let malformed: [[UInt8]] = [
    [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0x80], [0xC3], [0xFF, 0xFE], [0xE2, 0x80, 0x99],
  ]
}
