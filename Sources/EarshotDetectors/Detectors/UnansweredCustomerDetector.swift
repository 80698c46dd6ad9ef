import EarshotModel

/// Finds customers left without any reply: a question never answered, or a last message ignored.
public struct UnansweredCustomerDetector: Detector {
  public static let description = DetectorDescription(
    identifier: "unanswered_customer",
    name: "Customer left without reply",
    rationale: "A customer whose message gets no reply at all was not heard.",
    category: .responsiveness,
    triggeringExamples: [
      """
      Customer: My card was charged twice for order 8812.
      Agent: Thanks for reaching out, let me check.
      Customer: Any news? It has been two days and I still see both charges.
      """
    ],
    nonTriggeringExamples: [
      """
      Customer: My card was charged twice for order 8812.
      Agent: I see both charges; I have refunded the duplicate, it shows within 3 days.
      Customer: Thanks!
      """
    ])

  public let configuration: BasicDetectorConfiguration

  public init(configuration: BasicDetectorConfiguration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    let turns = conversation.turns
    guard let lastCompany = turns.lastIndex(where: { $0.role.isCompanySide }) else {
      // Nobody from the company spoke at all.
      guard let first = turns.first(where: { $0.role == .customer }) else { return [] }
      return [
        finding(
          .major, "No one from the company replied to the customer.",
          [Evidence(turn: first, range: firstSentence(conversation, first.index), note: "customer message")])
      ]
    }
    let trailing = turns[(lastCompany + 1)...].filter { $0.role == .customer }
    guard let last = trailing.last else { return [] }
    // A closing message ("thanks!", "ok bye") needs no reply; a question or a complaint does.
    let asks = conversation.questions.contains { $0.turn > lastCompany }
    let sentiment = conversation.sentiments[last.index].compound
    let short = conversation.texts[last.index].tokens.count <= 12
    let closing =
      !asks && (sentiment > 0.05 || (short && sentiment >= 0) || conversation.resolution?.turn == last.index)
    if closing { return [] }
    let question = conversation.questions.last { $0.turn > lastCompany }
    let evidenceTurn = question.map { turns[$0.turn] } ?? last
    let range = question?.byteRange ?? firstSentence(conversation, last.index)
    return [
      finding(
        .major,
        asks
          ? "The customer's last question got no reply."
          : "The customer's last message got no reply.",
        [Evidence(turn: evidenceTurn, range: range, note: "unanswered message")],
        ["trailing_customer_turns": String(trailing.count)])
    ]
  }

  private func firstSentence(_ conversation: AnalyzedConversation, _ turn: Int) -> Range<Int> {
    let text = conversation.texts[turn]
    return text.sentences.first?.byteRange ?? 0..<text.bytes.count
  }
}
