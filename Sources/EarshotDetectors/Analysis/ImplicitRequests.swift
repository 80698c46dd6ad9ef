import EarshotModel
import EarshotText

/// The guide's implicit requests: a customer turn addressed to the company that reports a concrete,
/// unresolved problem ("my package was opened, 4 items missing", "I can't log in because it's
/// locked") is a request even without a question; venting with no stated problem, praise, thanks
/// that close the matter and short banter are not.
///
/// The fitted `RequestModel` decides, over `RequestFeatures` of the run of customer turns; the
/// hand-made rule (`RequestFeatures.scan`) is one of its features and, when it fires, places the
/// request.
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

  /// The block's implicit request, on the first sentence of the turn the rule places it on (or,
  /// when the model sees a request the rule did not place, of the first customer turn with words);
  /// nil when the model says the block asks nothing.
  func request(in block: Range<Int>, _ conversation: AnalyzedConversation) -> CustomerQuestion? {
    let (values, ruleTurn) = RequestFeatures.scan(block: block, in: conversation, lexicons: lexicons)
    guard lexicons.implicitRequests.score(values) > 0 else { return nil }
    let turn =
      ruleTurn
      ?? block.first {
        conversation.turns[$0].role == .customer && conversation.texts[$0].tokens.contains { $0.kind == .word }
      }
    guard let turn else { return nil }
    let text = conversation.texts[turn]
    let sentence = text.sentences.first { !$0.tokenRange.isEmpty }
    return CustomerQuestion(
      turn: turn, byteRange: sentence?.byteRange ?? 0..<text.bytes.count,
      tokenRange: sentence?.tokenRange ?? 0..<text.tokens.count, type: .request)
  }
}
