import EarshotModel
import EarshotText
import Foundation

/// How well a set of replies answers one question, with the signals behind the score.
struct AnswerJudgement {
  /// 0 (talks past the question) to 1 (answers it).
  var score: Double
  /// Share of the question's content terms the reply uses.
  var overlap: Double
  /// Whether the reply has the kind of content the question type calls for.
  var typeMatch: Bool
  /// The deflection phrase, if the reply deflects.
  var deflection: String?
  /// Whether the reply only asks a question back.
  var asksBack: Bool
  /// Conversations of the corpus that used a near-identical first reply, when it is a template.
  var templateUses: Int?
  /// Whether the replies hold nothing but empathy, apology and courtesy.
  var emptyEmpathy: Bool
  /// The kinds of every deflection phrase in the replies (`dm`, `faq`, …), before the contact
  /// exception clears `deflection`.
  var deflectionKinds = Set<String>()
  /// Words and numbers of the replies that are neither function words nor empathy.
  var contentWords = 0
  /// Whether the question asks whom or where to contact (so pointing to a contact answers it).
  var asksForContact = false
  /// The turn and bytes to show as the reply's evidence.
  var evidenceTurn: Turn?
  var evidenceRange: Range<Int>?

  /// A positive sign of talking past the question (not merely a weak match): deflection, empty
  /// empathy, a canned reply that does not share the question's words, or only a question back.
  var talksPast: Bool {
    deflection != nil || emptyEmpathy || templateUses != nil || asksBack
  }

  func reason(verdict: AnswerVerdict) -> String {
    var parts: [String] = []
    if let deflection { parts.append("the reply deflects (\"\(deflection)\")") }
    if !typeMatch { parts.append("it does not give what the question asks for") }
    if overlap < 0.2 { parts.append("it shares almost none of the question's words") }
    if asksBack { parts.append("it answers with a question") }
    if let templateUses { parts.append("it is a canned reply used in \(templateUses) conversations") }
    if emptyEmpathy { parts.append("it offers sympathy but no content") }
    let lead = verdict == .notAnswered ? "The question was not answered" : "The question was only partly answered"
    return parts.isEmpty ? lead + "." : lead + ": " + parts.joined(separator: "; ") + "."
  }
}

/// Scores replies against a question from term overlap, answer type, deflection and questions back.
struct AnswerJudge {
  let lexicons: DetectorLexicons

  /// Stems (of the question's content terms) that ask whom to contact or complain to.
  static let contactStems: Set<String> = ["contact", "complain", "complaint", "reach"]
  /// Phrasings that ask for a number or address to get in touch, so pointing to one answers them.
  static let contactQuestions = [
    "what number", "which number", "email address to", "email address for", "phone number to", "phone number for",
    "number to call",
  ]

  func judge(_ question: CustomerQuestion, in conversation: AnalyzedConversation, replies: [Turn]) -> AnswerJudgement {
    let questionText = conversation.texts[question.turn]
    let questionTerms = ContentTerms.terms(
      in: questionText, tokenRange: question.tokenRange, stopwords: lexicons.stopwords)
    var replyTerms = Set<String>()
    var typeMatch = false
    var deflection: String?
    var deflectionKinds = Set<String>()
    var evidenceTurn: Turn?
    var evidenceRange: Range<Int>?
    var replyWords = 0
    var asksBack = true
    var substantive = 0
    for reply in replies {
      let text = conversation.texts[reply.index]
      replyTerms.formUnion(conversation.contentTerms[reply.index])
      replyWords += text.tokens.filter { $0.kind == .word }.count
      if AnswerTypes.matches(question.type, text) { typeMatch = true }
      let matches = lexicons.deflections.matches(in: text)
      for match in matches { deflectionKinds.insert(match.value) }
      if deflection == nil, let match = matches.first {
        deflection = text.string(match.byteRange)
        evidenceTurn = reply
        evidenceRange = match.byteRange
      }
      // Content beyond courtesy: words that are neither function words nor empathy.
      text.bytes.withUnsafeBufferPointer { bytes in
        for (token, hash) in zip(text.tokens, text.termHashes) where token.kind == .word || token.kind == .number {
          if lexicons.stopwords.value(bytes, token.range, hash: hash) == nil
            && lexicons.empathy.value(bytes, token.range, hash: hash) == nil
          {
            substantive += 1
          }
        }
      }
      if !text.asksOnly(stopwords: lexicons.stopwords) { asksBack = false }
    }
    let overlap = weightedOverlap(questionTerms, replyTerms, corpus: conversation.resources.corpus)
    var score = 0.5 * min(1, overlap * 1.5) + (typeMatch ? 0.35 : 0) + min(0.15, Double(replyWords) / 100)
    if deflection != nil { score -= 0.4 }
    if asksBack { score -= 0.15 }
    // Pointing to a contact is the answer when the customer asked whom or where to contact.
    // ("my email changed" or "where is my order" do not ask whom to contact).
    let asksForContact =
      !questionTerms.isDisjoint(with: AnswerJudge.contactStems)
      || questionText.tokens[question.tokenRange].contains { token in
        token.kind == .word && (questionText.token(token, equals: "who") || questionText.token(token, equals: "whom"))
      }
      || AnswerJudge.contactQuestions.contains {
        ByteSearch.contains($0, in: questionText.bytes, within: question.byteRange, wholeWords: true)
      }
    if asksForContact, deflection != nil {
      deflection = nil
      score += 0.4
    }
    // A canned reply reused across many conversations answers this question only if it shares its words.
    var templateUses: Int?
    if let first = replies.first, let fingerprint = SimHash.fingerprint(conversation.texts[first.index]),
      conversation.resources.corpus.isTemplate(fingerprint), overlap < 0.5
    {
      templateUses = conversation.resources.corpus.templateUses(fingerprint)
      score -= 0.2
    }
    return AnswerJudgement(
      score: max(0, min(1, score)), overlap: overlap, typeMatch: typeMatch, deflection: deflection, asksBack: asksBack,
      templateUses: templateUses, emptyEmpathy: substantive <= 2, deflectionKinds: deflectionKinds,
      contentWords: substantive,
      asksForContact: asksForContact, evidenceTurn: evidenceTurn, evidenceRange: evidenceRange)
  }
}

