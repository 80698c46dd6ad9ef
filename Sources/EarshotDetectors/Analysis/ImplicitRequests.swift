import EarshotModel
import EarshotText

/// The guide's implicit requests: a customer turn addressed to the company that reports a concrete,
/// unresolved problem ("my package was opened, 4 items missing", "I can't log in because it's
/// locked") is a request even without a question; venting with no stated problem, praise, thanks
/// that close the matter and short banter are not.
///
/// The fitted `RequestModel` decides, over `RequestFeatures` of the run of customer turns; the
/// hand-made rule below is one of its features and, when it fires, places the request.
struct ImplicitRequests {
  let lexicons: DetectorLexicons

  /// Words that state a problem: negations of what should work, failures, charges, delays.
  static let problemWords: Set<String> = [
    "can't", "cant", "cannot", "won't", "wont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "aren't",
    "wasn't", "haven't", "hasn't", "not", "nobody", "nothing", "unable", "broken", "broke", "down",
    "outage", "missing", "stuck", "charged", "overcharged", "charging", "late", "delayed", "delay", "delays",
    "damaged", "error", "slow", "slower", "lost", "cancelled", "canceled", "wrong", "locked", "crash", "crashes",
    "crashed",
    "crashing", "freezes", "froze", "frozen", "fix", "still", "refund", "disappeared", "lag", "failed", "fails",
    "rejected", "declined", "glitch", "bug", "issue", "issues", "problem", "problems", "waiting", "forgot", "dead",
    "hung", "unusable", "useless", "ripped", "poisoning",
  ]

  /// A turn of the block that reports a problem, as a request on its first sentence.
  func request(in block: Range<Int>, _ conversation: AnalyzedConversation) -> CustomerQuestion? {
    let rule = ruleRequest(in: block, conversation)
    let values = RequestFeatures.vector(block: block, ruleFired: rule != nil, in: conversation, lexicons: lexicons)
    guard lexicons.implicitRequests.score(values) > 0 else { return nil }
    if let rule { return rule }
    // The model saw a request the rule did not place: the first sentence of the first customer turn
    // with words.
    for index in block where conversation.turns[index].role == .customer {
      let text = conversation.texts[index]
      guard text.tokens.contains(where: { $0.kind == .word }) else { continue }
      let sentence = text.sentences.first { !$0.tokenRange.isEmpty }
      return CustomerQuestion(
        turn: index, byteRange: sentence?.byteRange ?? 0..<text.bytes.count,
        tokenRange: sentence?.tokenRange ?? 0..<text.tokens.count, type: .request)
    }
    return nil
  }

  /// The hand-made rule: the first turn of the block that reports a problem, as a request on its
  /// first sentence.
  func ruleRequest(in block: Range<Int>, _ conversation: AnalyzedConversation) -> CustomerQuestion? {
    // After an agent's question the customer's turn is most often the answer ("iOS 11.1, still
    // slow"), not a new item: only a report that it is still broken counts then.
    let answering =
      conversation.turns[..<block.lowerBound].last { $0.role.isCompanySide }.map {
        conversation.texts[$0.index].bytes.contains(UInt8(ascii: "?"))
      } ?? false
    for index in block where conversation.turns[index].role == .customer {
      let text = conversation.texts[index]
      var words = 0
      var problem = false
      text.bytes.withUnsafeBufferPointer { bytes in
        for token in text.tokens where token.kind == .word || token.kind == .number {
          words += 1
          if !problem, token.kind == .word, VerdictWords.classes(bytes, token.range) & VerdictWords.problem != 0 {
            problem = true
          }
        }
      }
      guard words >= 4 else { continue }
      let compound = conversation.sentiments[index].compound
      let stillBroken = !lexicons.unresolved.matches(in: text).isEmpty
      // Thanks that close the matter ("that worked, thanks") and praise are not requests.
      let closes = !lexicons.customerResolved.matches(in: text).isEmpty && !stillBroken
      guard !closes, stillBroken || (!answering && (problem || compound <= -0.3)) else { continue }
      if compound >= 0.6 && !stillBroken && !problem { continue }
      let sentence = text.sentences.first { !$0.tokenRange.isEmpty }
      return CustomerQuestion(
        turn: index, byteRange: sentence?.byteRange ?? 0..<text.bytes.count,
        tokenRange: sentence?.tokenRange ?? 0..<text.tokens.count, type: .request)
    }
    return nil
  }
}
