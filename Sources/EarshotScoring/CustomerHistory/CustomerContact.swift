import Foundation

/// Where a conversation's result is found: its source file and its id in that file.
public struct ConversationReference: Sendable, Hashable, Comparable, Codable {
  /// The file the conversation was read from.
  public var sourceFile: String
  /// The conversation's id (unique within its file).
  public var conversationId: String

  /// Creates a reference.
  public init(sourceFile: String, conversationId: String) {
    self.sourceFile = sourceFile
    self.conversationId = conversationId
  }

  public static func < (lhs: ConversationReference, rhs: ConversationReference) -> Bool {
    (lhs.sourceFile, lhs.conversationId) < (rhs.sourceFile, rhs.conversationId)
  }
}

/// What the repeat-contact pass needs of one conversation, taken from its result alone: who the
/// customer is (a keyed hash), when the contact started, what the problem was (term hashes), and
/// the groups the conversation counts in. A few dozen bytes, so a batch can keep one per
/// conversation while its results stream to disk.
public struct CustomerContact: Sendable, Hashable {
  /// The conversation.
  public var reference: ConversationReference
  /// The customer's keyed hash (`customer_key`).
  public var customerKey: String
  /// When the conversation started.
  public var startedAt: Date
  /// Sorted keyed hashes of the problem's content terms (`problem_terms`).
  public var problemTerms: [UInt32]
  /// The groups the conversation counts in, so a repeat contact can be added to the tables.
  public var company: String
  public var center: String?
  public var channel: String
  public var agents: [String]

  /// The contact of `result`, or nil when the result has no customer key or no start time (a
  /// contact that cannot be placed in time cannot be linked).
  public init?(_ result: ConversationResult) {
    guard let key = result.customerKey, let startedAt = result.startedAt else { return nil }
    reference = ConversationReference(sourceFile: result.sourceFile, conversationId: result.conversationId)
    customerKey = key
    self.startedAt = startedAt
    problemTerms = (result.problemTerms ?? []).sorted()
    company = result.company ?? ""
    center = result.center
    channel = result.channel
    agents = result.agents
  }

  /// How many problem terms two contacts share (both lists sorted).
  func sharedTerms(with other: CustomerContact) -> Int {
    var (i, j, shared) = (0, 0, 0)
    let (a, b) = (problemTerms, other.problemTerms)
    while i < a.count && j < b.count {
      if a[i] == b[j] {
        shared += 1
        i += 1
        j += 1
      } else if a[i] < b[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return shared
  }
}
