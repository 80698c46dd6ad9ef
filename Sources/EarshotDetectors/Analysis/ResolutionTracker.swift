import EarshotModel
import EarshotSentiment
import EarshotText

/// Where and how a conversation's problem was resolved.
public struct Resolution: Sendable, Hashable {
  /// How resolution was established (the `resolution` field of the result).
  public enum Kind: String, Sendable, Codable, CaseIterable {
    /// The customer said it works ("that fixed it", "it arrived").
    case customerConfirmed = "customer_confirmed"
    /// The customer thanked and closed in a good mood, with nothing left to ask.
    case customerThanked = "customer_thanked_and_closed"
    /// The agent said it is fixed or done, and no later customer turn contradicted it.
    case agentStated = "agent_stated_fixed_uncontradicted"

    /// Whether the customer, not the agent, established it.
    public var byCustomer: Bool { self != .agentStated }
  }

  /// The turn where resolution was established.
  public var turn: Int
  /// The words that established it.
  public var byteRange: Range<Int>
  /// How.
  public var kind: Kind

  /// Creates a resolution.
  public init(turn: Int, byteRange: Range<Int>, kind: Kind) {
    self.turn = turn
    self.byteRange = byteRange
    self.kind = kind
  }
}

/// Tracks resolution through a conversation in one pass: confirmations, thanks that close, agent
/// statements, and contradictions that undo them.
struct ResolutionTracker {
  let lexicons: DetectorLexicons

  /// The resolution in force after each turn, by turn index (`nil` while unresolved); the last
  /// element is the conversation's outcome.
  ///
  /// `questionTurns` are the customer turns with a question or request: a thanks in them does not close.
  func timeline(
    in turns: [Turn], texts: [TokenizedText], sentiments: [SentimentScore], questionTurns: Set<Int> = []
  ) -> [Resolution?] {
    var current: Resolution?
    // Nothing can be resolved before the company has said anything, and a thanks answering a
    // hand-off or a request for details ("please DM us your number") closes nothing.
    var companySpoke = false
    var companyDeferred = false
    var states: [Resolution?] = []
    states.reserveCapacity(turns.count)
    for turn in turns {
      let text = texts[turn.index]
      let mood = sentiments[turn.index].compound
      switch turn.role {
      case .customer:
        let confirmation = lexicons.customerResolved.matches(in: text).first
        if contradicts(text, mood: mood, confirmed: confirmation?.value == "confirmed") {
          current = nil
        } else if let confirmation, mood >= -0.05, companySpoke {
          if confirmation.value == "confirmed" {
            // The first customer confirmation after the fix is the resolution; later ones repeat it.
            if current?.kind.byCustomer != true {
              current = Resolution(turn: turn.index, byteRange: confirmation.byteRange, kind: .customerConfirmed)
            }
          } else if current?.kind.byCustomer != true, !companyDeferred, !questionTurns.contains(turn.index),
            closes(text)
          {
            current = Resolution(turn: turn.index, byteRange: confirmation.byteRange, kind: .customerThanked)
          }
        }
      case .agent, .bot:
        companySpoke = true
        companyDeferred = defers(text)
        if current == nil, let match = lexicons.agentResolved.matches(in: text).first {
          current = Resolution(turn: turn.index, byteRange: match.byteRange, kind: .agentStated)
        }
      default:
        break
      }
      states.append(current)
    }
    return states
  }

  /// Whether a customer turn says the problem is not solved: an "unresolved" phrase, "still" or
  /// "again" in a turn that is not positive, or clear anger.
  private func contradicts(_ text: TokenizedText, mood: Double, confirmed: Bool) -> Bool {
    if !lexicons.unresolved.matches(in: text).isEmpty { return true }
    if confirmed { return false }
    if mood < -0.3 { return true }
    // "Loading again! Thank you." is good news: "still" and "again" undo only in a turn that is not positive.
    return mood < 0.05
      && text.tokens.contains {
        $0.kind == .word && (text.token($0, equals: "still") || text.token($0, equals: "again"))
      }
  }

  /// Whether a company turn hands the problem off or asks the customer for something instead of
  /// settling it: a request for details, a hand-off to private messages, a store or another team.
  private func defers(_ text: TokenizedText) -> Bool {
    guard lexicons.agentResolved.matches(in: text).isEmpty else { return false }
    if lexicons.engagement.matches(in: text).contains(where: { $0.value == "handoff" }) { return true }
    // Asking for details is a question; "confirmation is in your email" only names one.
    let asksSomething = !lexicons.asks.matches(in: text).isEmpty
    return asksSomething && text.tokens.contains { $0.kind == .punctuation && text.string($0).contains("?") }
  }

  /// Whether a thanking customer turn closes: no question left in it.
  private func closes(_ text: TokenizedText) -> Bool {
    !text.tokens.contains { $0.kind == .punctuation && text.bytes[$0.start..<$0.end].contains(UInt8(ascii: "?")) }
  }
}
