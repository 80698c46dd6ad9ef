/// The channel a conversation took place on.
public struct Channel: RawRepresentable, Codable, Sendable, Hashable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  /// The channel's lowercase name, as written in outputs.
  public var rawValue: String

  /// Creates a channel from its name; names are lowercased so `Email` and `email` agree.
  public init(rawValue: String) { self.rawValue = rawValue.lowercased() }
  /// Creates a channel from a literal.
  public init(stringLiteral value: String) { self.init(rawValue: value) }
  /// Decodes a channel from its name.
  public init(from decoder: any Decoder) throws {
    self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
  }
  /// Encodes the channel's name.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  public var description: String { rawValue }

  public static let chat: Channel = "chat"
  public static let email: Channel = "email"
  public static let social: Channel = "social"
  public static let voice: Channel = "voice"
  public static let sms: Channel = "sms"
  public static let forum: Channel = "forum"
  public static let unknown: Channel = "unknown"
}

/// A support conversation in Earshot's normalized model, whatever format it was read from.
public struct Conversation: Codable, Sendable, Hashable {
  /// Identifier, unique within its source file (and usually across a corpus).
  public var id: String
  /// Where the conversation took place.
  public var channel: Channel
  /// The brand, queue or support center that answered, when known.
  public var company: String?
  /// The file the conversation was read from.
  public var sourceFile: String
  /// Everyone who speaks.
  public var participants: [Participant]
  /// The messages, in order.
  public var turns: [Turn]
  /// Format-specific facts worth keeping (subject, ticket number, labels, whether roles were guessed).
  public var metadata: [String: String]

  /// Creates a conversation.
  public init(
    id: String, channel: Channel, company: String? = nil, sourceFile: String,
    participants: [Participant], turns: [Turn], metadata: [String: String] = [:]
  ) {
    self.id = id
    self.channel = channel
    self.company = company
    self.sourceFile = sourceFile
    self.participants = participants
    self.turns = turns
    self.metadata = metadata
  }

  /// The participant with the given id.
  public func participant(withID id: String) -> Participant? {
    participants.first { $0.id == id }
  }

  /// The agents (human, not bots) who speak in the conversation, in order of first turn.
  public var agents: [Participant] {
    // Participants by id (the first of each id, as `participant(withID:)` finds it), built once:
    // a look-up per agent would be quadratic in a conversation with many speakers.
    var byID: [String: Participant] = [:]
    for participant in participants where byID[participant.id] == nil { byID[participant.id] = participant }
    var seen = Set<String>()
    var result: [Participant] = []
    for turn in turns where turn.role == .agent && !seen.contains(turn.speaker) {
      seen.insert(turn.speaker)
      if let participant = byID[turn.speaker] { result.append(participant) }
    }
    return result
  }
}
