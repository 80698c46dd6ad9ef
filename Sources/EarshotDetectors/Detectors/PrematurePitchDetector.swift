import EarshotModel

/// Finds sales offers made before the customer's problem is solved, while the customer is upset,
/// in place of an answer, or against a request to leave; a pitch after a confirmed resolution to a
/// content customer is reported as `info`.
///
/// Every finding has a `pattern` attribute and a weight:
/// - `pitch_instead_of_answer` (major): the reply to a question or request is nothing but the pitch;
/// - `retention_wall` (major): offers pushed at a customer who asked to cancel, close, downgrade or stop;
/// - `premature_pitch` (minor): a pitch beside real work on an open problem, or to an unhappy customer;
/// - `pitch_after_resolution` (info, no penalty): the sales motion, shown to leads.
public struct PrematurePitchDetector: Detector {
  /// Settings for pitch timing.
  public struct Configuration: DetectorConfiguration {
    /// Whether the detector runs.
    public var enabled = true
    /// Customer sentiment (compound) below which a pitch counts as made to an upset customer.
    public var negativeMood = -0.05
    /// Whether pitches after a confirmed resolution are reported (as `info`).
    public var reportAfterResolution = true
    /// Creates the defaults.
    public init() {}
  }

  public static let description = DetectorDescription(
    identifier: "premature_pitch",
    name: "Premature pitch",
    rationale: "Selling is not the fault, timing is: an offer before the problem is solved, in place of an answer "
      + "or against a request to cancel tells the customer the agent is not listening (pitch in place of an answer "
      + "and retention wall: major; premature pitch: minor; pitch after a confirmed resolution: info).",
    category: .timing,
    triggeringExamples: [
      """
      Customer: My internet has been down since yesterday and I work from home!
      Agent: Sorry about that. Did you know we also have a premium plan with faster speeds? You can upgrade today.
      """,
      """
      Customer: Is my phone's cracked screen covered by the insurance I pay for?
      Agent: Good timing! You're eligible for an early upgrade to the new Zephyr 12 from £22 a month.
      """,
      """
      Customer: Please cancel my gym membership, I'm moving away.
      Agent: Before you go, how about three months at half price? Or switch to our Flex plan for £9 a month.
      Customer: No thanks, just cancel it.
      """,
      """
      Customer: My parcel is a week late, order 55120.
      Agent: Let me check the order for you. While I have you, our Plus membership gives free next-day delivery for £7.99 a month.
      """,
    ],
    nonTriggeringExamples: [
      """
      Customer: How much is the family plan, and can I add my son?
      Agent: The family plan is £17 a month for up to four people, and yes, I can add him today.
      """,
      """
      Customer: We lost internet for three days last week.
      Agent: I'm sorry. As an apology I've added a £15 credit and 50% off next month's bill.
      """,
      """
      Customer: The app crashes when I open my statements.
      Agent: This is fixed in the new 4.2 release, please upgrade the app from the store.
      """,
      """
      Customer: I can't pay the full bill this month.
      Agent: We can set up a payment plan: £40 a month over six months. Would you like that?
      """,
    ])

  public let configuration: Configuration

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    let events = SelfInterestScan(negativeMood: configuration.negativeMood).events(in: conversation)
    return events.compactMap { event -> Finding? in
      guard event.pattern != .surveyBeforeResolution else { return nil }
      if event.pattern == .pitchAfterResolution && !configuration.reportAfterResolution { return nil }
      let turn = conversation.turns[event.turn]
      var evidence = [Evidence(turn: turn, range: event.byteRange, note: "offer")]
      if let ignored = event.ignored {
        evidence.append(Evidence(turn: conversation.turns[ignored.turn], range: ignored.byteRange, note: ignored.note))
      }
      let (severity, reason) = judgement(event)
      return finding(
        severity, reason, evidence,
        [
          "pattern": event.pattern.rawValue,
          "offer_terms": event.terms.joined(separator: ","),
          "instead_of_answer": String(event.pattern == .pitchInsteadOfAnswer),
          "resolved_before": String(event.resolvedBefore),
        ])
    }
  }

  private func judgement(_ event: SelfInterestEvent) -> (Severity, String) {
    let mood = FixedPointText.string(event.customerMood, decimals: 2)
    switch event.pattern {
    case .pitchInsteadOfAnswer:
      return (.major, "Sales offer in place of an answer to the customer's question or request.")
    case .retentionWall:
      return (.major, "Retention wall: offers pushed after the customer asked to cancel, close, downgrade or stop.")
    case .pitchAfterResolution:
      return (.info, "Sales offer after a confirmed resolution, to a content customer (no penalty).")
    case .prematurePitch, .surveyBeforeResolution:
      let why =
        event.resolvedBefore
        ? "the customer was unhappy (sentiment \(mood))" : "the customer's problem was not yet resolved"
      return (.minor, "Sales offer made too early: \(why).")
    }
  }
}
