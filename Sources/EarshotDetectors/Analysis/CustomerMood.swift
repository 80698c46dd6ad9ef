import EarshotModel

/// The customer's mood at the start and at the end of a conversation, as the labeling guide defines
/// them: the primary customer's (the one the company answered first) first and last turn, each read
/// by `CustomerMoodModel` on −1…1 (the guide's −2…+2 halved).
public struct CustomerMood: Sendable, Hashable {
  /// The mood at the primary customer's first turn; when they spoke only once, their one turn is
  /// both the first and the last, and the start is the end.
  public var start: Double
  /// The mood at their last turn.
  public var end: Double
  /// The turn index of their first turn.
  public var firstTurn: Int
  /// The turn index of their last turn.
  public var lastTurn: Int

  /// Reads the mood of `conversation`, or nil when no customer spoke.
  public init?(_ conversation: AnalyzedConversation) {
    let turns = conversation.turns
    let positions = Self.primaryCustomerPositions(turns)
    guard let first = positions.first, let last = positions.last else { return nil }
    let model = conversation.resources.lexicons.customerMood
    end = model.end(
      CustomerMoodFeatures.values(conversation, at: last, others: Array(positions.dropLast())),
      terms: TermBag.hashes([conversation.texts[turns[last].index]]))
    start =
      positions.count >= 2
      ? model.start(
        CustomerMoodFeatures.values(conversation, at: first, others: Array(positions.dropFirst())),
        terms: TermBag.hashes([conversation.texts[turns[first].index]]))
      : end
    firstTurn = turns[first].index
    lastTurn = turns[last].index
  }

  /// The positions in `turns` of the primary customer's turns: the customer the company answered
  /// first (the last customer to speak before the first company-side turn), or the first customer
  /// when the company never spoke. A public thread often opens with someone else's post (a brand
  /// announcement, a fan's photo) that the person with the problem replies to; neither that opener
  /// nor bystanders joining later set the mood of the customer being served.
  public static func primaryCustomerPositions(_ turns: [Turn]) -> [Int] {
    var speaker: String?
    for turn in turns {
      if turn.role.isCompanySide && speaker != nil { break }
      if turn.role == .customer { speaker = turn.speaker }
    }
    if speaker == nil { speaker = turns.first(where: { $0.role == .customer })?.speaker }
    guard let speaker else { return [] }
    return turns.indices.filter { turns[$0].role == .customer && turns[$0].speaker == speaker }
  }
}
