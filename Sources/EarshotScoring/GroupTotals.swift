/// Sums and counts for one group of conversations (an agent, a company, a channel, a day).
///
/// Everything here is a sum, a count or a list, so totals from separate runs or shards merge
/// exactly with `merge(_:)`: no means of means.
public struct GroupTotals: Codable, Sendable, Hashable {
  /// Conversations in the group.
  public var conversations = 0
  /// Sum and sum of squares of listening scores.
  public var scoreSum = 0.0
  public var scoreSquares = 0.0
  /// Customer questions, and those not (or only partly) answered.
  public var questions = 0
  public var nonAnswers = 0
  /// Conversations with a premature pitch.
  public var pitchConversations = 0
  /// First-response times in seconds (kept whole for an exact median).
  public var firstResponses: [Double] = []
  /// Checkable promises, and how many were kept.
  public var promisesMade = 0
  public var promisesKept = 0
  /// Sum and count of customer sentiment changes (end minus start).
  public var sentimentChangeSum = 0.0
  public var sentimentChangeCount = 0
  /// Minor and major findings by detector.
  public var findingsByDetector: [String: Int] = [:]
  /// Conversations whose customer is known (a `customer_key` and a start time): the ones whose
  /// first-contact resolution can be judged.
  public var customerConversations = 0
  /// Of those, conversations followed by a repeat contact (the customer came back about the same
  /// problem within the window). Added by the repeat-contact pass after scoring.
  public var repeatContacts = 0

  /// Creates empty totals.
  public init() {}

  private enum CodingKeys: String, CodingKey {
    case conversations, scoreSum, scoreSquares, questions, nonAnswers, pitchConversations, firstResponses
    case promisesMade, promisesKept, sentimentChangeSum, sentimentChangeCount, findingsByDetector
    case customerConversations, repeatContacts
  }

  /// Decodes totals; totals stored before customer history have no customer counts.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    conversations = try container.decode(Int.self, forKey: .conversations)
    scoreSum = try container.decode(Double.self, forKey: .scoreSum)
    scoreSquares = try container.decode(Double.self, forKey: .scoreSquares)
    questions = try container.decode(Int.self, forKey: .questions)
    nonAnswers = try container.decode(Int.self, forKey: .nonAnswers)
    pitchConversations = try container.decode(Int.self, forKey: .pitchConversations)
    firstResponses = try container.decode([Double].self, forKey: .firstResponses)
    promisesMade = try container.decode(Int.self, forKey: .promisesMade)
    promisesKept = try container.decode(Int.self, forKey: .promisesKept)
    sentimentChangeSum = try container.decode(Double.self, forKey: .sentimentChangeSum)
    sentimentChangeCount = try container.decode(Int.self, forKey: .sentimentChangeCount)
    findingsByDetector = try container.decode([String: Int].self, forKey: .findingsByDetector)
    customerConversations = try container.decodeIfPresent(Int.self, forKey: .customerConversations) ?? 0
    repeatContacts = try container.decodeIfPresent(Int.self, forKey: .repeatContacts) ?? 0
  }

  /// Adds one conversation's result.
  public mutating func add(_ result: ConversationResult) {
    conversations += 1
    scoreSum += result.score.value
    scoreSquares += result.score.value * result.score.value
    questions += result.metrics.questions
    nonAnswers += result.metrics.nonAnswers
    if result.metrics.prematurePitches > 0 { pitchConversations += 1 }
    if let first = result.metrics.firstResponseSeconds { firstResponses.append(first) }
    promisesMade += result.metrics.promisesMade
    promisesKept += result.metrics.promisesKept
    if let change = result.metrics.customerSentimentChange {
      sentimentChangeSum += change
      sentimentChangeCount += 1
    }
    for finding in result.findings where finding.severity != .info {
      findingsByDetector[finding.detector, default: 0] += 1
    }
    if result.customerKey != nil && result.startedAt != nil {
      customerConversations += 1
      if result.findings.contains(where: { $0.detector == RepeatContacts.detector }) { repeatContacts += 1 }
    }
  }

  /// Adds another group's totals (from another shard or run).
  public mutating func merge(_ other: GroupTotals) {
    conversations += other.conversations
    scoreSum += other.scoreSum
    scoreSquares += other.scoreSquares
    questions += other.questions
    nonAnswers += other.nonAnswers
    pitchConversations += other.pitchConversations
    firstResponses += other.firstResponses
    promisesMade += other.promisesMade
    promisesKept += other.promisesKept
    sentimentChangeSum += other.sentimentChangeSum
    sentimentChangeCount += other.sentimentChangeCount
    findingsByDetector.merge(other.findingsByDetector, uniquingKeysWith: +)
    customerConversations += other.customerConversations
    repeatContacts += other.repeatContacts
  }

  /// Mean listening score.
  public var meanScore: Double? { conversations > 0 ? scoreSum / Double(conversations) : nil }

  /// Sample variance of the scores.
  public var scoreVariance: Double? {
    guard conversations >= 2 else { return nil }
    let n = Double(conversations)
    return max(0, (scoreSquares - scoreSum * scoreSum / n) / (n - 1))
  }

  /// 95% confidence interval of the mean (normal approximation), when there are 2+ conversations.
  public var scoreInterval: ClosedRange<Double>? {
    guard let mean = meanScore, let variance = scoreVariance else { return nil }
    let half = 1.96 * (variance / Double(conversations)).squareRoot()
    return max(0, mean - half)...min(100, mean + half)
  }

  /// Share of questions not answered.
  public var nonAnswerRate: Double? { questions > 0 ? Double(nonAnswers) / Double(questions) : nil }
  /// Share of conversations with a premature pitch.
  public var prematurePitchRate: Double? {
    conversations > 0 ? Double(pitchConversations) / Double(conversations) : nil
  }
  /// Median first response in seconds.
  public var medianFirstResponse: Double? {
    guard !firstResponses.isEmpty else { return nil }
    let sorted = firstResponses.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
  /// Share of checkable promises kept.
  public var promisesKeptRate: Double? { promisesMade > 0 ? Double(promisesKept) / Double(promisesMade) : nil }
  /// First-contact resolution: the share of conversations with a known customer that were not
  /// followed by a repeat contact.
  public var firstContactResolution: Double? {
    customerConversations > 0 ? Double(customerConversations - repeatContacts) / Double(customerConversations) : nil
  }
  /// Mean customer sentiment change.
  public var meanSentimentChange: Double? {
    sentimentChangeCount > 0 ? sentimentChangeSum / Double(sentimentChangeCount) : nil
  }
}
