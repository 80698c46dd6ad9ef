import EarshotModel

/// Reports each customer question or request with its type; the non-answer detector judges the replies.
public struct CustomerQuestionDetector: Detector {
  public static let description = DetectorDescription(
    identifier: "customer_question",
    name: "Customer question",
    rationale: "Every question or request is something the agent must answer; listing them shows what was asked.",
    category: .answers,
    triggeringExamples: [
      """
      Customer: How much does the premium plan cost?
      Agent: It is $12 a month.
      """,
      """
      Customer: I want a refund for order 5521
      Agent: Done, the refund is on its way.
      """,
    ],
    nonTriggeringExamples: [
      """
      Customer: Thanks, all good now.
      Agent: Glad to hear it!
      """
    ])

  public let configuration: BasicDetectorConfiguration

  public init(configuration: BasicDetectorConfiguration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    conversation.questions.map { question in
      let turn = conversation.turns[question.turn]
      return finding(
        .info, question.type == .request ? "The customer made a request." : "The customer asked a question.",
        [Evidence(turn: turn, range: question.byteRange, note: "question")],
        ["question_type": question.type.rawValue])
    }
  }
}
