import EarshotModel
import EarshotText

/// A sentence of an agent turn that tries to sell.
public struct PitchSentence: Sendable, Hashable {
  /// The sentence's bytes in the turn text.
  public var byteRange: Range<Int>
  /// The sentence's tokens.
  public var tokenRange: Range<Int>
  /// The sales words found in it (offer acts, products, prices), as written.
  public var terms: [String]
}

/// What one agent turn does for sales, sentence by sentence.
public struct TurnSalesReading: Sendable {
  /// Sentences that pitch.
  public var pitches: [PitchSentence]
  /// Sentences that carry an offer act or a sales segue without being a pitch themselves ("Shall I
  /// set that up?"): part of the pitch's wording, never an answer.
  public var offerSentences: Set<Int>
  /// Sentence indexes of `pitches`.
  public var pitchSentences: Set<Int>
}

/// What the customer has said so far that changes how an agent's sales words read.
public struct CustomerContext: Sendable {
  /// Stems of every word the customer wrote so far: a product the customer named is their topic.
  public var stems: Set<String> = []
  /// The customer's latest turn asked about a product, plan, price or discount: the reply is
  /// information the customer asked for.
  public var askedAboutSales = false
  /// The customer asked to cancel, close, downgrade, stop or delete, and it is not done yet.
  public var leaving = false
  /// The customer has mentioned a product, promotion or price: generic promotion words ("our
  /// offers", "the sale") are then their topic too.
  public var raisedSales = false
  /// The customer asked for compensation (a refund, a claim): a voucher or credit is its form.
  public var compensationTopic = false

  /// An empty context.
  public init() {}
}

