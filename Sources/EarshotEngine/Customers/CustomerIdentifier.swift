import EarshotDetectors
import EarshotModel
import EarshotPrivacy
import EarshotScoring
import Foundation

/// Gives a scored conversation its customer key and problem-term hashes (`customers:`), the facts
/// the repeat-contact pass later links conversations by. Only hashes are written.
public struct CustomerIdentifier: Sendable {
  private let sources: [CustomerIdentitySource]
  private let problemTurns: Int
  private let maxTerms: Int
  private let hasher: CustomerKeyHasher

  /// An identifier for `settings`, or nil when customer history is off.
  ///
  /// - Parameters:
  ///   - configurationFile: the configuration file, for error messages.
  ///   - environment: where `EARSHOT_CUSTOMER_KEY` is read.
  /// - Throws: ``ConfigurationError`` when `key_file` cannot be read or is empty.
  public init?(
    settings: CustomerSettings, configurationFile: String = "earshot.yml",
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    guard settings.isEnabled else { return nil }
    sources = settings.identities.compactMap(CustomerIdentitySource.init)
    problemTurns = settings.problemTurns
    maxTerms = settings.maxProblemTerms
    var key = CustomerKeyHasher.builtInKey
    if let path = settings.keyFile {
      guard let data = FileManager.default.contents(atPath: path),
        let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
      else {
        throw ConfigurationError(
          file: configurationFile, keyPath: "customers.key_file",
          message: "cannot read a key from '\(path)' (expected a file holding the secret key text)")
      }
      key = text
    } else if let text = environment["EARSHOT_CUSTOMER_KEY"], !text.isEmpty {
      key = text
    }
    hasher = CustomerKeyHasher(key: key)
  }

  /// Sets `result`'s customer key, problem terms and problem turn from its analyzed conversation;
  /// leaves them nil when the customer cannot be identified.
  public func annotate(_ result: inout ConversationResult, analyzed: AnalyzedConversation) {
    let conversation = analyzed.conversation
    guard let first = conversation.turns.first(where: { $0.role == .customer }),
      let identity = identity(of: first, in: conversation)
    else { return }
    result.customerKey = hasher.customerKey(identity)
    result.problemTurn = first.index
    var terms = Set<String>()
    for turn in conversation.turns.lazy.filter({ $0.role == .customer && $0.speaker == first.speaker })
      .prefix(problemTurns)
    where analyzed.contentTerms.indices.contains(turn.index) {
      // Addresses are identities, not the problem.
      terms.formUnion(analyzed.contentTerms[turn.index].filter { !$0.contains("@") })
    }
    // The smallest hashes: a bottom-k sketch, the same subset of a term set whatever its order.
    result.problemTerms = Array(Set(terms.map(hasher.termHash)).sorted().prefix(maxTerms))
  }

  /// `kind:value` for the first configured source that names the customer who wrote `turn`.
  func identity(of turn: Turn, in conversation: Conversation) -> String? {
    let participant = conversation.participant(withID: turn.speaker)
    for source in sources {
      switch source {
      case .email:
        for text in [participant?.id ?? turn.speaker, participant?.name ?? ""] {
          if let address = EmailIdentity.address(text) { return "email:" + address }
        }
      case .handle:
        guard conversation.channel == .social else { continue }
        var handle = (participant?.id ?? turn.speaker).trimmingCharacters(in: .whitespaces).lowercased()
        while handle.hasPrefix("@") { handle.removeFirst() }
        if !handle.isEmpty { return "handle:" + handle }
      case .metadata(let key):
        if let value = Self.normalized(conversation.metadata[key]) { return "id:" + value }
      case .attribute(let key):
        if let value = Self.normalized(turn.attributes[key]) { return "id:" + value }
      }
    }
    return nil
  }

  private static func normalized(_ value: String?) -> String? {
    guard let trimmed = value?.trimmingCharacters(in: .whitespaces).lowercased(), !trimmed.isEmpty else { return nil }
    return trimmed
  }
}
