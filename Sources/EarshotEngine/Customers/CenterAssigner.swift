import EarshotModel
import Foundation

/// Decides each conversation's support center from the `centers:` rules: the first rule whose
/// matchers all match wins; else the default center; else none.
public struct CenterAssigner: Sendable {
  private struct CompiledRule: Sendable {
    var rule: CenterRule
    var company: String?
    var metadata: [(key: String, value: String)]
    var glob: PathGlob?
  }

  private let rules: [CompiledRule]
  private let defaultCenter: String?

  /// An assigner for `settings`.
  public init(settings: CenterSettings) {
    rules = settings.rules.map { rule in
      CompiledRule(
        rule: rule, company: rule.company?.lowercased(),
        metadata: rule.metadata.map { ($0.key, $0.value.lowercased()) }.sorted { $0.key < $1.key },
        glob: rule.path.map(PathGlob.init))
    }
    defaultCenter = settings.defaultCenter.isEmpty ? nil : settings.defaultCenter
  }

  /// Whether any conversation can get a center.
  public var isConfigured: Bool { !rules.isEmpty || defaultCenter != nil }

  /// The center of `conversation`, or nil.
  public func center(for conversation: Conversation) -> String? {
    rules.first { matches($0, conversation) }?.rule.center ?? defaultCenter
  }

  private func matches(_ compiled: CompiledRule, _ conversation: Conversation) -> Bool {
    if let company = compiled.company, conversation.company?.lowercased() != company { return false }
    for (key, value) in compiled.metadata where conversation.metadata[key]?.lowercased() != value { return false }
    if let domain = compiled.rule.agentDomain,
      !conversation.participants.contains(where: { $0.role.isCompanySide && Self.inDomain($0, domain) })
    {
      return false
    }
    if let domain = compiled.rule.customerDomain,
      !conversation.participants.contains(where: { $0.role == .customer && Self.inDomain($0, domain) })
    {
      return false
    }
    if let glob = compiled.glob, !glob.matches(conversation.sourceFile) { return false }
    return true
  }

  /// Whether the participant's id or name is an e-mail address in `domain` or one of its subdomains.
  static func inDomain(_ participant: Participant, _ domain: String) -> Bool {
    [participant.id, participant.name ?? ""].contains { text in
      guard let host = EmailIdentity.domain(of: text) else { return false }
      return host == domain || host.hasSuffix("." + domain)
    }
  }
}

/// E-mail addresses as identities: recognized and normalized the same way for centers and customers.
enum EmailIdentity {
  /// The lowercased address when `text` is one (`name@host.tld`, optionally in angle brackets).
  static func address(_ text: String) -> String? {
    var trimmed = Substring(text.trimmingCharacters(in: .whitespaces))
    if trimmed.hasPrefix("<") && trimmed.hasSuffix(">") { trimmed = trimmed.dropFirst().dropLast() }
    if trimmed.lowercased().hasPrefix("mailto:") { trimmed = trimmed.dropFirst(7) }
    let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
      !parts[1].hasSuffix("."), !trimmed.contains(where: { $0 == " " || $0 == "\t" })
    else { return nil }
    return trimmed.lowercased()
  }

  /// The lowercased domain of an address.
  static func domain(of text: String) -> String? {
    address(text).flatMap { $0.split(separator: "@").last.map(String.init) }
  }
}
