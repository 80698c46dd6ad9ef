/// The part a participant plays in a support conversation.
public enum ParticipantRole: String, Codable, Sendable, CaseIterable, Hashable {
  /// The person asking for help.
  case customer
  /// A human support agent.
  case agent
  /// An automated assistant speaking for the company.
  case bot
  /// System events: queue messages, transfers, automatic notices.
  case system
  /// A role the reader could not establish.
  case unknown

  /// Whether this role speaks for the company (agent or bot).
  public var isCompanySide: Bool { self == .agent || self == .bot }
}

/// Someone who speaks in a conversation.
public struct Participant: Codable, Sendable, Hashable {
  /// Identifier unique within the conversation (an address, a handle, a vendor id).
  public var id: String
  /// The participant's role.
  public var role: ParticipantRole
  /// Display name when the source gives one.
  public var name: String?

  /// Creates a participant.
  public init(id: String, role: ParticipantRole, name: String? = nil) {
    self.id = id
    self.role = role
    self.name = name
  }
}
