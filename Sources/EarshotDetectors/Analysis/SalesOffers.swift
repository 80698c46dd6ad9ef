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
  static func pitches(in conversation: AnalyzedConversation, turn index: Int) -> [SalesOffer] {
    let text = conversation.texts[index]
    let matches = conversation.resources.lexicons.sales.matches(in: text)
    guard !matches.isEmpty else { return [] }
    let customerTerms = customerWords(before: index, in: conversation)
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

  /// Stems of every word the customer wrote before turn `index`.
  static func customerWords(before index: Int, in conversation: AnalyzedConversation) -> Set<String> {
    var stems = Set<String>()
    for turn in conversation.turns[..<index] where turn.role == .customer {
      let text = conversation.texts[turn.index]
      for token in text.tokens where token.kind == .word || token.kind == .hashtag {
        stems.insert(Stemmer.stem(text.string(token).lowercased()))
      }
    }
    return stems
  }
}
