import Testing

@testable import EarshotText

/// Expected stems from the Snowball project's English vocabulary/output lists.
@Suite struct StemmerTests {
  static let pairs: [(String, String)] = [
    ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"), ("consignment", "consign"),
    ("consist", "consist"), ("consisted", "consist"), ("consistency", "consist"), ("consistent", "consist"),
    ("consistently", "consist"), ("consisting", "consist"), ("consists", "consist"), ("consolation", "consol"),
    ("consolations", "consol"), ("consolatory", "consolatori"), ("console", "consol"), ("consoled", "consol"),
    ("consoles", "consol"), ("consolidate", "consolid"), ("consolidated", "consolid"), ("consolidating", "consolid"),
    ("consoling", "consol"), ("consolingly", "consol"), ("consols", "consol"), ("consonant", "conson"),
    ("consort", "consort"), ("consorted", "consort"), ("consorting", "consort"), ("conspicuous", "conspicu"),
    ("conspicuously", "conspicu"), ("conspiracy", "conspiraci"), ("conspirator", "conspir"),
    ("conspirators", "conspir"), ("conspire", "conspir"), ("conspired", "conspir"), ("conspiring", "conspir"),
    ("constable", "constabl"), ("constables", "constabl"), ("constance", "constanc"), ("constancy", "constanc"),
    ("constant", "constant"), ("knack", "knack"), ("knackeries", "knackeri"), ("knacks", "knack"),
    ("knag", "knag"), ("knave", "knave"), ("knaves", "knave"), ("knavish", "knavish"), ("kneaded", "knead"),
    ("kneading", "knead"), ("knee", "knee"), ("kneel", "kneel"), ("kneeled", "kneel"), ("kneeling", "kneel"),
    ("kneels", "kneel"), ("knees", "knee"), ("knell", "knell"), ("knelt", "knelt"), ("knew", "knew"),
    ("knick", "knick"), ("knif", "knif"), ("knife", "knife"), ("knight", "knight"), ("knightly", "knight"),
    ("knights", "knight"), ("knit", "knit"), ("knits", "knit"), ("knitted", "knit"), ("knitting", "knit"),
    ("knives", "knive"), ("knob", "knob"), ("knobs", "knob"), ("knock", "knock"), ("knocked", "knock"),
    ("knocker", "knocker"), ("knockers", "knocker"), ("knocking", "knock"), ("knocks", "knock"), ("knopp", "knopp"),
    ("knot", "knot"), ("knots", "knot"), ("generously", "generous"), ("generate", "generat"), ("caresses", "caress"),
    ("ponies", "poni"), ("ties", "tie"), ("cats", "cat"), ("hopping", "hop"), ("hoping", "hope"),
    ("luxuriating", "luxuri"), ("communication", "communic"), ("arsenal", "arsenal"), ("skies", "sky"),
    ("dying", "die"), ("news", "news"), ("succeeding", "succeed"), ("proceed", "proceed"), ("agreed", "agre"),
    ("feed", "feed"), ("happily", "happili"), ("sky", "sky"), ("yelling", "yell"), ("saying", "say"),
    ("refunded", "refund"), ("refunds", "refund"), ("arrived", "arriv"), ("arrival", "arriv"),
    ("cancellation", "cancel"), ("cancelled", "cancel"), ("charged", "charg"), ("charges", "charg"),
  ]

  @Test func matchesSnowballOutput() {
    var wrong: [String] = []
    for (word, expected) in Self.pairs where Stemmer.stem(word) != expected {
      wrong.append("\(word) → \(Stemmer.stem(word)) (expected \(expected))")
    }
    #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
  }

  @Test func shortAndNonASCIIWordsPassThrough() {
    #expect(Stemmer.stem("is") == "is")
    #expect(Stemmer.stem("Café") == "café")
    #expect(Stemmer.stem("DON'T") == "don't")
  }

  /// The byte scan reads the typographic apostrophe as "'" and sends other non-ASCII words down
  /// Foundation's path, as the original `replacingOccurrences` + `lowercased` did; the cache
  /// gives the same stem on the second call.
  @Test func typographicApostropheAndCacheGiveTheSameStems() {
    #expect(Stemmer.stem("Customer\u{2019}s") == "custom")
    #expect(Stemmer.stem("don\u{2019}t") == Stemmer.stem("don't"))
    #expect(Stemmer.stem("NAÏVE\u{2019}S") == "naïve's")
    #expect(Stemmer.stem("\u{2019}\u{2019}") == "''")
    for word in ["Refunded", "CANCELLATION", "naïve", "don\u{2019}t", "a\u{2019}"] {
      let first = Stemmer.stem(word)
      #expect(Stemmer.stem(word) == first)
      #expect(Stemmer.computeStem(word) == first)
    }
  }
}
