import EarshotModel
import EarshotSentiment
import EarshotText

/// Where and how a conversation's problem was resolved.
public struct Resolution: Sendable, Hashable {
  /// How resolution was established.
  public enum Kind: String, Sendable, Codable {
    /// The customer said it works.
    case customerConfirmed = "customer_confirmed"
    /// The agent said it is fixed and the customer did not contradict it.
    case agentStated = "agent_stated"
    /// The customer thanked and closed the conversation in a good mood.
    case customerThanked = "customer_thanked"
  }

  /// The turn where resolution was established.
  public var turn: Int
  /// The words that established it.
  public var byteRange: Range<Int>
  /// How.
  public var kind: Kind
}

/// Tracks resolution through a conversation: confirmations, agent statements, contradictions.
struct ResolutionTracker {
  let lexicons: DetectorLexicons

  func resolution(in turns: [Turn], texts: [TokenizedText], sentiments: [SentimentScore]) -> Resolution? {
    var current: Resolution?
    for turn in turns {
      let text = texts[turn.index]
      switch turn.role {
      case .customer:
        if !lexicons.unresolved.matches(in: text).isEmpty {
          current = nil
          continue
        }
        if sentiments[turn.index].compound < -0.3, current?.kind == .agentStated {
          current = nil
          continue
        }
        if let match = lexicons.customerResolved.matches(in: text).first, sentiments[turn.index].compound >= -0.05 {
          let kind: Resolution.Kind = match.value == "thanks" ? .customerThanked : .customerConfirmed
          // A thanks counts only when nothing better is established.
          if kind == .customerConfirmed || current == nil {
            current = Resolution(turn: turn.index, byteRange: match.byteRange, kind: kind)
          }
        }
      case .agent, .bot:
        if current == nil, let match = lexicons.agentResolved.matches(in: text).first {
          current = Resolution(turn: turn.index, byteRange: match.byteRange, kind: .agentStated)
        }
      default:
        continue
      }
    }
    return current
  }
}
