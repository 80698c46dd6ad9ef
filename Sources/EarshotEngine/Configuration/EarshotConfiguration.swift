import EarshotDetectors
import EarshotModel
import EarshotPrivacy
import EarshotReaders
import EarshotScoring
import Foundation

/// Everything `earshot.yml` sets, with documented defaults (see `docs/configuration.md`).
///
/// One `Codable` type: ``ConfigurationLoader`` decodes it (after checking keys), and
/// `earshot config --effective` encodes it, so what is printed is what is read. A missing key
/// keeps its default. To add a key: add a property to the section it belongs to, decode it with
/// `value(_:or:in:)` and add it to that section's `CodingKeys`; the key check and the effective
/// configuration follow from there.
public struct EarshotConfiguration: Codable, Sendable, Equatable {
  /// The configuration format version this build reads.
  public static let currentVersion = 1

  /// The format version (`version:`, required in a file).
  public var version = currentVersion
  /// Who is an agent in formats that do not say.
  public var agents = AgentSettings()
  /// Company names by agent e-mail domain.
  public var companies = CompanySettings()
  /// Response-time standards by channel (`default` for channels not listed), in seconds.
  public var standards = ResponseTimeDetector.Configuration().standards
  /// Score category weights (normalized when scoring).
  public var weights = ScoringWeights().categories
  /// Points a finding takes from its category's 100.
  public var penalties = PenaltySettings()
  /// Additions to the default lexicons.
  public var lexicons = LexiconSettings()
  /// Extra phrases an agent must never say.
  public var noNos: [String] = []
  /// Every detector's settings, defaults included.
  public var detectors = DetectorSettings()
  /// How agents are ranked.
  public var aggregation = AggregationSettings()
  /// Corpus statistics learned before scoring.
  public var analysis = AnalysisSettings()
  /// Settings for exports that do not say everything themselves.
  public var input = InputSettings()
  /// Where nightly runs keep history.
  public var store = StoreSettings()
  /// What personal data is redacted, and in which outputs (all of it, everywhere, by default).
  public var privacy = PrivacySettings()
  /// Which support center each conversation belongs to (ordered rules).
  public var centers = CenterSettings()
  /// Customer history: identities, repeat contacts (off by default).
  public var customers = CustomerSettings()

  /// Where the configuration came from ("defaults" when no file was given); not part of the file.
  public var source = "defaults"
  /// The file's text, for the fingerprint of incremental runs; not part of the file.
  public var rawText = ""

