import EarshotDetectors
import Foundation

/// Renders the configuration in force (file values merged over defaults) as `earshot.yml` text
/// that loads back to the same configuration: `earshot config --effective`.
public enum EffectiveConfiguration {
  /// The YAML text of `configuration`.
  ///
  /// - Throws: `ConfigurationError` when a detector's settings cannot be built.
  public static func yaml(_ configuration: EarshotConfiguration) throws -> String {
    var lines = [
      "# Effective configuration (source: \(configuration.source))", "version: \(EarshotConfiguration.currentVersion)",
    ]
    lines.append("agents:")
    lines.append("  domains: \(list(configuration.agentDomains))")
    lines.append("  addresses: \(list(configuration.agentAddresses))")
    if let header = configuration.agentHeader { lines.append("  header: \(quoted(header))") }
    lines.append("companies:")
    lines.append("  by_domain: \(map(configuration.companyByDomain.mapValues(quoted)))")
    lines.append("standards:")
    for (channel, standard) in configuration.standards.sorted(by: { $0.key < $1.key }) {
      lines.append(
        "  \(quoted(channel)): {first_response: \(seconds(standard.firstResponse)), reply: \(seconds(standard.reply))}")
    }
    lines.append("weights:")
    for (category, weight) in configuration.weights.categories.sorted(by: { $0.key < $1.key }) {
      lines.append("  \(category): \(number(weight))")
    }
    lines.append("penalties:")
    lines.append("  major: \(number(configuration.weights.majorPenalty))")
    lines.append("  minor: \(number(configuration.weights.minorPenalty))")
    lines.append("lexicons:")
    lines.append("  sentiment: \(map(configuration.lexicons.sentiment.mapValues(number)))")
    lines.append("  sales: \(list(configuration.lexicons.sales))")
    lines.append("  deflections: \(list(configuration.lexicons.deflections))")
    lines.append("no_nos: \(list(configuration.lexicons.noNos))")
    lines.append("detectors:")
    for detector in try configuration.detectors() {
      let object = (try? JSONSerialization.jsonObject(with: detector.configurationJSON)) as? [String: Any] ?? [:]
      var settings: [String: String] = [:]
      for (key, value) in object where key != "standards" {
        if let flag = value as? Bool {
          settings[key] = flag ? "true" : "false"
        } else if let value = value as? Double {
          settings[key] = number(value)
        } else {
          settings[key] = quoted("\(value)")
        }
      }
      lines.append("  \(detector.description.identifier): \(map(settings))")
    }
    lines.append("aggregation:")
    lines.append("  minimum_conversations: \(configuration.ranking.minimumConversations)")
    lines.append("  prior_strength: \(number(configuration.ranking.priorStrength))")
    lines.append("analysis:")
    lines.append("  corpus_sample: \(configuration.corpusSample)")
    if let path = configuration.storePath {
      lines.append("store:")
      lines.append("  path: \(quoted(path))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  static func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ", ") + "]" }

  static func map(_ items: [String: String]) -> String {
    "{" + items.sorted { $0.key < $1.key }.map { "\(quoted($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  static func seconds(_ value: Double) -> String { number(value) + "s" }
}
