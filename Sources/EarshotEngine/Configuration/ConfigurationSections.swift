import EarshotScoring
import EarshotStore
import Foundation

/// `agents:` — who is an agent in formats that do not say.
public struct AgentSettings: Codable, Sendable, Hashable {
  /// E-mail domains whose senders are agents.
  public var domains: [String] = []
  /// Addresses or participant ids/names of agents, in any format.
  public var addresses: [String] = []
  /// An e-mail header whose presence marks an agent's message.
  public var header: String?

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case domains, addresses, header
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    domains = try container.value(.domains, or: [], in: decoder)
    addresses = try container.value(.addresses, or: [], in: decoder)
    header = try container.value(.header, or: nil, in: decoder)
  }
}

/// `companies:` — company names by agent e-mail domain.
public struct CompanySettings: Codable, Sendable, Hashable {
  /// Company name by agent domain (lowercased).
  public var byDomain: [String: String] = [:]

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case byDomain = "by_domain"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let map: [String: String] = try container.value(.byDomain, or: [:], in: decoder)
    byDomain = Dictionary(map.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(SortedMapping(entries: byDomain), forKey: .byDomain)
  }
}

/// One channel's response-time standard, as written in `standards:`.
struct StandardSetting: Codable, Hashable {
  var firstResponse: ConfigurationDuration?
  var reply: ConfigurationDuration?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case firstResponse = "first_response"
    case reply
  }

  init(firstResponse: ConfigurationDuration?, reply: ConfigurationDuration?) {
    self.firstResponse = firstResponse
    self.reply = reply
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    firstResponse = try container.value(.firstResponse, or: nil, in: decoder)
    reply = try container.value(.reply, or: nil, in: decoder)
  }
}

/// `penalties:` — points a finding takes from its category's 100.
public struct PenaltySettings: Codable, Sendable, Hashable {
  /// Points per major finding.
  public var major: Double = ScoringWeights().majorPenalty
  /// Points per minor finding.
  public var minor: Double = ScoringWeights().minorPenalty

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case major, minor
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(YAMLNumber(major), forKey: .major)
    try container.encode(YAMLNumber(minor), forKey: .minor)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = PenaltySettings()
    major = try container.value(.major, or: defaults.major, in: decoder, expected: "a number of at least 0") { $0 >= 0 }
    minor = try container.value(.minor, or: defaults.minor, in: decoder, expected: "a number of at least 0") { $0 >= 0 }
  }
}

/// `lexicons:` — additions to the default word lists.
public struct LexiconSettings: Codable, Sendable, Hashable {
  /// Added or overriding sentiment valences, term → −4…4.
  public var sentiment: [String: Double] = [:]
  /// Added sales-offer phrases.
  public var sales: [String] = []
  /// Added deflection phrases.
  public var deflections: [String] = []

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case sentiment, sales, deflections
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    sentiment = try container.value(
      .sentiment, or: [:], in: decoder, expected: "valences from -4 to 4",
      where: { $0.values.allSatisfy { (-4...4).contains($0) } })
    sales = try container.value(.sales, or: [], in: decoder)
    deflections = try container.value(.deflections, or: [], in: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(SortedMapping(entries: sentiment.mapValues(YAMLNumber.init)), forKey: .sentiment)
    try container.encode(sales, forKey: .sales)
    try container.encode(deflections, forKey: .deflections)
  }
}

/// `aggregation:` — how agents are ranked.
public struct AggregationSettings: Codable, Sendable, Hashable {
  /// Agents with fewer conversations are flagged `small_sample`.
  public var minimumConversations = 5
  /// The shrinkage pseudo-count used when it cannot be estimated.
  public var priorStrength: Double = 5

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case minimumConversations = "minimum_conversations"
    case priorStrength = "prior_strength"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    minimumConversations = try container.value(
      .minimumConversations, or: 5, in: decoder, expected: "a whole number of at least 1"
    ) { $0 >= 1 }
    priorStrength = try container.value(.priorStrength, or: 5, in: decoder, expected: "a number of at least 0") {
      $0 >= 0
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(minimumConversations, forKey: .minimumConversations)
    try container.encode(YAMLNumber(priorStrength), forKey: .priorStrength)
  }

  /// The ranking policy these settings make.
  public var ranking: AgentRanking {
    AgentRanking(minimumConversations: minimumConversations, priorStrength: priorStrength)
  }
}

/// `analysis:` — corpus-wide statistics learned before scoring.
public struct AnalysisSettings: Codable, Sendable, Hashable {
  /// Conversations read first (in input order, before sharding) to learn word rarity and
  /// template replies; 0 uses built-in estimates.
  public var corpusSample = 2000

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case corpusSample = "corpus_sample"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    corpusSample = try container.value(.corpusSample, or: 2000, in: decoder, expected: "a whole number of at least 0") {
      $0 >= 0
    }
  }
}

/// `store:` — where nightly runs keep history.
public struct StoreSettings: Codable, Sendable, Hashable {
  /// The SQLite store path.
  public var path: String?
  /// A PostgreSQL store, `postgres://user@host:port/database`; used instead of `path` when set.
  /// The password comes from `PGPASSWORD` or the password file, not from here.
  public var url: String?

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case path, url
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    path = try container.value(.path, or: nil, in: decoder)
    url = try container.value(.url, or: nil, in: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(path, forKey: .path)
    // `config --effective` prints this: a password written into the URL is never shown.
    try container.encodeIfPresent(url.map(StoreLocation.redacted), forKey: .url)
  }
}
