import EarshotScoring
import Foundation

/// `customers:` — customer history: how a customer is recognized across conversations, and when
/// a later contact is a repeat contact about the same problem.
///
/// Off by default (`identities` empty): linking conversations by customer is something an
/// organisation opts into. Only a keyed hash of the identity is ever kept (`docs/privacy.md`).
public struct CustomerSettings: Codable, Sendable, Hashable {
  /// Where the customer's identity is read, in order; the first that gives a value is used:
  /// `email` (the customer's e-mail address), `handle` (the customer's id on a social channel),
  /// `metadata.<key>` (a customer id in the conversation's metadata), `attribute.<key>` (an
  /// attribute of the customer's first turn).
  public var identities: [String] = []
  /// How long after a contact a new contact about the same problem counts as a repeat, in days.
  public var repeatWindowDays: Double = 7
  /// How many problem terms two contacts must share to be about the same problem.
  public var minSharedTerms = 2
  /// How many of the customer's first turns describe the problem.
  public var problemTurns = 2
  /// The most problem-term hashes kept per conversation (the smallest hashes: a bottom-k sketch).
  public var maxProblemTerms = 48
  /// A file holding the secret key of the hashes; else `EARSHOT_CUSTOMER_KEY`, else a built-in key.
  public var keyFile: String?

  /// The defaults: customer history off.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case identities
    case repeatWindowDays = "repeat_window_days"
    case minSharedTerms = "min_shared_terms"
    case problemTurns = "problem_turns"
    case maxProblemTerms = "max_problem_terms"
    case keyFile = "key_file"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    identities = try container.value(
      .identities, or: [], in: decoder,
      expected: "a list of identity sources: email, handle, metadata.<key> or attribute.<key>",
      where: { $0.allSatisfy(CustomerIdentitySource.isValid) })
    repeatWindowDays = try container.value(
      .repeatWindowDays, or: 7, in: decoder, expected: "a number of days above 0"
    ) { $0 > 0 && $0.isFinite }
    minSharedTerms = try container.value(
      .minSharedTerms, or: 2, in: decoder, expected: "a whole number of at least 1"
    ) { $0 >= 1 }
    problemTurns = try container.value(
      .problemTurns, or: 2, in: decoder, expected: "a whole number of at least 1"
    ) { $0 >= 1 }
    maxProblemTerms = try container.value(
      .maxProblemTerms, or: 48, in: decoder, expected: "a whole number of at least 1"
    ) { $0 >= 1 }
    keyFile = try container.value(.keyFile, or: nil, in: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(identities, forKey: .identities)
    try container.encode(YAMLNumber(repeatWindowDays), forKey: .repeatWindowDays)
    try container.encode(minSharedTerms, forKey: .minSharedTerms)
    try container.encode(problemTurns, forKey: .problemTurns)
    try container.encode(maxProblemTerms, forKey: .maxProblemTerms)
    try container.encodeIfPresent(keyFile, forKey: .keyFile)
  }

  /// Whether customers are identified at all.
  public var isEnabled: Bool { !identities.isEmpty }

  /// When a later contact is a repeat contact, for the cross-conversation pass.
  public var repeatContacts: RepeatContactSettings {
    RepeatContactSettings(windowDays: repeatWindowDays, minSharedTerms: minSharedTerms)
  }
}

/// One source of a customer's identity, as written in `customers.identities`.
public enum CustomerIdentitySource: Sendable, Hashable {
  /// The customer participant's e-mail address (its id or name).
  case email
  /// The customer participant's id on a social channel (a Twitter author id or handle).
  case handle
  /// A value of the conversation's metadata.
  case metadata(String)
  /// An attribute of the customer's first turn.
  case attribute(String)

  /// Parses `email`, `handle`, `metadata.<key>` or `attribute.<key>`.
  public init?(_ text: String) {
    switch text {
    case "email": self = .email
    case "handle": self = .handle
    default:
      for (prefix, make) in [("metadata.", Self.metadata), ("attribute.", Self.attribute)] where text.hasPrefix(prefix)
      {
        let key = String(text.dropFirst(prefix.count))
        guard !key.isEmpty else { return nil }
        self = make(key)
        return
      }
      return nil
    }
  }

  static func isValid(_ text: String) -> Bool { CustomerIdentitySource(text) != nil }
}
