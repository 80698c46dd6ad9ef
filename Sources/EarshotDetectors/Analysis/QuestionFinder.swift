import EarshotModel
import EarshotText

/// What kind of answer a question calls for.
public enum QuestionType: String, Codable, Sendable, CaseIterable {
  /// When: a time or date answers it.
  case time
  /// Where: a place.
  case place
  /// How much / how many: an amount.
  case amount
  /// Why: a reason.
  case reason
  /// How do I: steps.
  case howto
  /// Yes or no.
  case yesno
  /// A request to do something (cancel, refund, send).
  case request
  /// Anything else.
  case other
}

/// A question or request in a customer turn.
public struct CustomerQuestion: Sendable, Hashable {
  /// The customer turn.
  public var turn: Int
  /// The sentence's bytes in the turn text.
  public var byteRange: Range<Int>
  /// The sentence's tokens.
  public var tokenRange: Range<Int>
  /// What kind of answer it calls for.
  public var type: QuestionType
}

/// Finds questions and requests in customer turns: interrogatives, sentences ending in "?",
/// and openers without "?" ("wondering if", "need to know", "please cancel", "I want a refund").
struct QuestionFinder {
  let lexicons: DetectorLexicons

  /// Small talk that is not a support question.
  static let smallTalk = ["how are you", "how r u", "how's it going", "what's up", "you there", "anyone there"]

  /// Question words that open a question when an auxiliary follows ("why won't", "when will"); not
  /// when a subject follows ("when I try", "what a day").
  static let questionWords: [String: QuestionType] = [
    "why": .reason, "when": .time, "where": .place, "how": .howto, "what": .other, "which": .other, "who": .other,
  ]
  /// Question words with their auxiliary attached ("where's my check", "whats going on"): a question
  /// without "?" as soon as they open the sentence.
  static let contractedQuestionWords: [String: QuestionType] = [
    "where's": .place, "wheres": .place, "what's": .other, "whats": .other, "how's": .other, "hows": .other,
    "why's": .reason, "when's": .time, "whens": .time,
  ]
  /// Auxiliaries, with a plain apostrophe (`’` is read as `'` before the lookup).
  static let auxiliaries: Set<String> = [
    "is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should", "has", "have", "had",
    "won't", "can't", "isn't", "aren't", "wasn't", "weren't", "doesn't", "don't", "didn't", "couldn't", "wouldn't",
    "shouldn't", "hasn't", "haven't", "hadn't", "wont", "cant", "isnt", "arent", "wasnt", "doesnt", "dont", "didnt",
    "couldnt", "wouldnt", "shouldnt",
  ]
  static let subjects: Set<String> = ["you", "i", "we", "they", "it", "there", "anyone", "someone", "anybody", "u"]
  /// What follows an order's verb ("sort this now", "refund me", "explain why"), so that a noun or
  /// filler in first place ("help desk", "sort of", "reset didn't work") is not read as one.
  static let orderObjects: Set<String> = [
    "me", "my", "this", "it", "that", "now", "the", "our", "your", "us", "them", "these", "those", "why", "how",
    "what", "out", "up",
  ]
  /// Verbs that open an order to support ("sort this now", "refund me").
  static let orders: Set<String> = [
    "fix", "sort", "refund", "cancel", "help", "explain", "resolve", "reply", "respond", "stop", "send", "deliver",
    "unlock", "reset", "restore", "reinstate", "escalate",
  ]

  func questions(in turns: [Turn], texts: [TokenizedText]) -> [CustomerQuestion] {
    var result: [CustomerQuestion] = []
    for turn in turns where turn.role == .customer {
      let text = texts[turn.index]
      for sentence in text.sentences {
        guard let type = classify(text, sentence) else { continue }
        result.append(
          CustomerQuestion(turn: turn.index, byteRange: sentence.byteRange, tokenRange: sentence.tokenRange, type: type)
        )
      }
    }
    return result
  }

  /// The question type, or nil when the sentence is not a question or request.
  func classify(_ text: TokenizedText, _ sentence: Sentence) -> QuestionType? {
    let tokens = text.tokens
    let range = sentence.tokenRange
    let endsWithQuestionMark = range.contains { index in
      tokens[index].kind == .punctuation && text.bytes[tokens[index].range].contains(UInt8(ascii: "?"))
    }
    func says(_ phrase: String) -> Bool { ByteSearch.contains(phrase, in: text.bytes, within: sentence.byteRange) }
    let words = range.filter { tokens[$0].kind == .word || tokens[$0].kind == .number }
    if words.count <= 6, QuestionFinder.smallTalk.contains(where: says) { return nil }
    let leading = range.filter { tokens[$0].kind == .word }.prefix(2).map {
      text.isASCII(tokens[$0])
        ? text.lowercasedASCII(tokens[$0])
        : text.string(tokens[$0]).lowercased().replacingOccurrences(of: "’", with: "'")
    }
    // "Help!" alone is a request; "Hello?", "Anyone?" are calls for attention with nothing to answer.
    if words.count <= 1 { return leading.first == "help" ? .request : nil }
    // Without "?": a sentence that opens like a question ("why won't my apps update", "do you have
    // an app for this") or an order ("sort this now", "fix my account").
    if !endsWithQuestionMark, let first = leading.first {
      let second = leading.count > 1 ? leading[1] : ""
      if let type = QuestionFinder.questionWords[first], QuestionFinder.auxiliaries.contains(second) { return type }
      // "y do they charge…": the texting spelling of why.
      if first == "y", QuestionFinder.auxiliaries.contains(second) { return .reason }
      if let type = QuestionFinder.contractedQuestionWords[first], !second.isEmpty { return type }
      if QuestionFinder.auxiliaries.contains(first), QuestionFinder.subjects.contains(second) { return .yesno }
      if QuestionFinder.orders.contains(first), QuestionFinder.orderObjects.contains(second) { return .request }
      // An order with "please" anywhere ("fix the login page please").
      if QuestionFinder.orders.contains(first), says("please") || says("pls") || says("plz") { return .request }
    }
    // An opener within the first few words ("Hi, how do I…", "So when will…").
    let firstWords = range.filter { tokens[$0].kind == .word }.prefix(4)
    var opener: QuestionType?
    text.bytes.withUnsafeBufferPointer { bytes in
      for start in firstWords {
        if let match = lexicons.questionOpeners.longestMatch(
          bytes, tokens, hashes: text.termHashes, at: start, limit: range.upperBound)
        {
          opener = QuestionType(rawValue: match.value) ?? .other
          break
        }
      }
    }
    if endsWithQuestionMark { return opener ?? .yesno }
    guard let opener else { return nil }
    // Without "?", only request openers and explicit asks count; "what a day" is not a question.
    switch opener {
    case .request, .howto: return opener
    case .yesno where says("wondering") || says("know"): return .yesno
    case .other where says("know") || says("tell me"): return .other
    default: return nil
    }
  }
}
