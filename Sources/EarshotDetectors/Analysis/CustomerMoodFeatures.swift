import EarshotModel
import EarshotSentiment
import EarshotText
import Foundation

/// The features `CustomerMoodModel` reads for one customer turn: its lexicon sentiment and the
/// support-specific signals the guide's sentiment labels turn on (thanks, "still not working",
/// "that fixed it", a wish to leave, a question left open, shouting, a link-only turn) and the
/// turn's place in the conversation (the customer's other turns, whether the company had replied,
/// whether the problem was resolved by then).
///
/// Only the customer's first and last turns are described, so the extra work per conversation is
/// two turns' phrase matches and sentence scores, never a pass over every token of the conversation.
public enum CustomerMoodFeatures {
  /// Feature names, in vector order (the model file has one line per name).
  public static let names = [
    "bias", "compound", "min_sentence", "max_sentence", "thanks", "thanks_in_complaint", "unresolved",
    "confirmed", "leaving", "question", "exclaim", "caps", "bare", "words", "other_turns", "single", "replied",
    "resolved",
  ]

  /// Name → index.
  public static let index: [String: Int] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

  /// The features of the customer turn at `position` in `conversation.turns`; `others` are the
  /// positions of the same customer's other turns.
  public static func values(_ conversation: AnalyzedConversation, at position: Int, others: [Int]) -> [Double] {
    let turn = conversation.turns[position]
    let text = conversation.texts[turn.index]
    let lexicons = conversation.resources.lexicons
    let compound = conversation.sentiments[turn.index].compound
    // Sentences are scored again only for this turn: the most negative and most positive sentence
    // keep a complaint visible behind a polite closing ("Thanks. Still broken.").
    // A one-sentence turn scores exactly as its sentence, so only longer turns are scored again.
    var lowest = min(0, compound)
    var highest = max(0, compound)
    if text.sentences.count > 1 {
      for score in conversation.resources.sentiment.scoreSentences(text) {
        lowest = min(lowest, score.compound)
        highest = max(highest, score.compound)
      }
    }
    var thanks = false
    var exclamations = 0
    var capitals = 0
    var words = 0
    var content = 0
    for token in text.tokens {
      switch token.kind {
      case .word:
        words += 1
        content += 1
        if isThanks(text, token) { thanks = true }
        if token.isAllCaps && token.length >= 2 { capitals += 1 }
      case .hashtag, .emoji, .emoticon, .number: content += 1
      case .punctuation: if text.bytes[token.start] == UInt8(ascii: "!") { exclamations += 1 }
      default: break
      }
    }
    let unresolved = !lexicons.unresolved.matches(in: text).isEmpty
    let confirmed = lexicons.customerResolved.matches(in: text).contains { $0.value == "confirmed" }
    let leaving = lexicons.leaving.matches(in: text).contains { $0.value == "request" }
    let question =
      conversation.questions.contains { $0.turn == turn.index }
      || text.tokens.contains { $0.kind == .punctuation && text.bytes[$0.start] == UInt8(ascii: "?") }
    let others = others.map { conversation.sentiments[conversation.turns[$0].index].compound }
    let replied = conversation.turns[..<position].contains { $0.role.isCompanySide }
    let resolved =
      turn.index < conversation.resolutionTimeline.count && conversation.resolutionTimeline[turn.index] != nil
    return [
      1, compound, lowest, highest, thanks ? 1 : 0, thanks && lowest < -0.05 ? 1 : 0, unresolved ? 1 : 0,
      confirmed ? 1 : 0, leaving ? 1 : 0, question ? 1 : 0, Double(min(exclamations, 4)) / 4,
      Double(min(capitals, 3)) / 3, content == 0 ? 1 : 0, log1p(Double(words)) / log(50),
      others.isEmpty ? 0 : others.reduce(0, +) / Double(others.count), others.isEmpty ? 1 : 0, replied ? 1 : 0,
      resolved ? 1 : 0,
    ]
  }

  /// "thanks", "thank", "thx", "ty", "cheers", "appreciate(d)".
  static func isThanks(_ text: TokenizedText, _ token: Token) -> Bool {
    text.token(token, equals: "thanks") || text.token(token, equals: "thank") || text.token(token, equals: "thx")
      || text.token(token, equals: "ty") || text.token(token, equals: "cheers")
      || text.token(token, equals: "appreciate") || text.token(token, equals: "appreciated")
  }
}
