import EarshotModel

/// Finds agents asking for something the customer already gave: an order or account number, an
/// e-mail address, a phone number, or the problem itself.
public struct RepeatedAskDetector: Detector {
  public static let description = DetectorDescription(
    identifier: "repeated_ask",
    name: "Asked again",
    rationale: "Asking for what the customer already wrote shows the agent did not read it.",
    category: .knowing,
    triggeringExamples: [
      """
      Customer: My order 558123 arrived broken, the screen is cracked and the box was crushed.
      Agent: Sorry to hear that! Could you give me your order number?
      """
    ],
    nonTriggeringExamples: [
      """
      Customer: My order arrived broken.
      Agent: Sorry to hear that! Could you give me your order number?
      Customer: 558123
      Agent: Thanks, a replacement for order 558123 ships today.
      """
    ])

  public let configuration: BasicDetectorConfiguration

  public init(configuration: BasicDetectorConfiguration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    let facts = CustomerFacts.facts(in: conversation)
    guard !facts.isEmpty else { return [] }
    var result: [Finding] = []
    var reported = Set<String>()
    // Facts come in turn order, so the first of each kind is the earliest: one look-up per ask
    // instead of a scan of every fact (asks × facts grew with the square of the turns).
    var firstOfKind: [String: CustomerFact] = [:]
    for fact in facts where firstOfKind[fact.kind] == nil { firstOfKind[fact.kind] = fact }
    for turn in conversation.turns where turn.role.isCompanySide {
      let text = conversation.texts[turn.index]
      for ask in conversation.resources.lexicons.asks.matches(in: text) where !reported.contains(ask.value) {
        guard let given = firstOfKind[ask.value], given.turn < turn.index else { continue }
        // Only requests count: a question, or "please send/provide/confirm" around the phrase.
        guard let sentence = text.sentences.first(where: { $0.byteRange.contains(ask.byteRange.lowerBound) }) else {
          continue
        }
        let sentenceText = text.string(sentence.byteRange).lowercased()
        let isRequest =
          sentenceText.hasSuffix("?")
          || ["please", "provide", "send", "share", "dm", "let us know", "let me know", "need"].contains {
            sentenceText.contains($0)
          }
        // Verification is legitimate: "can you confirm the email on the account?"
        if !isRequest || sentenceText.contains("confirm") || sentenceText.contains("verify") { continue }
        reported.insert(ask.value)
        let givenTurn = conversation.turns[given.turn]
        let what = ask.value == "problem" ? "the problem" : "the \(ask.value == "identifier" ? "number" : ask.value)"
        result.append(
          finding(
            .minor, "The agent asked for \(what) the customer had already given in turn \(given.turn).",
            [
              Evidence(turn: turn, range: sentence.byteRange, note: "the ask"),
              Evidence(turn: givenTurn, range: given.byteRange, note: "already given"),
            ], ["kind": ask.value]))
      }
    }
    return result
  }
}
