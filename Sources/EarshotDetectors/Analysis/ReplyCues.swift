import EarshotText

/// The word lists and word views `ReplyRanker`'s features look at.
enum ReplyCues {
  /// Lowercased words and numbers of `text`.
  static func words(_ text: TokenizedText) -> [String] {
    text.tokens.filter { $0.kind == .word || $0.kind == .number }.map { text.string($0).lowercased() }
  }

  /// The keys a reply is looked up with in the answer-terms lexicon: the distinct Porter2 stems of
  /// its words and numbers, stopwords included ("you", "no" and "i" carry much of whether a comment
  /// answers), each pair of neighbouring stems ("you can"), and the first two stems marked with
  /// `^` ("^yes"), since how a reply opens tells an answer from a retort.
  static func lexiconTerms(_ text: TokenizedText) -> Set<String> {
    let stems = words(text).map { Stemmer.stem($0) }
    var terms = Set(stems)
    for (first, second) in zip(stems, stems.dropFirst()) { terms.insert(first + " " + second) }
    for stem in stems.prefix(2) { terms.insert("^" + stem) }
    return terms
  }

  /// Whether a reply's words thank someone.
  static func thanks(_ words: [String], _ lowered: String) -> Bool {
    words.contains { thanksWords.contains($0) } || lowered.contains("thank you")
  }

  /// Whether a reply thanks anywhere ("thanks", "thank u", "thankful" too): the asker's signal.
  static func thanksAnywhere(_ text: TokenizedText, _ raw: String) -> Bool {
    let lowered = raw.lowercased()
    return thanks(words(text), lowered) || lowered.contains("thank")
  }

  static let thanksWords: Set<String> = ["thanks", "thanx", "thx", "ty"]
  static let banter: Set<String> = ["agree", "lol", "haha", "hehe", "lmao", "welcome"]
  static let adviceWords: Set<String> = ["try", "call", "contact", "visit", "apply", "ask", "check"]
  static let advicePhrases = ["you can", "you should", "you need", "you have to", "go to"]
  static let amountWords: Set<String> = [
    "qr", "qar", "riyal", "riyals", "dollar", "dollars", "usd", "eur", "euro", "euros",
  ]
  static let yesNo: Set<String> = ["yes", "no", "yeah", "nope", "sure"]
}
