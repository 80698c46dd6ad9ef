import Foundation

/// `centers:` — which support center a conversation belongs to, by ordered rules.
///
/// The first rule whose matchers all match a conversation names its center; a conversation no
/// rule matches gets `default`, and no center at all when `default` is empty (the default).
/// Without rules and without a default, results carry no center and `centers.csv` has no rows.
public struct CenterSettings: Codable, Sendable, Hashable {
  /// The rules, in the order they are tried.
  public var rules: [CenterRule] = []
  /// The center of conversations no rule matches; "" for none.
  public var defaultCenter = ""

  /// The defaults: no rules, no default center.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case rules
    case defaultCenter = "default"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    defaultCenter = try container.value(.defaultCenter, or: "", in: decoder)
    guard container.contains(.rules) else { return }
    // Each rule is decoded on its own, so every bad rule is reported, not only the first.
    var list: any UnkeyedDecodingContainer
    do {
      list = try container.nestedUnkeyedContainer(forKey: .rules)
    } catch {
      try decoder.report(
        DecodingError.typeMismatch(
          [CenterRule].self,
          DecodingError.Context(
            codingPath: container.codingPath + [CodingKeys.rules],
            debugDescription: "expected a list of rules, each with 'center' and a matcher")))
      return
    }
    while !list.isAtEnd {
      do {
        rules.append(try list.decode(CenterRule.self))
      } catch {
        try decoder.report(error)
        // Step over the bad element so the next rules are still checked.
        _ = try? list.decode(SkippedValue.self)
      }
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(rules, forKey: .rules)
    try container.encode(defaultCenter, forKey: .defaultCenter)
  }

  /// Whether any conversation can get a center.
  public var isConfigured: Bool { !rules.isEmpty || !defaultCenter.isEmpty }
}

/// Any value, decoded only to move past it.
private struct SkippedValue: Decodable {
  init(from decoder: any Decoder) throws {}
}

/// One rule of `centers.rules`: a center name and one or more matchers, all of which must match.
public struct CenterRule: Codable, Sendable, Hashable {
  /// The center the rule assigns.
  public var center: String
  /// The conversation's company (brand or queue), compared without regard to case.
  public var company: String?
  /// Conversation metadata that must all be present with these values (case-insensitive):
  /// a queue, group or brand id of the export (`group_id: "42"`).
  public var metadata: [String: String] = [:]
  /// An e-mail domain (or a parent domain) of an agent of the conversation.
  public var agentDomain: String?
  /// An e-mail domain (or a parent domain) of the customer.
  public var customerDomain: String?
  /// A glob on the source file path (`*`, `?` within a path segment, `**` across segments); a
  /// pattern that does not start with `/` may match at any depth.
  public var path: String?

  /// Creates a rule.
  public init(
    center: String, company: String? = nil, metadata: [String: String] = [:], agentDomain: String? = nil,
    customerDomain: String? = nil, path: String? = nil
  ) {
    self.center = center
    self.company = company
    self.metadata = metadata
    self.agentDomain = agentDomain
    self.customerDomain = customerDomain
    self.path = path
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case center, company, metadata
    case agentDomain = "agent_domain"
    case customerDomain = "customer_domain"
    case path
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let name = try container.decodeIfPresent(String.self, forKey: .center)?.trimmingCharacters(in: .whitespaces)
    guard let name, !name.isEmpty else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: container.codingPath, debugDescription: "expected a rule with a non-empty 'center' name"))
    }
    center = name
    company = try container.decodeIfPresent(String.self, forKey: .company)
    metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
    agentDomain = try container.decodeIfPresent(String.self, forKey: .agentDomain).map(Self.domain)
    customerDomain = try container.decodeIfPresent(String.self, forKey: .customerDomain).map(Self.domain)
    path = try container.decodeIfPresent(String.self, forKey: .path)
    for (key, value) in [(CodingKeys.agentDomain, agentDomain), (.customerDomain, customerDomain), (.path, path)] {
      if let value, value.isEmpty {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: container, debugDescription: "expected a non-empty value")
      }
    }
    if company == nil && metadata.isEmpty && agentDomain == nil && customerDomain == nil && path == nil {
      throw DecodingError.dataCorruptedError(
        forKey: .center, in: container,
        debugDescription:
          "expected at least one matcher beside 'center' (company, metadata, agent_domain, customer_domain or path)")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(center, forKey: .center)
    try container.encodeIfPresent(company, forKey: .company)
    if !metadata.isEmpty { try container.encode(SortedMapping(entries: metadata), forKey: .metadata) }
    try container.encodeIfPresent(agentDomain, forKey: .agentDomain)
    try container.encodeIfPresent(customerDomain, forKey: .customerDomain)
    try container.encodeIfPresent(path, forKey: .path)
  }

  /// A domain as matched: lowercased, without a leading `@` or dot.
  static func domain(_ text: String) -> String {
    var domain = text.trimmingCharacters(in: .whitespaces).lowercased()
    while domain.hasPrefix("@") || domain.hasPrefix(".") { domain.removeFirst() }
    return domain
  }
}
