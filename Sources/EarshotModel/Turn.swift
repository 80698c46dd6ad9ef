import Foundation

/// One message in a conversation: who said what, and when if known.
public struct Turn: Codable, Sendable, Hashable {
  /// 0-based position in the conversation.
  public var index: Int
  /// The `Participant.id` of the speaker.
  public var speaker: String
  /// The speaker's role, copied from the participant so detectors need no lookup.
  public var role: ParticipantRole
  /// When the message was sent, when the source says.
  public var timestamp: Date?
  /// What the speaker wrote, with quoted replies and signatures already removed.
  public var text: String
  /// Where the turn was read from.
  public var location: SourceLocation?
  /// Format-specific facts about this turn (a source id, a quality label, what was stripped from an e-mail).
  public var attributes: [String: String]

  /// Creates a turn.
  public init(
    index: Int, speaker: String, role: ParticipantRole, timestamp: Date? = nil, text: String,
    location: SourceLocation? = nil, attributes: [String: String] = [:]
  ) {
    self.index = index
    self.speaker = speaker
    self.role = role
    self.timestamp = timestamp
    self.text = text
    self.location = location
    self.attributes = attributes
  }

  /// The attributes that name the turn's record in its source, most specific first.
  static let sourceIDAttributes = [
    "source_id", "tweet_id", "message_id", "comment_id", "part_id", "event_id", "item_id", "ts", "question_id",
  ]

  /// The id of the record this turn was read from, so a reader of the output can open the original:
  /// a tweet id, an e-mail Message-ID, a helpdesk comment id, a Slack `ts`, or else the line
  /// (`line 12`) or byte offset (`byte 4096`) it was read at; nil when the source says nothing.
  public var sourceID: String? {
    for name in Self.sourceIDAttributes {
      if let value = attributes[name], !value.isEmpty { return value }
    }
    if let line = location?.line { return "line \(line)" }
    if let offset = location?.byteOffset { return "byte \(offset)" }
    return nil
  }

  private enum CodingKeys: String, CodingKey {
    case index, speaker, role, timestamp, text, location, attributes
  }

  /// Decodes a turn; `attributes` may be absent.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    index = try container.decode(Int.self, forKey: .index)
    speaker = try container.decode(String.self, forKey: .speaker)
    role = try container.decode(ParticipantRole.self, forKey: .role)
    timestamp = try container.decodeIfPresent(Date.self, forKey: .timestamp)
    text = try container.decode(String.self, forKey: .text)
    location = try container.decodeIfPresent(SourceLocation.self, forKey: .location)
    attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
  }

  /// Encodes a turn, leaving out empty attributes.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(index, forKey: .index)
    try container.encode(speaker, forKey: .speaker)
    try container.encode(role, forKey: .role)
    try container.encodeIfPresent(timestamp, forKey: .timestamp)
    try container.encode(text, forKey: .text)
    try container.encodeIfPresent(location, forKey: .location)
    if !attributes.isEmpty { try container.encode(attributes, forKey: .attributes) }
  }
}
