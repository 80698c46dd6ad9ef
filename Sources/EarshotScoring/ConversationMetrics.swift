import EarshotDetectors
import EarshotModel

/// Measurements of one conversation that aggregation needs besides the findings.
public struct ConversationMetrics: Codable, Sendable, Hashable {
  /// Turns by the customer.
  public var customerTurns: Int
  /// Turns by agents and bots.
  public var agentTurns: Int
  /// Customer questions and requests.
  public var questions: Int
  /// Questions judged not or only partly answered, or left without reply.
  public var nonAnswers: Int
  /// Sales offers made too early.
  public var prematurePitches: Int
  /// Seconds to the first company reply, when timestamps allow.
  public var firstResponseSeconds: Double?
  /// The longest customer wait, in seconds.
  public var longestWaitSeconds: Double?
  /// Promises made with a checkable deadline, and how many were kept or broken.
  public var promisesMade: Int
  public var promisesKept: Int
  public var promisesBroken: Int
  /// The customer's mood at their first turn (-1 to 1, the labeling guide's -2…+2 halved; the same
  /// as the end when they spoke once): `CustomerMood`, read by the fitted model in `customer-mood.tsv`.
  public var customerSentimentStart: Double?
  /// The customer's mood at their last turn (-1 to 1), read the same way.
  public var customerSentimentEnd: Double?
  /// Mean compound sentiment of agent turns.
  public var agentSentiment: Double?
  /// Whether the problem was resolved, and how.
  public var resolution: String?

  /// Measures `analyzed` given its findings.
  public init(_ analyzed: AnalyzedConversation, findings: [Finding]) {
    let turns = analyzed.turns
    customerTurns = turns.filter { $0.role == .customer }.count
    let companyTurns = turns.filter { $0.role.isCompanySide }
    agentTurns = companyTurns.count
    questions = analyzed.questions.count
    // No reply at all: no company-side turn after the question (an O(1) look-up per question).
    let unansweredQuestions = analyzed.questions.filter { analyzed.nextCompanyTurn(after: $0.turn) == nil }.count
    nonAnswers = findings.filter { $0.detector == NonAnswerDetector.description.identifier }.count + unansweredQuestions
    // Pitches after a confirmed resolution are `info`: the sales motion, not a premature pitch.
    prematurePitches =
      findings.filter { $0.detector == PrematurePitchDetector.description.identifier && $0.severity != .info }.count
    let waits = ResponseWaits.waits(in: analyzed.conversation)
    firstResponseSeconds = waits.first { $0.isFirst }?.seconds
    longestWaitSeconds = waits.map(\.seconds).max()
    let promises = findings.filter { $0.detector == PromiseDetector.description.identifier }
    promisesKept = promises.filter { $0.promiseStatus == .kept }.count
    promisesBroken = promises.filter { $0.promiseStatus == .broken }.count
    promisesMade = promisesKept + promisesBroken
    let trajectory = CustomerTrajectory(analyzed)
    customerSentimentStart = trajectory.start
    customerSentimentEnd = trajectory.end
    agentSentiment =
      companyTurns.isEmpty
      ? nil : companyTurns.reduce(0) { $0 + analyzed.sentiments[$1.index].compound } / Double(companyTurns.count)
    resolution = analyzed.resolution?.kind.rawValue
  }

  /// Customer sentiment change from start to end, when both are known.
  public var customerSentimentChange: Double? {
    guard let start = customerSentimentStart, let end = customerSentimentEnd else { return nil }
    return end - start
  }
}
