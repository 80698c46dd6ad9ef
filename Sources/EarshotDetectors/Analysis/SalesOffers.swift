import EarshotModel
import EarshotText

/// A sentence in an agent turn that offers something for sale.
struct SalesOffer {
  /// The sentence's bytes in the turn text.
  var sentence: Range<Int>
  /// The sales phrases found in it.
  var terms: [String]
}

/// Finds pitches: a segue ("while I have you"), or an offer ("would you like", "check out our")
/// in the same sentence as a product ("premium plan", "add-on") that the customer did not bring
/// up first. A product mentioned alone informs ("our promo is on tonight") and is not a pitch.
enum SalesOffers {
  /// The pitches in turn `index`; `customerWords` supplies the stems the customer wrote before it
  /// and is only advanced when the turn has sales words at all.
  static func pitches(
    in conversation: AnalyzedConversation, turn index: Int, customerWords: inout CustomerWords
  ) -> [SalesOffer] {
    let text = conversation.texts[index]
    let matches = conversation.resources.lexicons.sales.matches(in: text)
    guard !matches.isEmpty else { return [] }
    let customerTerms = customerWords.stems(before: index, in: conversation)
    var result: [SalesOffer] = []
    for sentence in text.sentences {
      let inSentence = matches.filter { sentence.tokenRange.contains($0.tokenRange.lowerBound) }
      let segue = inSentence.contains { $0.value == "segue" }
      let offer = inSentence.contains { $0.value == "offer" }
      // Products the customer raised are a topic the agent answers about, not a pitch.
      let products = inSentence.filter { match in
        match.value == "product"
          && !text.tokens[match.tokenRange].contains {
            customerTerms.contains(Stemmer.stem(text.string($0).lowercased()))
          }
      }
      guard segue || (offer && !products.isEmpty) else { continue }
      result.append(SalesOffer(sentence: sentence.byteRange, terms: inSentence.map { text.string($0.byteRange) }))
    }
    return result
  }

}

/// Stems of every word the customer wrote before a turn, for callers that walk the turns forward:
/// each customer turn is stemmed once, however many agent turns ask (stemming them all again per
/// agent turn made the premature-pitch detector quadratic in turns).
struct CustomerWords {
  private var stems = Set<String>()
  /// The first turn index not yet added.
  private var next = 0

  /// Stems of the customer's words in turns before `index`; `index` must not go backwards.
  mutating func stems(before index: Int, in conversation: AnalyzedConversation) -> Set<String> {
    precondition(index >= next, "CustomerWords is read forward only")
    while next < index {
      let turn = conversation.turns[next]
      next += 1
      guard turn.role == .customer else { continue }
      let text = conversation.texts[turn.index]
      for token in text.tokens where token.kind == .word || token.kind == .hashtag {
        stems.insert(Stemmer.stem(text.string(token).lowercased()))
      }
    }
    return stems
  }
}
