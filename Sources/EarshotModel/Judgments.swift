/// What became of a promise by the end of the transcript (`labeling-guide.md`, "Promises").
public enum PromiseStatus: String, Codable, Sendable, CaseIterable, Hashable {
  /// A later turn shows it done in time.
  case kept
  /// The deadline passed, or the customer was still waiting, with nothing done.
  case broken
  /// The transcript ends before the outcome shows.
  case open
}

/// How an agent's reply met a customer's question or request (`labeling-guide.md`, "Which reply is
/// judged, and the verdicts").
public enum AnswerVerdict: String, Codable, Sendable, CaseIterable, Hashable {
  /// The reply addresses what was asked, does what was requested, or gives a concrete fix to try.
  case answered
  /// The reply engages the actual problem without resolving it: a relevant clarifying question,
  /// routing to the right channel, a private channel when private data is genuinely needed.
  case partial
  /// The reply talks past it: canned apology, generic empathy, a bare "DM us" for a question that
  /// could be answered in the open, a general help page, instructions for another problem.
  case notAnswered = "not_answered"
  /// No agent turn comes after it.
  case unanswered
}

extension Finding {
  /// The names of the attributes that carry typed judgments.
  public enum AttributeName {
    /// A promise finding's ``PromiseStatus``.
    public static let promiseStatus = "status"
    /// A non-answer finding's ``AnswerVerdict``.
    public static let verdict = "verdict"
  }

  /// The status of a promise finding, when it has one.
  public var promiseStatus: PromiseStatus? {
    get { attributes[AttributeName.promiseStatus].flatMap(PromiseStatus.init(rawValue:)) }
    set { attributes[AttributeName.promiseStatus] = newValue?.rawValue }
  }

  /// The verdict of a non-answer finding, when it has one.
  public var verdict: AnswerVerdict? {
    get { attributes[AttributeName.verdict].flatMap(AnswerVerdict.init(rawValue:)) }
    set { attributes[AttributeName.verdict] = newValue?.rawValue }
  }
}

/// The verdict on one customer question or request, judged against the agent's first reply (a
/// burst of agent turns sent before the customer speaks again counts as one reply).
public struct QuestionRecord: Codable, Sendable, Hashable {
  /// The customer turn that asks (the first turn of a question spread over several).
  public var turn: Int
  /// The id of that turn's source record (tweet id, Message-ID, comment id, line).
  public var sourceId: String?
  /// What kind of answer it calls for (`time`, `place`, `amount`, `reason`, `howto`, `yesno`,
  /// `request`, `other`).
  public var type: String
  /// How the reply met it.
  public var verdict: AnswerVerdict
  /// The first agent turn judged, when there is one.
  public var replyTurn: Int?
  /// How useful the reply looks for this question, 0–1 (the fitted reply-usefulness model).
  public var usefulness: Double?
  /// Why the verdict was given, for a team lead.
  public var reason: String
  /// The question's words, then the reply's.
  public var evidence: [Evidence]

  /// Creates a record.
  public init(
    turn: Int, sourceId: String?, type: String, verdict: AnswerVerdict, replyTurn: Int?, usefulness: Double?,
    reason: String, evidence: [Evidence]
  ) {
    self.turn = turn
    self.sourceId = sourceId
    self.type = type
    self.verdict = verdict
    self.replyTurn = replyTurn
    self.usefulness = usefulness
    self.reason = reason
    self.evidence = evidence
  }
}
