/// What became of a promise by the end of the transcript (`labeling-guide.md`, "Promises").
public enum PromiseStatus: String, Codable, Sendable, CaseIterable, Hashable {
  /// A later turn shows it done in time.
  case kept
  /// The deadline passed, or the customer was still waiting, with nothing done.
  case broken
  /// The transcript ends before the outcome shows.
  case open
}

/// How an agent's reply met a customer's question or request.
public enum AnswerVerdict: String, Codable, Sendable, CaseIterable, Hashable {
  /// The reply addresses what was asked or does what was requested.
  case answered
  /// The reply engages the problem but does not resolve it.
  case partlyAnswered = "partly_answered"
  /// The reply talks past the question: canned text, deflection, instructions for another problem.
  case notAnswered = "not_answered"
  /// No agent turn follows the question.
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