/// Recognizes pitches by what they do: an offer act ("would you like", "have you considered",
/// "many customers choose", "save 20%") with a product, plan or price the customer did not raise,
/// and none of the exclusions (compensation, a software update as the fix, a repair under cover
/// the customer has, a policy statement, a payment or action plan, information the customer asked for).
///
/// Everything is found with one pass of each phrase list over the turn, so the cost is linear in
/// the turn's length.
public enum PitchFinder {
  /// Reads agent turn `text` given what the customer has said so far.
  public static func read(
    _ text: TokenizedText, context: CustomerContext, lexicons: DetectorLexicons
  ) -> TurnSalesReading {
    var reading = TurnSalesReading(pitches: [], offerSentences: [], pitchSentences: [])
    // Information the customer asked for is not a pitch, whatever its wording.
    guard !context.askedAboutSales else { return reading }
    let sales = lexicons.sales.matches(in: text)
    guard !sales.isEmpty else { return reading }
    let exclusions = lexicons.pitchExclusions.matches(in: text)
    let leavingWords = context.leaving ? lexicons.leaving.matches(in: text) : []
    let amounts = priceTokens(in: text)
    var features: [SentenceFeatures] = []
    features.reserveCapacity(text.sentences.count)
    var cursors = (sales: 0, exclusions: 0, amounts: 0, leaving: 0)
    for sentence in text.sentences {
      let tokens = sentence.tokenRange
      let inSentence = take(sales, before: tokens, cursor: &cursors.sales)
      let excluded = take(exclusions, before: tokens, cursor: &cursors.exclusions)
      let mentionsLeaving = !take(leavingWords, before: tokens, cursor: &cursors.leaving).isEmpty
      var hasAmount = false
      var upsell = false
      while cursors.amounts < amounts.count, amounts[cursors.amounts] < tokens.upperBound {
        let index = amounts[cursors.amounts]
        if index >= tokens.lowerBound {
          hasAmount = true
          if index + 1 < tokens.upperBound, text.token(text.tokens[index + 1], equals: "more") { upsell = true }
        }
        cursors.amounts += 1
      }
      let notProducts = inSentence.filter { $0.value == "not_product" }.map(\.tokenRange)
      let products = inSentence.filter { match in
        let promotion = match.value == "promotion"
        // "You can upgrade" is an offer act that names its product.
        let namedByOffer = match.value == "offer" && text.string(match.byteRange).lowercased().contains("upgrad")
        let compensation = match.value == "compensation_product" && !context.compensationTopic
        guard match.value == "product" || match.value == "configured" || promotion || namedByOffer || compensation
        else { return false }
        return !notProducts.contains { $0.overlaps(match.tokenRange) } && !owned(match, in: text)
          && !(promotion && context.raisedSales) && !raised(match, in: text, by: context)
      }
      var feature = SentenceFeatures()
      // An exclusion inside a longer product phrase ("credit" in "credit card") excludes nothing;
      // one that holds the product word ("payment plan") excludes the sentence.
      feature.excluded = excluded.contains { exclusion in
        !inSentence.contains {
          ($0.value == "product" || $0.value == "promotion") && $0.tokenRange.count > exclusion.tokenRange.count
            && $0.tokenRange.lowerBound <= exclusion.tokenRange.lowerBound
            && $0.tokenRange.upperBound >= exclusion.tokenRange.upperBound
        }
      }
      feature.act = inSentence.contains { $0.value == "offer" || $0.value == "segue" }
      // A campaign hashtag the customer did not use, offered in the same sentence ("we'll give you
      // the #MagentaCarpet experience"), names what is sold, unless the customer asked about deals
      // or switching themselves.
      let campaign =
        feature.act && !context.raisedSales
        && text.tokens[tokens].contains { token in
          token.kind == .hashtag && !context.stems.contains(Stemmer.stem(text.string(token)))
        }
      feature.retention = context.leaving && inSentence.contains { $0.value == "retention" }
      let discount = inSentence.contains { $0.value == "discount" }
      // When the customer asked for compensation, an amount is what they are owed, not a price.
      let priced = (hasAmount || inSentence.contains { $0.value == "price" }) && !context.compensationTopic
      feature.sells = campaign || discount || !products.isEmpty || priced
      // An upsell price ("for €3 more", "£5 a month") names something to buy as clearly as a product word.
      // Generic promotion words ("in the process of promotion") need an offer act of their own.
      feature.names =
        campaign || discount || products.contains { $0.value != "promotion" }
        || (priced && (upsell || inSentence.contains { $0.value == "price" }))
      // A product with its price, in the company's marketing voice ("our", "new", "!"), is an
      // advertisement even without an offer act ("Our Family membership includes 500 credits for
      // £7.99 a month"); without that voice it usually states terms ("users of the 20 yuan plan
      // cannot join").
      feature.advertises = (!products.isEmpty && hasAmount && marketingVoice(text, tokens)) || (upsell && priced)
      // To a leaving customer, retention words with an offer or a product or price hold them back;
      // so does an offer of something to buy that is not about the leaving itself.
      feature.holdsBack =
        context.leaving
        && ((feature.retention && (feature.act || feature.sells)) || (feature.act && feature.sells && !mentionsLeaving))
      feature.terms =
        inSentence.filter { $0.value != "not_product" && $0.value != "pricing" }.map { text.string($0.byteRange) }
        + (hasAmount ? ["(amount)"] : [])
      features.append(feature)
    }
    for (index, feature) in features.enumerated() {
      if feature.act || feature.retention { reading.offerSentences.insert(index) }
      guard !feature.excluded else { continue }
      // The offer act may sit in the sentence before or after the one naming a product ("Did
      // you know? Our X is 20% off." / "X is €3 more. Just a thought!").
      let neighbourOffers = [index - 1, index + 1].contains { features.indices.contains($0) && features[$0].offers }
      // Retention words ("don't go away") beside an offer hold a leaving customer back too.
      let pitches =
        (feature.act && feature.sells) || feature.advertises || feature.holdsBack
        || (feature.names && neighbourOffers) || (feature.retention && neighbourOffers)
      guard pitches else { continue }
      let sentence = text.sentences[index]
      reading.pitches.append(
        PitchSentence(byteRange: sentence.byteRange, tokenRange: sentence.tokenRange, terms: feature.terms))
      reading.pitchSentences.insert(index)
    }
    return reading
  }

  /// What one sentence holds, for the pitch decision.
  private struct SentenceFeatures {
    var act = false
    var retention = false
    var sells = false
    var names = false
    var advertises = false
    var holdsBack = false
    var excluded = false
    var terms: [String] = []
    /// An offer act that is not excluded, which can make a neighbouring product sentence a pitch.
    var offers: Bool { (act || retention) && !excluded }
  }

  /// The matches of `matches` (sorted) that start inside `tokens`, advancing `cursor` past them.
  private static func take(
    _ matches: [TermMatch<String>], before tokens: Range<Int>, cursor: inout Int
  ) -> [TermMatch<String>] {
    var result: [TermMatch<String>] = []
    while cursor < matches.count, matches[cursor].tokenRange.lowerBound < tokens.upperBound {
      if matches[cursor].tokenRange.lowerBound >= tokens.lowerBound { result.append(matches[cursor]) }
      cursor += 1
    }
    return result
  }

