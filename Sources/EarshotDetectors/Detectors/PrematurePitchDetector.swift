import EarshotModel

/// Finds sales offers made before the customer's problem is solved, while the customer is upset,
/// or in place of an answer.
public struct PrematurePitchDetector: Detector {
  /// Settings for pitch timing.
  public struct Configuration: DetectorConfiguration {
    /// Whether the detector runs.
    public var enabled = true
    /// Customer sentiment (compound) below which a pitch counts as made to an upset customer.
    public var negativeMood = -0.05
    /// Creates the defaults.
    public init() {}
  }

  public static let description = DetectorDescription(
    identifier: "premature_pitch",
    name: "Premature pitch",
    rationale: "Selling is not the fault, timing is: an offer before the problem is solved tells the customer "
      + "the agent is not listening.",
    category: .timing,
    triggeringExamples: [
      """
      Customer: My internet has been down since yesterday and I work from home!
      Agent: Sorry about that. Did you know we also have a premium plan with faster speeds? You can upgrade today.
      """
    ],
    nonTriggeringExamples: [
      """
      Customer: My internet has been down since yesterday.
      Agent: I have reset your line; it should be working now.
      Customer: It works now, thanks so much!
      Agent: Great! While I have you, our premium plan is 20% off this month if you are interested.
      """
    ])

  public let configuration: Configuration

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    var result: [Finding] = []
    // One pass over the turns, carrying what each agent turn needs from the turns before it (the
    // last customer turn, whether the company already replied to it, the customer's words), so the
    // work is linear in turns.
    var customerWords = CustomerWords()
    var lastCustomer: Turn?
    var companyTurnsSinceCustomer = 0
    var questionTurns = Set<Int>()
    for question in conversation.questions { questionTurns.insert(question.turn) }
    for turn in conversation.turns {
      defer {
        if turn.role == .customer {
          lastCustomer = turn
          companyTurnsSinceCustomer = 0
        } else if turn.role.isCompanySide {
          companyTurnsSinceCustomer += 1
        }
      }
      guard turn.role.isCompanySide else { continue }
      let offers = SalesOffers.pitches(in: conversation, turn: turn.index, customerWords: &customerWords)
      guard let first = offers.first, let last = offers.last else { continue }
      let offerRange = first.sentence.lowerBound..<last.sentence.upperBound
      let pitch = first
      let resolved = conversation.resolution.map { $0.turn < turn.index } ?? false
      let mood = lastCustomer.map { conversation.sentiments[$0.index].compound } ?? 0
      let upset = mood < configuration.negativeMood
      // The customer's last turn asked something, and this is the company's first reply to it.
      let openQuestion = lastCustomer.map { questionTurns.contains($0.index) } ?? false
      let insteadOfAnswer =
        openQuestion && !resolved && companyTurnsSinceCustomer == 0
        && !hasOtherContent(conversation, turn: turn.index, pitchRange: pitch.sentence)
      if resolved && !upset { continue }
      var reasons: [String] = []
      if insteadOfAnswer { reasons.append("it came in place of an answer to the customer's question") }
      if !resolved { reasons.append("the customer's problem was not yet resolved") }
      if upset { reasons.append("the customer was upset (sentiment \(String(format: "%.2f", mood)))") }
      var evidence = [Evidence(turn: turn, range: offerRange, note: "offer")]
      if let lastCustomer {
        let customerText = conversation.texts[lastCustomer.index]
        let range = customerText.sentences.first?.byteRange ?? 0..<customerText.bytes.count
        evidence.append(Evidence(turn: lastCustomer, range: range, note: "customer's last message"))
      }
      result.append(
        finding(
          .major, "Sales offer made too early: " + reasons.joined(separator: "; ") + ".", evidence,
          [
            "offer_terms": offers.flatMap(\.terms).joined(separator: ","),
            "instead_of_answer": String(insteadOfAnswer), "resolved_before": String(resolved),
          ]))
    }
    return result
  }

  /// Whether the pitch turn says anything besides the offer and pleasantries (at least one
  /// substantial sentence without the offer).
  private func hasOtherContent(_ conversation: AnalyzedConversation, turn: Int, pitchRange: Range<Int>) -> Bool {
    let text = conversation.texts[turn]
    return text.sentences.contains { sentence in
      !sentence.byteRange.overlaps(pitchRange)
        && ContentTerms.terms(
          in: text, tokenRange: sentence.tokenRange, stopwords: conversation.resources.lexicons.stopwords
        )
        .count >= 4
    }
  }
}
