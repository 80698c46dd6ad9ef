import EarshotText

/// The phrase lists detectors match, loaded from `Lexicons/data/*.tsv`.
public struct DetectorLexicons: Sendable {
  /// Phrases that open a question or request ("how do i", "wondering if", "i want").
  public var questionOpeners: PhraseMatcher<String>
  /// Sales language: offer acts, segues, products, prices, retention words (`sales.tsv`).
  public var sales: PhraseMatcher<String>
  /// Sentences with sales words that sell nothing: compensation, software fixes, policy (`pitch-exclusions.tsv`).
  public var pitchExclusions: PhraseMatcher<String>
  /// Customer requests to cancel, close, downgrade or stop, and agent phrases saying it is done
  /// (`cancel-requests.tsv`).
  public var leaving: PhraseMatcher<String>
  /// Agent phrases that work on the problem: checking, asking for details, steps (`engagement.tsv`).
  public var engagement: PhraseMatcher<String>
  /// Agent requests for a survey, rating or review (`survey-requests.tsv`).
  public var surveys: PhraseMatcher<String>
  /// Replies that push the customer elsewhere instead of answering (value: `dm`, `faq`,
  /// `elsewhere`, `cannot`, `feedback`, `nonews`, `tellmore`).
  public var deflections: PhraseMatcher<String>
  /// Question words that make the answer depend on the customer's own data (account, order,
  /// billing, booking, service at their address), so a private channel is a fair next step.
  public var privateTopics: PhraseMatcher<String>
  /// Customer phrases confirming the problem is solved.
  public var customerResolved: PhraseMatcher<String>
  /// Agent phrases stating the problem is solved.
  public var agentResolved: PhraseMatcher<String>
  /// Customer phrases saying it is still not solved.
  public var unresolved: PhraseMatcher<String>
  /// Promise openers ("i'll call you", "you will hear from us").
  public var promises: PhraseMatcher<String>
  /// Words that carry no content, ignored when comparing questions and replies.
  public var stopwords: TermTable<Bool>
  /// Phrases that must never be said.
  public var noNos: PhraseMatcher<String>
  /// Agent phrases asking for a kind of information (identifier, email, phone, problem).
  public var asks: PhraseMatcher<String>
  /// Empathy, apology and courtesy words: a reply made only of them says nothing.
  public var empathy: TermTable<Bool>
  /// Stems and how much each says a forum reply answers the question (positive) or does not
  /// (negative), fitted for `ReplyRanker`.
  public var answerTerms: [String: Double]
  /// The tree ensemble that turns `ReplyRanker`'s features and linear score into its final score.
  public var replyTrees: ReplyTrees
  /// The fitted model that gives each question's verdict and the reply's usefulness.
  public var replyVerdicts: VerdictModel
  /// The fitted model that reads the customer's mood at their first and last turn.
  public var customerMood: CustomerMoodModel
  /// The fitted model that tells an implicit request from a remark among customer turns without
  /// an explicit question.
  public var implicitRequests: RequestModel

  /// Loads the default lexicons and layers `additions` on top.
  ///
  /// - Throws: `LexiconError` when a file is missing or malformed.
  public static func loadDefault(additions: LexiconAdditions = LexiconAdditions()) throws -> DetectorLexicons {
    func phrases(_ name: String, extra: [String] = []) throws -> PhraseMatcher<String> {
      var matcher = PhraseMatcher<String>()
      for entry in try LexiconFile.loadDefault(name) { matcher.add(entry.term, entry.extra.first ?? "") }
      for term in extra { matcher.add(term, "configured") }
      return matcher
    }
    var empathy = TermTable<Bool>(capacity: 64)
    for entry in try LexiconFile.loadDefault("empathy.tsv") { empathy.set(entry.term, true) }
    var answerTerms: [String: Double] = [:]
    for entry in try LexiconFile.loadDefault("answer-terms.tsv") { answerTerms[entry.term] = entry.value ?? 0 }
    let treesFile = "reply-trees.tsv"
    let replyTrees = try ReplyTrees(
      entries: try LexiconFile.loadDefault(treesFile), inputs: ReplyRanker.treeInputs, file: treesFile)
    var stopwords = TermTable<Bool>(capacity: 256)
    for entry in try LexiconFile.loadDefault("stopwords.tsv") { stopwords.set(entry.term, true) }
    return DetectorLexicons(
      questionOpeners: try phrases("questions.tsv"),
      sales: try phrases("sales.tsv", extra: additions.sales),
      pitchExclusions: try phrases("pitch-exclusions.tsv"),
      leaving: try phrases("cancel-requests.tsv"),
      engagement: try phrases("engagement.tsv"),
      surveys: try phrases("survey-requests.tsv"),
      deflections: try phrases("deflections.tsv", extra: additions.deflections),
      privateTopics: try phrases("private-topics.tsv"),
      customerResolved: try phrases("resolution-customer.tsv"),
      agentResolved: try phrases("resolution-agent.tsv"),
      unresolved: try phrases("unresolved.tsv"),
      promises: try phrases("promises.tsv"),
      stopwords: stopwords,
      noNos: try phrases("nonos.tsv", extra: additions.noNos),
      asks: try phrases("asks.tsv"),
      empathy: empathy,
      answerTerms: answerTerms,
      replyTrees: replyTrees,
      replyVerdicts: try VerdictModel.loadDefault(),
      customerMood: try CustomerMoodModel.loadDefault(),
      implicitRequests: try RequestModel.loadDefault())
  }
}
