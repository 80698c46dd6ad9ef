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

  /// Creates a turn.
  public init(
    index: Int, speaker: String, role: ParticipantRole, timestamp: Date? = nil, text: String,
    location: SourceLocation? = nil
  ) {
    self.index = index
    self.speaker = speaker
    self.role = role
    self.timestamp = timestamp
    self.text = text
    self.location = location
  }
}
