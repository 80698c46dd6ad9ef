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
      Customer: When will my refund for order 5521 arrive?
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

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    var result: [Finding] = []
    let judge = AnswerJudge(lexicons: conversation.resources.lexicons)
    for question in conversation.questions {
      var replies = conversation.replies(to: question.turn)
      guard let firstReply = replies.first else { continue }  // no reply at all: unanswered_customer's job
      // A clarifying question back ("what is your order number?") defers the answer to the
      // agent's next replies, after the customer supplies what was asked.
      if let last = replies.last, conversation.texts[last.index].endsWithQuestion,
        conversation.resources.lexicons.deflections.matches(in: conversation.texts[last.index]).isEmpty,
        let customerAnswer = conversation.turns.first(where: { $0.index > last.index && $0.role == .customer })
      {
        replies += conversation.replies(to: customerAnswer.index)
      }
      let judgement = judge.judge(question, in: conversation, replies: replies)
      let questionTurn = conversation.turns[question.turn]
      let verdict: AnswerVerdict
      let severity: Severity
      // "Not answered" needs a positive sign of talking past the question; a reply that merely
      // shares few words with it is at most "partly answered".
      if judgement.score >= configuration.answeredThreshold {
        continue
      } else if judgement.talksPast {
        verdict = .notAnswered
        severity = .major
      } else if judgement.score < configuration.partlyThreshold {
        verdict = .partlyAnswered
        severity = .minor
      } else {
        continue
      }
      let replyRange = judgement.evidenceRange ?? firstSentenceRange(conversation.texts[firstReply.index])
      result.append(
        finding(
          severity, judgement.reason(verdict: verdict),
          [
            Evidence(turn: questionTurn, range: question.byteRange, note: "question"),
            Evidence(turn: judgement.evidenceTurn ?? firstReply, range: replyRange, note: "reply"),
          ],
          [
            Finding.AttributeName.verdict: verdict.rawValue, "question_type": question.type.rawValue,
            "answer_score": String(format: "%.2f", judgement.score),
          ]))
    }
    return result
  }

  private func firstSentenceRange(_ text: TokenizedText) -> Range<Int> {
    text.sentences.first?.byteRange ?? 0..<text.bytes.count
  }
}
