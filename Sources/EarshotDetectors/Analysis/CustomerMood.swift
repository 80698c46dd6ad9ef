import EarshotModel

/// The customer's mood at the start and at the end of a conversation, as the labeling guide defines
/// them: the primary customer's (the first customer to speak) first and last turn, each read by
/// `CustomerMoodModel` on −1…1 (the guide's −2…+2 halved).
public struct CustomerMood: Sendable, Hashable {
  /// The mood at the primary customer's first turn, nil when they spoke only once (the start and
  /// the end would be the same turn).
  public var start: Double?
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
    end = model.end(CustomerMoodFeatures.values(conversation, at: last, others: Array(positions.dropLast())))
    start =
      positions.count >= 2
      ? model.start(CustomerMoodFeatures.values(conversation, at: first, others: Array(positions.dropFirst())))
      : nil
    firstTurn = turns[first].index
    lastTurn = turns[last].index
  }

  /// The positions in `turns` of the primary customer's turns (the first customer to speak): other
  /// customers joining a public thread do not set the primary customer's mood.
  public static func primaryCustomerPositions(_ turns: [Turn]) -> [Int] {
    guard let speaker = turns.first(where: { $0.role == .customer })?.speaker else { return [] }
    return turns.indices.filter { turns[$0].role == .customer && turns[$0].speaker == speaker }
  }
}