  /// Whether the sentence speaks in the company's marketing voice: "our", "new" or an exclamation.
  static func marketingVoice(_ text: TokenizedText, _ tokens: Range<Int>) -> Bool {
    text.tokens[tokens].contains { token in
      switch token.kind {
      case .word: text.token(token, equals: "our") || text.token(token, equals: "new")
      case .punctuation: text.bytes[token.start..<token.end].contains(UInt8(ascii: "!"))
      default: false
      }
    }
  }

  /// Whether "your" or "my" comes within the two words before `match`: the customer's own plan or
  /// card ("your telephone plan"), not something offered.
  static func owned(_ match: TermMatch<String>, in text: TokenizedText) -> Bool {
    let start = match.tokenRange.lowerBound
    return (max(0, start - 2)..<start).contains { index in
      let token = text.tokens[index]
      return token.kind == .word && (text.token(token, equals: "your") || text.token(token, equals: "my"))
    }
  }

  /// Whether the customer brought up `match` first (any of its words).
  static func raised(_ match: TermMatch<String>, in text: TokenizedText, by context: CustomerContext) -> Bool {
    text.tokens[match.tokenRange].contains { token in
      token.kind == .word && context.stems.contains(Stemmer.stem(text.string(token)))
    }
  }

  /// Token indexes of amounts of money or percentages: "£19", "$4.99", "25%", "300 yuan".
  static func priceTokens(in text: TokenizedText) -> [Int] {
    var result: [Int] = []
    let tokens = text.tokens
    for index in tokens.indices where tokens[index].kind == .number {
      let before = index > 0 ? text.string(tokens[index - 1]) : ""
      let after = index + 1 < tokens.count ? text.string(tokens[index + 1]).lowercased() : ""
      if before.hasSuffix("£") || before.hasSuffix("$") || before.hasSuffix("€") || before.hasSuffix("¥")
        || after.hasPrefix("%") || currencyWords.contains(after)
      {
        result.append(index)
      }
    }
    return result
  }

  private static let currencyWords: Set<String> = [
    "pounds", "dollars", "euros", "euro", "yuan", "rmb", "usd", "gbp", "eur", "cents", "pence",
  ]

  /// Adds the customer turn `text` to `context`: its words, whether it asks about sales, whether it
  /// asks to leave.
  ///
  /// `questions` are the token ranges of the turn's questions and requests (from `QuestionFinder`);
  /// sentences ending in "?" count too.
  public static func update(
    _ context: inout CustomerContext, customerTurn text: TokenizedText, questions: [Range<Int>] = [],
    lexicons: DetectorLexicons
  ) {
    for token in text.tokens where token.kind == .word || token.kind == .hashtag {
      context.stems.insert(Stemmer.stem(text.string(token)))
    }
    if lexicons.pitchExclusions.matches(in: text).contains(where: { $0.value == "compensation" }) {
      context.compensationTopic = true
    }
    let sales = lexicons.sales.matches(in: text)
    let prices = priceTokens(in: text)
    // A promotion named in a hashtag ("#BlackFriday") is raised as much as one in words.
    let hashtagPromotion = text.tokens.contains { token in
      token.kind == .hashtag
        && lexicons.sales.matches(in: TokenizedText(String(text.string(token).dropFirst()))).contains {
          $0.value == "promotion"
        }
    }
    if hashtagPromotion || sales.contains(where: { $0.value == "promotion" }) { context.raisedSales = true }
    let leaving = lexicons.leaving.matches(in: text).contains { $0.value == "request" }
    if leaving { context.leaving = true }
    // A customer asking how to leave is not asking about sales, whatever product they name.
    context.askedAboutSales =
      !leaving
      && text.sentences.contains { sentence in
        let asks =
          text.tokens[sentence.tokenRange].contains { $0.kind == .punctuation && text.containsQuestionMark($0) }
          || questions.contains { $0.overlaps(sentence.tokenRange) }
        // "Why did the price go up?" complains about a price; it does not shop for one.
        let complains = text.tokens[sentence.tokenRange].contains { $0.kind == .word && text.token($0, equals: "why") }
        guard asks, !complains else { return false }
        return sales.contains {
          sentence.tokenRange.contains($0.tokenRange.lowerBound)
            && ($0.value == "promotion" || $0.value == "price" || $0.value == "pricing" || $0.value == "discount")
        } || prices.contains { sentence.tokenRange.contains($0) }
      }
  }
}