/// Share of the question's content, weighted by rarity (IDF), that the reply repeats.
func weightedOverlap(_ question: Set<String>, _ reply: Set<String>, corpus: CorpusStatistics) -> Double {
  guard !question.isEmpty else { return 0.5 }
  var total = 0.0
  var shared = 0.0
  for term in question {
    let weight = corpus.idf(term)
    total += weight
    if reply.contains(term) { shared += weight }
  }
  return total > 0 ? shared / total : 0
}

/// What each question type's answer contains.
enum AnswerTypes {
  static let timeWords: Set<String> = [
    "today", "tomorrow", "tonight", "yesterday", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "am", "pm",
    "morning", "afternoon", "evening", "soon", "now", "immediately", "business",
  ]
  static let reasonWords: Set<String> = ["because", "due", "since", "caused", "reason", "as"]
  static let stepWords: Set<String> = [
    "go", "click", "tap", "select", "open", "enter", "press", "hold", "choose", "navigate", "settings", "restart",
    "reset", "install", "log", "sign", "follow", "steps", "step", "then", "first", "visit",
  ]
  static let yesNoWords: Set<String> = [
    "yes", "no", "yep", "nope", "sure", "unfortunately", "correct", "absolutely", "definitely", "can", "cannot",
    "can't",
    "will", "won't", "do", "don't", "does", "doesn't", "is", "isn't", "not",
  ]
  static let actionWords: Set<String> = [
    "done", "processed", "cancelled", "canceled", "refunded", "issued", "sent", "updated", "changed", "reset", "fixed",
    "resolved", "applied", "booked", "arranged", "shipped", "replaced", "credited", "removed", "added", "will", "i've",
    "we've", "i'll", "we'll", "have",
  ]
  static let placeWords: Set<String> = [
    "at", "in", "near", "store", "location", "address", "street", "floor", "online",
  ]

  static func matches(_ type: QuestionType, _ text: TokenizedText) -> Bool {
    let words = text.tokens.lazy.filter { $0.kind == .word }.map { text.string($0).lowercased() }
    let hasNumber = text.tokens.contains { $0.kind == .number }
    switch type {
    case .time: return hasNumber || words.contains { timeWords.contains($0) }
    case .amount: return hasNumber || text.bytes.contains(UInt8(ascii: "$")) || words.contains { $0 == "free" }
    case .reason: return words.contains { reasonWords.contains($0) }
    case .howto: return words.contains { stepWords.contains($0) }
    case .yesno: return words.prefix(6).contains { yesNoWords.contains($0) }
    case .request: return words.contains { actionWords.contains($0) }
    case .place: return words.contains { placeWords.contains($0) } || text.tokens.contains { $0.kind == .url }
    case .other: return words.count >= 8
    }
  }
}

extension TokenizedText {
  /// Words of three or more letters that are not stopwords, in `range` (no stemming, no allocation).
  func contentWordCount(_ range: Range<Int>, stopwords: TermTable<Bool>) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      range.reduce(0) { count, index in
        let token = tokens[index]
        return token.kind == .word && token.length >= 3
          && stopwords.value(buffer, token.range, hash: termHashes[index]) == nil
          ? count + 1 : count
      }
    }
  }

  /// Whether every sentence with content (three or more content words) is a question.
  func asksOnly(stopwords: TermTable<Bool>) -> Bool {
    var asked = false
    for sentence in sentences {
      let isQuestion = tokens[sentence.tokenRange].contains {
        $0.kind == .punctuation && bytes[$0.range].contains(0x3F)
      }
      if isQuestion {
        asked = true
      } else if contentWordCount(sentence.tokenRange, stopwords: stopwords) >= 3 {
        return false
      }
    }
    return asked
  }

  /// Whether the text's last sentence ends with a question mark.
  var endsWithQuestion: Bool {
    guard let last = tokens.last(where: { $0.kind == .punctuation || $0.kind == .word }) else { return false }
    return last.kind == .punctuation && bytes[last.range].contains(UInt8(ascii: "?"))
  }
}
