import EarshotModel
import EarshotSentiment
import EarshotText

/// A conversation prepared once for every detector: tokens, sentiment, questions, resolution.
public struct AnalyzedConversation: Sendable {
  /// The conversation as read.
  public let conversation: Conversation
  /// Each turn's tokenized text, by turn index.
  public let texts: [TokenizedText]
  /// Each turn's sentiment, by turn index.
  public let sentiments: [SentimentScore]
  /// Each turn's content terms (stems of words that are not stopwords), by turn index, computed once.
  public let contentTerms: [Set<String>]
  /// Questions and requests found in customer turns, in order.
  public let questions: [CustomerQuestion]
  /// A verdict for every customer question or request, in order (the result's `questions`).
  public internal(set) var questionRecords: [QuestionRecord] = []
  /// Where the customer's problem was resolved, if it was.
  public let resolution: Resolution?
  /// Shared lexicons and settings.
  public let resources: AnalysisResources

  /// The turns.
  public var turns: [Turn] { conversation.turns }

  /// The first turn after `index` spoken by the company side (agent or bot), if any.
  public func nextCompanyTurn(after index: Int) -> Turn? {
    turns.first { $0.index > index && $0.role.isCompanySide }
  }

  /// The company-side turns answering the customer turn at `index`: those before the next customer turn.
  public func replies(to index: Int) -> [Turn] {
    var result: [Turn] = []
    for turn in turns where turn.index > index {
      if turn.role == .customer {
        if !result.isEmpty { break }
        continue
      }
      if turn.role.isCompanySide { result.append(turn) }
    }
    return result
  }
}

/// Builds `AnalyzedConversation`s; one analyzer serves a whole run across threads.
public struct ConversationAnalyzer: Sendable {
  /// Lexicons and settings shared by the detectors.
  public let resources: AnalysisResources

  /// Creates an analyzer.
  public init(resources: AnalysisResources) {
    self.resources = resources
  }

  /// Tokenizes, scores and annotates `conversation`.
  public func analyze(_ conversation: Conversation) -> AnalyzedConversation {
    let texts = conversation.turns.map { TokenizedText($0.text) }
    let sentiments = texts.map { resources.sentiment.score($0) }
    let contentTerms = texts.map { ContentTerms.terms(in: $0, stopwords: resources.lexicons.stopwords) }
    let questions = QuestionFinder(lexicons: resources.lexicons).questions(in: conversation.turns, texts: texts)
    let resolution = ResolutionTracker(lexicons: resources.lexicons).resolution(
      in: conversation.turns, texts: texts, sentiments: sentiments)
    var analyzed = AnalyzedConversation(
      conversation: conversation, texts: texts, sentiments: sentiments, contentTerms: contentTerms,
      questions: questions,
      resolution: resolution, resources: resources)
    analyzed.questionRecords = QuestionVerdicts(lexicons: resources.lexicons).records(in: analyzed)
    return analyzed
  }
}
