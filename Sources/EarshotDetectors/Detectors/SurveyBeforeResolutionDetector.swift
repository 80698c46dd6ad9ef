import EarshotModel

/// Finds survey, rating and review requests made while the customer's problem is still open.
public struct SurveyBeforeResolutionDetector: Detector {
  public typealias Configuration = BasicDetectorConfiguration

  public static let description = DetectorDescription(
    identifier: "survey_before_resolution",
    name: "Survey before resolution",
    rationale: "Asking for a rating while the problem is still open serves the team's numbers, not the customer "
      + "(minor).",
    category: .timing,
    triggeringExamples: [
      """
      Customer: My refund for order 4410 still hasn't arrived after three weeks.
      Agent: I've asked the warehouse to check. Meanwhile, could you rate your experience with us today? It takes a minute.
      """,
      """
      Customer: The heating in my flat has been off since Monday.
      Agent: An engineer is booked for Thursday.
      Agent: After this chat you'll get a short survey, a 9 or 10 would mean a lot!
      """,
    ],
    nonTriggeringExamples: [
      """
      Customer: Can I add a vegetarian meal to my booking?
      Agent: Done, it's on both flights.
      Customer: Brilliant, thank you.
      Agent: You're welcome! You may see a short survey after this chat.
      """,
      """
      Customer: My card was declined at the shop.
      Agent: Thanks for the feedback, let me check the card for you.
      """,
    ])

  public let configuration: Configuration

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    SelfInterestScan().events(in: conversation).compactMap { event -> Finding? in
      guard event.pattern == .surveyBeforeResolution else { return nil }
      var evidence = [Evidence(turn: conversation.turns[event.turn], range: event.byteRange, note: "survey request")]
      if let ignored = event.ignored {
        evidence.append(Evidence(turn: conversation.turns[ignored.turn], range: ignored.byteRange, note: ignored.note))
      }
      return finding(
        .minor, "Survey or rating request while the customer's problem is still open.", evidence,
        ["pattern": event.pattern.rawValue, "survey_terms": event.terms.joined(separator: ",")])
    }
  }
}
