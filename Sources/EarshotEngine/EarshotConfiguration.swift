import EarshotDetectors
import EarshotReaders
import EarshotScoring
import Foundation

/// Everything `earshot.yml` sets, with documented defaults (see `docs/configuration.md`).
public struct EarshotConfiguration: Sendable {
  /// The configuration format version this build reads.
  public static let currentVersion = 1

  /// Where the configuration came from ("defaults" when no file was given).
  public var source = "defaults"
  /// E-mail domains whose senders are agents (`agents.domains`).
  public var agentDomains: [String] = []
  /// Addresses or participant ids of agents (`agents.addresses`).
  public var agentAddresses: [String] = []
  /// A header whose presence marks an agent's e-mail (`agents.header`).
  public var agentHeader: String?
  /// Company names by agent domain (`companies.by_domain`).
  public var companyByDomain: [String: String] = [:]
  /// Settings for XML and vendor exports.
  public var exportOptions = ExportReaderOptions()

  /// Settings the readers need, assembled from the sections above.
  public var readers: ReaderOptions {
    var exports = exportOptions
    exports.agentNames.formUnion(agentAddresses)
    return ReaderOptions(
      email: EmailReaderOptions(
        agentDomains: agentDomains, agentAddresses: agentAddresses, agentHeader: agentHeader,
        companyByDomain: companyByDomain),
      exports: exports)
  }
  /// Score weights and penalties.
  public var weights = ScoringWeights()
  /// Response-time standards by channel, in seconds.
  public var standards = ResponseTimeDetector.Configuration().standards
  /// Additions to the default lexicons.
  public var lexicons = LexiconAdditions()
  /// Per-detector settings as snake_case JSON objects, by detector identifier.
  public var detectorSettings: [String: Data] = [:]
  /// Agent ranking policy.
  public var ranking = AgentRanking()
  /// Conversations read (in input order) to learn word rarity and template replies before scoring.
  public var corpusSample = 2000
  /// The SQLite store path, when set.
  public var storePath: String?
  /// The raw configuration text, for the fingerprint of incremental runs.
  public var rawText = ""

  /// The defaults.
  public init() {}

  /// The configured detectors, in registry order.
  ///
  /// - Throws: `ConfigurationError` when a detector section has a value of the wrong type.
  public func detectors() throws -> [ConfiguredDetector] {
    try DetectorRegistry.builtIn.map { factory in
      let identifier = factory.description.identifier
      var settings =
        detectorSettings[identifier].flatMap {
          try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
        } ?? [:]
      if identifier == ResponseTimeDetector.description.identifier {
        let encoded = try JSONEncoder.snakeCase.encode(standards)
        settings["standards"] = try JSONSerialization.jsonObject(with: encoded)
      }
      if settings.isEmpty { return factory.makeDefault() }
      do {
        return try factory.make(configurationJSON: try JSONSerialization.data(withJSONObject: settings))
      } catch {
        throw ConfigurationError(
          file: source, keyPath: "detectors.\(identifier)", message: "invalid settings: \(error)")
      }
    }
  }
}

extension JSONEncoder {
  static var snakeCase: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}
