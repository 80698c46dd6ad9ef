/// How e-mail readers tell agents from customers and which company a thread belongs to.
///
/// With every field empty (the default), roles are guessed: the first sender of a thread is the
/// customer, the side that answers is the agent, and conversations say `metadata["roles"] = "guessed"`.
/// Any field set switches to configured roles: agents are the senders these fields match, everyone
/// else is a customer. In `earshot.yml` these are the `email.*` keys.
public struct EmailReaderOptions: Sendable, Hashable {
  /// Domains whose senders are agents (`acme-support.com`); subdomains match too (`eu.acme-support.com`).
  public var agentDomains: [String]
  /// Individual agent addresses (`help@acme.com`), compared without case.
  public var agentAddresses: [String]
  /// A header whose presence marks a message as written by an agent (`X-Agent`), as helpdesks add.
  public var agentHeader: String?
  /// Company names by domain (`"acme-support.com": "Acme"`). A mapped domain is also an agent domain,
  /// and the mapping is checked against the domain the customer wrote to.
  public var companyByDomain: [String: String]

  /// Creates options with no configuration: roles are guessed.
  public init() {
    self.init(agentDomains: [], agentAddresses: [], agentHeader: nil, companyByDomain: [:])
  }

  /// Creates options from configuration.
  public init(
    agentDomains: [String] = [], agentAddresses: [String] = [], agentHeader: String? = nil,
    companyByDomain: [String: String] = [:]
  ) {
    self.agentDomains = agentDomains
    self.agentAddresses = agentAddresses
    self.agentHeader = agentHeader
    self.companyByDomain = companyByDomain
  }
}