  /// The defaults.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version, agents, companies, standards, weights, penalties, lexicons
    case noNos = "no_nos"
    case detectors, aggregation, analysis, input, store, privacy, centers, customers
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    version = try container.value(
      .version, or: Self.currentVersion, in: decoder,
      expected: "configuration version \(Self.currentVersion) (this earshot reads version \(Self.currentVersion))"
    ) { $0 == Self.currentVersion }
    agents = try container.value(.agents, or: AgentSettings(), in: decoder)
    companies = try container.value(.companies, or: CompanySettings(), in: decoder)
    let givenStandards: [String: StandardSetting] = try container.value(.standards, or: [:], in: decoder)
    for (channel, given) in givenStandards {
      let key = channel.lowercased()
      var standard =
        standards[key] ?? standards["default"] ?? ResponseTimeDetector.Standard(firstResponse: 86_400, reply: 86_400)
      if let first = given.firstResponse { standard.firstResponse = first.seconds }
      if let reply = given.reply { standard.reply = reply.seconds }
      standards[key] = standard
    }
    let givenWeights: [String: Double] = try container.value(
      .weights, or: [:], in: decoder, expected: "numbers of at least 0 for the categories",
      where: { $0.values.allSatisfy { $0 >= 0 } })
    for (name, weight) in givenWeights {
      if let category = ScoreCategory(rawValue: name) { weights[category] = weight }
    }
    penalties = try container.value(.penalties, or: PenaltySettings(), in: decoder)
    lexicons = try container.value(.lexicons, or: LexiconSettings(), in: decoder)
    noNos = try container.value(.noNos, or: [], in: decoder)
    detectors = try container.value(.detectors, or: DetectorSettings(), in: decoder)
    aggregation = try container.value(.aggregation, or: AggregationSettings(), in: decoder)
    analysis = try container.value(.analysis, or: AnalysisSettings(), in: decoder)
    input = try container.value(.input, or: InputSettings(), in: decoder)
    store = try container.value(.store, or: StoreSettings(), in: decoder)
    privacy = try container.value(.privacy, or: PrivacySettings(), in: decoder)
    centers = try container.value(.centers, or: CenterSettings(), in: decoder)
    customers = try container.value(.customers, or: CustomerSettings(), in: decoder)
    do {
      try privacy.validate()
    } catch {
      try decoder.report(
        DecodingError.dataCorruptedError(forKey: .privacy, in: container, debugDescription: "\(error)"))
      privacy = PrivacySettings()
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(version, forKey: .version)
    try container.encode(agents, forKey: .agents)
    try container.encode(companies, forKey: .companies)
    try container.encode(
      SortedMapping(
        entries: standards.mapValues {
          StandardSetting(
            firstResponse: ConfigurationDuration(seconds: $0.firstResponse),
            reply: ConfigurationDuration(seconds: $0.reply))
        }), forKey: .standards)
    try container.encode(
      SortedMapping(entries: Dictionary(uniqueKeysWithValues: weights.map { ($0.key.rawValue, YAMLNumber($0.value)) })),
      forKey: .weights)
    try container.encode(penalties, forKey: .penalties)
    try container.encode(lexicons, forKey: .lexicons)
    try container.encode(noNos, forKey: .noNos)
    try container.encode(detectors, forKey: .detectors)
    try container.encode(aggregation, forKey: .aggregation)
    try container.encode(analysis, forKey: .analysis)
    try container.encode(input, forKey: .input)
    try container.encode(store, forKey: .store)
    var privacySection = container.nestedContainer(keyedBy: PrivacySettings.CodingKeys.self, forKey: .privacy)
    for (key, flag) in [
      (PrivacySettings.CodingKeys.email, privacy.email), (.phone, privacy.phone), (.card, privacy.card),
      (.iban, privacy.iban),
    ] {
      try privacySection.encode(flag, forKey: key)
    }
    try privacySection.encode(SortedMapping(entries: privacy.patterns), forKey: .patterns)
    for output in PrivacySettings.Output.allCases {
      if let key = PrivacySettings.CodingKeys(rawValue: output.rawValue) {
        try privacySection.encode(privacy.applies(to: output), forKey: key)
      }
    }
    try container.encode(centers, forKey: .centers)
    try container.encode(customers, forKey: .customers)
  }
}

// MARK: - What the stages need

extension EarshotConfiguration {
  /// Settings the readers need.
  public var readers: ReaderOptions {
    ReaderOptions(
      email: EmailReaderOptions(
        agentDomains: agents.domains, agentAddresses: agents.addresses, agentHeader: agents.header,
        companyByDomain: companies.byDomain),
      exports: input.exportOptions(agentNames: agents.addresses), limits: input.conversationLimits)
  }

  /// Score weights and penalties.
  public var scoringWeights: ScoringWeights {
    var weights = ScoringWeights()
    weights.categories = self.weights
    weights.majorPenalty = penalties.major
    weights.minorPenalty = penalties.minor
    return weights
  }

  /// Additions to the default lexicons, no-nos included.
  public var lexiconAdditions: LexiconAdditions {
    LexiconAdditions(
      sentiment: lexicons.sentiment, sales: lexicons.sales, deflections: lexicons.deflections, noNos: noNos)
  }

  /// The configured detectors, in registry order.
  ///
  /// - Throws: `ConfigurationError` when a detector's settings cannot be built (never for a
  ///   configuration the loader accepted).
  public func detectorsInForce() throws -> [ConfiguredDetector] {
    try DetectorRegistry.builtIn.map { factory in
      let identifier = factory.description.identifier
      do {
        var json = try DetectorSettings.json(detectors.values[identifier] ?? [:])
        if identifier == ResponseTimeDetector.description.identifier {
          var object = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
          let encoded = try JSONCoding.encoder(snakeCase: true).encode(standards)
          object["standards"] = try JSONSerialization.jsonObject(with: encoded)
          json = try JSONSerialization.data(withJSONObject: object)
        }
        return try factory.make(configurationJSON: json)
      } catch {
        throw ConfigurationError(
          file: source, keyPath: "detectors.\(identifier)", message: "invalid settings: \(error)")
      }
    }
  }
}
