import EarshotDetectors
import EarshotModel
import EarshotPrivacy

/// The keys `earshot.yml` may hold, as a tree, for the pre-pass that reports unknown and
/// duplicated keys with their line before the file is decoded.
///
/// Built from the sections' `CodingKeys`, so a key added to a section is allowed here too.
indirect enum ConfigurationKeys {
  /// A value whose keys are not checked (a scalar or a list).
  case value
  /// A mapping with a fixed set of keys.
  case section([(key: String, schema: ConfigurationKeys)])
  /// A mapping whose keys the user chooses (channels, domains, terms), each value with `schema`.
  case mapping(ConfigurationKeys)
  /// A list whose every element has `schema` (the rules of `centers:`).
  case list(ConfigurationKeys)

  /// The whole file.
  static var file: ConfigurationKeys {
    .section(
      EarshotConfiguration.CodingKeys.allCases.map { key in
        switch key {
        case .version, .noNos: (key.rawValue, .value)
        case .agents: (key.rawValue, leaves(AgentSettings.CodingKeys.self))
        case .companies: (key.rawValue, .section([(CompanySettings.CodingKeys.byDomain.rawValue, .mapping(.value))]))
        case .standards: (key.rawValue, .mapping(leaves(StandardSetting.CodingKeys.self)))
        case .weights: (key.rawValue, .section(ScoreCategory.allCases.map { ($0.rawValue, .value) }))
        case .penalties: (key.rawValue, leaves(PenaltySettings.CodingKeys.self))
        case .lexicons:
          (
            key.rawValue,
            .section(
              LexiconSettings.CodingKeys.allCases.map { ($0.rawValue, $0 == .sentiment ? .mapping(.value) : .value) })
          )
        case .detectors: (key.rawValue, detectors)
        case .aggregation: (key.rawValue, leaves(AggregationSettings.CodingKeys.self))
        case .analysis: (key.rawValue, leaves(AnalysisSettings.CodingKeys.self))
        case .input: (key.rawValue, input)
        case .store: (key.rawValue, leaves(StoreSettings.CodingKeys.self))
        case .privacy:
          (
            key.rawValue,
            .section(
              PrivacySettings.CodingKeys.allCases.map { ($0.rawValue, $0 == .patterns ? .mapping(.value) : .value) })
          )
        case .centers:
          (
            key.rawValue,
            .section([
              (
                CenterSettings.CodingKeys.rules.rawValue,
                .list(
                  .section(
                    CenterRule.CodingKeys.allCases.map { ($0.rawValue, $0 == .metadata ? .mapping(.value) : .value) }))
              ),
              (CenterSettings.CodingKeys.defaultCenter.rawValue, .value),
            ])
          )
        case .customers: (key.rawValue, leaves(CustomerSettings.CodingKeys.self))
        }
      })
  }

  static var detectors: ConfigurationKeys {
    .section(
      DetectorRegistry.builtIn.map { factory in
        let identifier = factory.description.identifier
        let elsewhere = DetectorSettings.sectionsElsewhere[identifier] ?? []
        return (identifier, .section(factory.configurationKeys.filter { !elsewhere.contains($0) }.map { ($0, .value) }))
      })
  }

  static var input: ConfigurationKeys {
    .section(
      InputSettings.CodingKeys.allCases.map { key in
        guard key == .csv else { return (key.rawValue, .value) }
        return (
          key.rawValue,
          .section(
            CSVSettings.CodingKeys.allCases.map {
              ($0.rawValue, $0 == .columns ? leaves(CSVColumnSettings.CodingKeys.self) : .value)
            })
        )
      })
  }

  static func leaves<Key: CodingKey & CaseIterable>(_ keys: Key.Type) -> ConfigurationKeys {
    .section(keys.allCases.map { ($0.stringValue, .value) })
  }

  /// The schema of `key` inside this one, when the key is allowed.
  func child(_ key: String) -> ConfigurationKeys? {
    switch self {
    case .value: nil
    case .section(let keys): keys.first { $0.key == key }?.schema
    case .mapping(let schema): schema
    case .list: nil
    }
  }

  /// The keys allowed here, for messages.
  var allowed: [String] {
    if case .section(let keys) = self { return keys.map(\.key) }
    return []
  }
}
