import EarshotModel

/// Finds things an agent must never say (the `no_nos` list, extendable in configuration).
public struct NoNoDetector: Detector {
  public static let description = DetectorDescription(
    identifier: "no_no",
    name: "No-no phrase",
    rationale: "Some phrases (\"calm down\", \"as I already said\") end a customer's trust; each one is a finding.",
    category: .conduct,
    triggeringExamples: [
      """
      Customer: This is the third time I have called about this!
      Agent: Please calm down, as I already said the technician is booked.
      """
    ],
    nonTriggeringExamples: [
      """
      Customer: This is the third time I have called about this!
      Agent: I am sorry you had to call again. The technician is booked for Friday at 10am.
      """
    ])

  public let configuration: BasicDetectorConfiguration

  public init(configuration: BasicDetectorConfiguration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    var result: [Finding] = []
    for turn in conversation.turns where turn.role.isCompanySide {
      let text = conversation.texts[turn.index]
      for match in conversation.resources.lexicons.noNos.matches(in: text) {
        result.append(
          finding(
            .major, "The agent said something on the no-no list (\(match.value)).",
            [Evidence(turn: turn, range: match.byteRange, note: "phrase")], ["kind": match.value]))
      }
    }
    return result
  }
}
