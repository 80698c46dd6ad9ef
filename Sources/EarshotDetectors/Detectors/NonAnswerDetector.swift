import EarshotModel
import EarshotText

/// Judges whether the agent's reply answers each customer question or talks past it.
public struct NonAnswerDetector: Detector {
  /// Settings for the non-answer judgement.
  public struct Configuration: DetectorConfiguration {
    /// Whether the detector runs.
    public var enabled = true
    /// Answer score at or above which a reply counts as answered.
    public var answeredThreshold = 0.45
    /// Answer score at or above which a reply counts as partly answered.
    public var partlyThreshold = 0.25
    /// Creates the defaults.
    public init() {}
  }

  public static let description = DetectorDescription(
    identifier: "non_answer",
    name: "Non-answer",
    rationale: "A reply that talks past the question (canned text, deflection, empathy with no content) "
      + "leaves the customer where they started.",
    category: .answers,
    triggeringExamples: [
      """
      Customer: Do you ship to Canada?
      Agent: We're sorry to hear that. Please DM us and we'll take a look.
      """,
      """
      Customer: How do I reset my router password?
      Agent: Have you checked our FAQ? Visit our help center for more.
      """,
    ],
    nonTriggeringExamples: [
      """
      Customer: When will my refund for order 5521 arrive?
      Agent: Your refund for order 5521 was issued today and arrives within 3 to 5 business days.
      """,
      """
      Customer: How do I reset my router password?
      Agent: To reset the router password, hold the reset button for 10 seconds, then open 192.168.1.1 and set a new password.
      """,
    ])

  public let configuration: Configuration

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  /// One major finding per question judged `not_answered` (the verdicts come from the analysis:
  /// the fitted reply-verdict model, see `QuestionVerdicts`; the thresholds are no longer read). `partial` replies engage
  /// the problem and are not findings; `unanswered` is `unanswered_customer`'s.
  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    conversation.questionRecords.compactMap { record in
      guard record.verdict == .notAnswered else { return nil }
      var attributes = [
        Finding.AttributeName.verdict: record.verdict.rawValue, "question_type": record.type,
      ]
      if let usefulness = record.usefulness {
        attributes["answer_score"] = FixedPointText.string(usefulness, decimals: 2)
      }
      return finding(.major, record.reason, record.evidence, attributes)
    }
  }

}
