import EarshotDetectors
import EarshotReaders
import EarshotScoring
import Foundation
import Yams

/// Reads and validates `earshot.yml`. Every problem is collected with its key path and line, so
/// the user sees all of them at once, before any work starts.
public struct ConfigurationLoader {
  /// The top-level keys and what each holds (also the source of unknown-key suggestions).
  public static let topLevelKeys = [
    "version", "agents", "companies", "standards", "weights", "penalties", "lexicons", "no_nos", "detectors",
    "aggregation", "analysis", "input", "store",
  ]

  let file: String
  var errors: [ConfigurationError] = []

  /// Loads the configuration at `path`.
  ///
  /// - Throws: `ConfigurationErrors` listing every problem found.
  public static func load(path: String) throws -> EarshotConfiguration {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationErrors(errors: [
        ConfigurationError(file: path, keyPath: "", message: "cannot read the configuration file")
      ])
    }
    return try parse(String(decoding: data, as: UTF8.self), file: path)
  }

  /// Parses configuration text; `file` names it in errors.
  ///
  /// - Throws: `ConfigurationErrors` listing every problem found.
  public static func parse(_ text: String, file: String) throws -> EarshotConfiguration {
    var loader = ConfigurationLoader(file: file)
    var configuration = EarshotConfiguration()
    configuration.source = file
    configuration.rawText = text
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw ConfigurationErrors(errors: [
        ConfigurationError(file: file, keyPath: "", message: "not valid YAML: \(error)")
      ])
    }
    guard let root else { return configuration }
    guard let mapping = root.mapping else {
      throw ConfigurationErrors(errors: [loader.error(root, "", "expected a mapping of keys such as version:, agents:")]
      )
    }
    loader.checkKeys(mapping, path: "", allowed: topLevelKeys)
    if let version = mapping["version"] {
      if version.int != EarshotConfiguration.currentVersion {
        loader.errors.append(
          loader.error(
            version, "version", "this earshot reads configuration version 1, found '\(version.string ?? "?")'"))
      }
    } else {
      loader.errors.append(ConfigurationError(file: file, keyPath: "version", message: "missing; add 'version: 1'"))
    }
    loader.readAgents(mapping, into: &configuration)
    loader.readStandards(mapping["standards"], into: &configuration)
    loader.readWeights(mapping, into: &configuration)
    loader.readLexicons(mapping, into: &configuration)
    loader.readDetectors(mapping["detectors"], into: &configuration)
    loader.readAggregation(mapping["aggregation"], into: &configuration)
    loader.readInput(mapping["input"], into: &configuration)
    if let analysis = loader.section(mapping["analysis"], "analysis", allowed: ["corpus_sample"]),
      let sample = analysis["corpus_sample"]
    {
      if let value = sample.int, value >= 0 {
        configuration.corpusSample = value
      } else {
        loader.errors.append(loader.error(sample, "analysis.corpus_sample", "expected a whole number of at least 0"))
      }
    }
    if let store = mapping["store"] {
      if let storeMap = store.mapping {
        loader.checkKeys(storeMap, path: "store", allowed: ["path"])
        configuration.storePath = loader.string(storeMap["path"], "store.path")
      } else {
        loader.errors.append(loader.error(store, "store", "expected a mapping with 'path:'"))
      }
    }
    if !loader.errors.isEmpty {
      // Report in file order, whatever order the sections were checked in.
      let ordered = loader.errors.enumerated().sorted {
        ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset)
      }
      throw ConfigurationErrors(errors: ordered.map(\.element))
    }
    return configuration
  }

  // MARK: - Sections

  mutating func readAgents(_ root: Node.Mapping, into configuration: inout EarshotConfiguration) {
    if let agents = section(root["agents"], "agents", allowed: ["domains", "addresses", "header"]) {
      configuration.agentDomains = strings(agents["domains"], "agents.domains")
      configuration.agentAddresses = strings(agents["addresses"], "agents.addresses")
      configuration.agentHeader = string(agents["header"], "agents.header")
    }
    if let companies = section(root["companies"], "companies", allowed: ["by_domain"]) {
      if let byDomain = companies["by_domain"] {
        if let map = byDomain.mapping {
          for (key, value) in map {
            if let domain = key.string, let company = string(value, "companies.by_domain.\(domain)") {
              configuration.companyByDomain[domain.lowercased()] = company
            }
          }
        } else {
          errors.append(error(byDomain, "companies.by_domain", "expected a mapping of domain: company name"))
        }
      }
    }
  }

  mutating func readStandards(_ node: Node?, into configuration: inout EarshotConfiguration) {
    guard let node else { return }
    guard let map = node.mapping else {
      errors.append(error(node, "standards", "expected a mapping of channel: {first_response:, reply:}"))
      return
    }
    for (key, value) in map {
      guard let channel = key.string?.lowercased() else { continue }
      let path = "standards.\(channel)"
      guard let entry = section(value, path, allowed: ["first_response", "reply"]) else { continue }
      var standard =
        configuration.standards[channel] ?? configuration.standards["default"]
        ?? ResponseTimeDetector.Standard(firstResponse: 86_400, reply: 86_400)
      if let first = entry["first_response"], let seconds = duration(first, path + ".first_response") {
        standard.firstResponse = seconds
      }
      if let reply = entry["reply"], let seconds = duration(reply, path + ".reply") { standard.reply = seconds }
      configuration.standards[channel] = standard
    }
  }

  mutating func readWeights(_ root: Node.Mapping, into configuration: inout EarshotConfiguration) {
    let categories = ScoreCategory.allCases.map(\.rawValue)
    if let weights = section(root["weights"], "weights", allowed: categories) {
      for (key, value) in weights {
        guard let name = key.string, categories.contains(name) else { continue }
        if let number = number(value, "weights.\(name)", atLeast: 0) { configuration.weights.categories[name] = number }
      }
    }
    if let penalties = section(root["penalties"], "penalties", allowed: ["major", "minor"]) {
      if let major = penalties["major"], let value = number(major, "penalties.major", atLeast: 0) {
        configuration.weights.majorPenalty = value
      }
      if let minor = penalties["minor"], let value = number(minor, "penalties.minor", atLeast: 0) {
        configuration.weights.minorPenalty = value
      }
    }
  }

  mutating func readLexicons(_ root: Node.Mapping, into configuration: inout EarshotConfiguration) {
    if let lexicons = section(root["lexicons"], "lexicons", allowed: ["sentiment", "sales", "deflections"]) {
      if let sentiment = lexicons["sentiment"] {
        if let map = sentiment.mapping {
          for (key, value) in map {
            guard let term = key.string else { continue }
            if let valence = number(value, "lexicons.sentiment.\(term)", atLeast: -4, atMost: 4) {
              configuration.lexicons.sentiment[term] = valence
            }
          }
        } else {
          errors.append(error(sentiment, "lexicons.sentiment", "expected a mapping of term: valence (-4 to 4)"))
        }
      }
      configuration.lexicons.sales = strings(lexicons["sales"], "lexicons.sales")
      configuration.lexicons.deflections = strings(lexicons["deflections"], "lexicons.deflections")
    }
    configuration.lexicons.noNos = strings(root["no_nos"], "no_nos")
  }

  mutating func readDetectors(_ node: Node?, into configuration: inout EarshotConfiguration) {
    guard let node else { return }
    let identifiers = DetectorRegistry.builtIn.map(\.description.identifier)
    guard let map = section(node, "detectors", allowed: identifiers) else { return }
    for (key, value) in map {
      guard let identifier = key.string, let factory = DetectorRegistry.factory(for: identifier) else { continue }
      let path = "detectors.\(identifier)"
      let allowed = factory.configurationKeys.filter { identifier != "response_time" || $0 != "standards" }
      guard let settings = section(value, path, allowed: allowed) else { continue }
      var object: [String: Any] = [:]
      for (settingKey, settingValue) in settings {
        guard let name = settingKey.string else { continue }
        switch settingValue {
        case .scalar(let scalar):
          if let bool = Bool.construct(from: scalar) {
            object[name] = bool
          } else if let double = Double.construct(from: scalar) {
            object[name] = double
          } else {
            object[name] = scalar.string
          }
        default:
          errors.append(error(settingValue, "\(path).\(name)", "expected a single value"))
        }
      }
      guard let data = try? JSONSerialization.data(withJSONObject: object) else { continue }
      do {
        _ = try factory.make(configurationJSON: data)
        configuration.detectorSettings[identifier] = data
      } catch let decoding as DecodingError {
        errors.append(error(value, path, "wrong type: \(Self.describe(decoding))"))
      } catch {
        errors.append(self.error(value, path, "\(error)"))
      }
    }
  }

  mutating func readAggregation(_ node: Node?, into configuration: inout EarshotConfiguration) {
    guard let map = section(node, "aggregation", allowed: ["minimum_conversations", "prior_strength"]) else { return }
    if let minimum = map["minimum_conversations"] {
      if let value = minimum.int, value >= 1 {
        configuration.ranking.minimumConversations = value
      } else {
        errors.append(error(minimum, "aggregation.minimum_conversations", "expected a whole number of at least 1"))
      }
    }
    if let prior = map["prior_strength"], let value = number(prior, "aggregation.prior_strength", atLeast: 0) {
      configuration.ranking.priorStrength = value
    }
  }

  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      let key = context.codingPath.last?.stringValue ?? "value"
      return "'\(key)' expected \(type == Bool.self ? "true or false" : type == Double.self ? "a number" : "\(type)")"
    default:
      return "\(error)"
    }
  }
}
