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
    let lowered = text.string(sentence.byteRange).lowercased()
    let words = range.filter { tokens[$0].kind == .word || tokens[$0].kind == .number }
    if words.count <= 6, QuestionFinder.smallTalk.contains(where: { lowered.contains($0) }) { return nil }
    // "Hello?", "Anyone?": a call for attention, not a question with content to answer.
    if words.count <= 1 { return nil }
    // An opener within the first few words ("Hi, how do I…", "So when will…").
    let firstWords = range.filter { tokens[$0].kind == .word }.prefix(4)
    var opener: QuestionType?
    text.bytes.withUnsafeBufferPointer { bytes in
      for start in firstWords {
        if let match = lexicons.questionOpeners.longestMatch(bytes, tokens, at: start, limit: range.upperBound) {
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
    case .yesno where lowered.contains("wondering") || lowered.contains("know"): return .yesno
    case .other where lowered.contains("know") || lowered.contains("tell me"): return .other
    default: return nil
    }
  }
}
