import EarshotModel
import EarshotSentiment
import EarshotText
import Synchronization

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
  /// The customer's mood at their first and last turn (nil when no customer spoke), read once.
  public internal(set) var customerMood: CustomerMood?
  /// Where the customer's problem was resolved, if it was (the resolution in force after the last turn).
  public var resolution: Resolution? { resolutionTimeline.last ?? nil }
  /// The resolution in force after each turn, by turn index (`nil` while unresolved or after a
  /// contradiction), so detectors can ask what was settled before a given turn.
  public let resolutionTimeline: [Resolution?]
  /// Shared lexicons and settings.
  @inlinable public var resources: AnalysisResources { sharedResources.value }
  /// The resources, held by reference: they are a hundred or so buffers, each retained on every
  /// copy of a conversation if held inline, and the same buffers for every scoring thread.
  @usableFromInline let sharedResources: SharedResources
  /// For each turn position, the position of the first company-side turn after it (`turns.count`
  /// when there is none), so replies are found without scanning from the start for every question.
  let companyTurnAfter: [Int]
  /// Analyses that two detectors need, computed by the first that asks.
  let memo = AnalysisMemo()

  /// The turns.
  public var turns: [Turn] { conversation.turns }

  /// The first turn after `index` spoken by the company side (agent or bot), if any.
  public func nextCompanyTurn(after index: Int) -> Turn? {
    let position = firstCompanyPosition(after: index)
    return position < turns.count ? turns[position] : nil
  }

  /// The company-side turns answering the customer turn at `index`: those before the next customer turn.
  public func replies(to index: Int) -> [Turn] {
    var result: [Turn] = []
    var position = firstCompanyPosition(after: index)
    // From the first reply on, other company-side turns join until the customer speaks again.
    while position < turns.count {
      let turn = turns[position]
      if turn.role == .customer { break }
      if turn.role.isCompanySide { result.append(turn) }
      position += 1
    }
    return result
  }

  /// The position of the first company-side turn after turn `index` (any integer), or `turns.count`.
  func firstCompanyPosition(after index: Int) -> Int {
    guard index >= 0 else {
      guard let first = turns.first else { return 0 }
      return first.role.isCompanySide ? 0 : companyTurnAfter[0]
    }
    return index < companyTurnAfter.count ? companyTurnAfter[index] : turns.count
  }

  /// `companyTurnAfter` for `turns`, in one backward pass.
  static func companyTurnPositions(_ turns: [Turn]) -> [Int] {
    var result = [Int](repeating: turns.count, count: turns.count)
    var next = turns.count
    for position in turns.indices.reversed() {
      result[position] = next
      if turns[position].role.isCompanySide { next = position }
    }
    return result
  }
}

/// Analyses computed once per conversation: the self-interest events (the premature-pitch and
/// the survey-before-resolution detectors read the same scan) and the thread prefix every
/// question's verdict context reads.
final class AnalysisMemo: Sendable {
  private let selfInterest = Mutex<(negativeMood: Double, events: [SelfInterestEvent])?>(nil)
  private let verdictThread = Mutex<VerdictContext.ThreadPrefix?>(nil)

  /// The thread prefix the verdict context reads, computed on first use.
  func threadPrefix(compute: () -> VerdictContext.ThreadPrefix) -> VerdictContext.ThreadPrefix {
    if let cached = verdictThread.withLock({ $0 }) { return cached }
    let prefix = compute()
    verdictThread.withLock { $0 = prefix }
    return prefix
  }

  /// The scan's events for `negativeMood`, computed on first use.
  func selfInterestEvents(
    negativeMood: Double, compute: () -> [SelfInterestEvent]
  ) -> [SelfInterestEvent] {
    if let cached = selfInterest.withLock({ $0 }), cached.negativeMood == negativeMood { return cached.events }
    let events = compute()
    selfInterest.withLock { $0 = (negativeMood, events) }
    return events
  }
}

/// `AnalysisResources` behind one reference, so copying what holds them costs one retain.
///
/// Each scoring thread should hold its own box (`ConversationAnalyzer.withOwnResourceBox()`):
/// the box's reference count is then touched by that thread alone.
@usableFromInline final class SharedResources: Sendable {
  @usableFromInline let value: AnalysisResources

  init(_ value: AnalysisResources) { self.value = value }
}

/// Builds `AnalyzedConversation`s; one analyzer serves a whole run across threads.
public struct ConversationAnalyzer: Sendable {
  /// Lexicons and settings shared by the detectors.
  @inlinable public var resources: AnalysisResources { sharedResources.value }
  @usableFromInline let sharedResources: SharedResources

  /// Creates an analyzer.
  public init(resources: AnalysisResources) {
    sharedResources = SharedResources(resources)
  }

  /// The same analyzer with its resources in a box of its own, for one scoring thread: the
  /// conversations it analyzes are copied from detector to detector, each copy retaining the box,
  /// and a box shared by threads would have both cores contend for its reference count.
  public func withOwnResourceBox() -> ConversationAnalyzer {
    ConversationAnalyzer(resources: resources)
  }

  /// Tokenizes, scores and annotates `conversation`.
  public func analyze(_ conversation: Conversation) -> AnalyzedConversation {
    let texts = conversation.turns.map { TokenizedText($0.text) }
    let sentiments = texts.map { resources.sentiment.score($0) }
    let contentTerms = texts.map { ContentTerms.terms(in: $0, stopwords: resources.lexicons.stopwords) }
    let questions = QuestionFinder(lexicons: resources.lexicons).questions(in: conversation.turns, texts: texts)
    let timeline = ResolutionTracker(lexicons: resources.lexicons).timeline(
      in: conversation.turns, texts: texts, sentiments: sentiments, questionTurns: Set(questions.map(\.turn)))
    var analyzed = AnalyzedConversation(
      conversation: conversation, texts: texts, sentiments: sentiments, contentTerms: contentTerms,
      questions: questions,
      resolutionTimeline: timeline, sharedResources: sharedResources,
      companyTurnAfter: AnalyzedConversation.companyTurnPositions(conversation.turns))
    analyzed.questionRecords = QuestionVerdicts(lexicons: resources.lexicons).records(in: analyzed)
    analyzed.customerMood = CustomerMood(analyzed)
    return analyzed
  }
}
