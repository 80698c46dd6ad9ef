import EarshotModel
import EarshotText
import Foundation

/// Scores how well each reply in a thread answers the thread's opening question, from signals
/// that need no training data at run time: rarity-weighted similarity to the question, where the
/// reply stands among the thread's replies, who wrote it (the asker's own follow-ups are not
/// answers), its length, whether it asks back, thanks or banters, and whether it carries advice,
/// links, numbers or amounts.
///
/// The weights were fitted once by logistic regression on the SemEval-2016 community-QA training
/// slice (see `docs/evaluation.md`) and are fixed here; `earshot evaluate answers` measures them.
public struct ReplyRanker: Sendable {
  /// Names of the features, in order (for `--dump-features` and documentation).
  public static let featureNames = [
    "bias", "position", "by_asker", "log_words", "question_cosine", "ends_with_question", "thanks", "banter", "link",
    "digit", "short", "author_reply_share", "mentions_other_author", "advice", "amount", "first_person_share",
    "exclamation_share", "cosine_rank", "relative_log_words", "yes_no_opening", "after_asker_reply",
  ]

  /// Logistic-regression weights, one per feature.
  public var weights: [Double]

  /// Creates a ranker with the fitted weights.
  public init(weights: [Double] = ReplyRanker.fittedWeights) {
    self.weights = weights
  }

  /// Fitted on the SemEval-2016 Task 3 train-part2 file (`evaluate answers --dump-features`, then
  /// L2-regularized logistic regression of Good against the rest).
  public static let fittedWeights: [Double] = [
    -0.397, -1.302, -1.438, 0.217, 2.284, -1.408, -1.184, -0.363, 0.196, 0.296, 1.138, -1.880, -0.644, 0.359, 0.765,
    -1.549, -0.553, 0.078, 0.403, 0.429, -0.146,
  ]

  /// The answer score of every turn after `questionTurn`, by turn index (higher is a better answer).
  public func scores(in conversation: AnalyzedConversation, questionTurn: Int = 0) -> [Int: Double] {
    features(in: conversation, questionTurn: questionTurn).mapValues { values in
      zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }
  }

  /// The feature vector of every turn after `questionTurn`, by turn index.
  public func features(in conversation: AnalyzedConversation, questionTurn: Int = 0) -> [Int: [Double]] {
    let resources = conversation.resources
    let stopwords = resources.lexicons.stopwords
    let question = TermVector(conversation.texts[questionTurn], stopwords: stopwords, corpus: resources.corpus)
    let asker = conversation.turns[questionTurn].speaker
    let replies = conversation.turns.filter { $0.index > questionTurn }
    guard !replies.isEmpty else { return [:] }
    let cosines = replies.map {
      question.cosine(TermVector(conversation.texts[$0.index], stopwords: stopwords, corpus: resources.corpus))
    }
    let wordCounts = replies.map { Self.words(conversation.texts[$0.index]).count }
    let meanLogWords = wordCounts.reduce(0.0) { $0 + log(1 + Double($1)) } / Double(replies.count)
    let sortedCosines = cosines.sorted(by: >)
    let authors = Dictionary(grouping: replies, by: \.speaker).mapValues(\.count)
    let names = Set(
      conversation.conversation.participants.compactMap { $0.name?.lowercased() }.filter { $0.count > 2 })
    var result: [Int: [Double]] = [:]
    for (position, reply) in replies.enumerated() {
      let text = conversation.texts[reply.index]
      let words = Self.words(text)
      let count = Double(words.count)
      let lowered = reply.text.lowercased()
      let ownName = conversation.conversation.participant(withID: reply.speaker)?.name?.lowercased()
      let firstPerson = Double(words.filter { $0 == "i" || $0 == "me" || $0 == "my" }.count)
      let exclamations = Double(reply.text.utf8.filter { $0 == UInt8(ascii: "!") }.count)
      let opening = Set(Self.words(TokenizedText(String(reply.text.prefix(30)))))
      result[reply.index] = [
        1,
        Double(position + 1) / 10,
        reply.speaker == asker ? 1 : 0,
        log(1 + count),
        cosines[position],
        reply.text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("?") ? 1 : 0,
        words.contains { Self.thanks.contains($0) } || lowered.contains("thank you") ? 1 : 0,
        words.contains { Self.banter.contains($0) } || lowered.contains("good luck") ? 1 : 0,
        text.tokens.contains { $0.kind == .url } ? 1 : 0,
        reply.text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } ? 1 : 0,
        count < 5 ? 1 : 0,
        Double(authors[reply.speaker] ?? 0) / 10,
        names.contains { $0 != ownName && lowered.contains($0) } ? 1 : 0,
        Self.advicePhrases.contains { lowered.contains($0) } || words.contains { Self.adviceWords.contains($0) }
          ? 1 : 0,
        words.contains { Self.amountWords.contains($0) } || reply.text.contains("$") ? 1 : 0,
        count > 0 ? firstPerson / count : 0,
        count > 0 ? exclamations / count : 0,
        Double(sortedCosines.firstIndex(of: cosines[position]) ?? 0) / 10,
        log(1 + count) - meanLogWords,
        opening.contains { Self.yesNo.contains($0) } ? 1 : 0,
        replies[..<position].contains { $0.speaker == asker } ? 1 : 0,
      ]
    }
    return result
  }

  static func words(_ text: TokenizedText) -> [String] {
    text.tokens.filter { $0.kind == .word || $0.kind == .number }.map { text.string($0).lowercased() }
  }

  static let thanks: Set<String> = ["thanks", "thanx", "thx", "ty"]
  static let banter: Set<String> = ["agree", "lol", "haha", "hehe", "lmao", "welcome"]
  static let adviceWords: Set<String> = ["try", "call", "contact", "visit", "apply", "ask", "check"]
  static let advicePhrases = ["you can", "you should", "you need", "you have to", "go to"]
  static let amountWords: Set<String> = [
    "qr", "qar", "riyal", "riyals", "dollar", "dollars", "usd", "eur", "euro", "euros",
  ]
  static let yesNo: Set<String> = ["yes", "no", "yeah", "nope", "sure"]
}
