import EarshotModel
import Foundation

/// A detector with its configuration erased, as the engine runs it.
public struct ConfiguredDetector: Sendable {
  /// What the detector is.
  public let description: DetectorDescription
  /// Whether it runs.
  public let enabled: Bool
  /// The configuration in force, as snake_case JSON (for `config --effective` and fingerprints).
  public let configurationJSON: Data
  private let run: @Sendable (AnalyzedConversation) -> [Finding]

  init<D: Detector>(_ detector: D) {
    description = D.description
    enabled = detector.configuration.enabled
    configurationJSON = (try? DetectorRegistry.encoder.encode(detector.configuration)) ?? Data("{}".utf8)
    run = { detector.findings(in: $0) }
  }

  /// The findings in `conversation`.
  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    enabled ? run(conversation) : []
  }
}

/// Builds a configured detector from its section of the configuration.
public struct DetectorFactory: Sendable {
  /// What the detector is.
  public let description: DetectorDescription
  /// The keys its configuration accepts (snake_case), for unknown-key checks.
  public let configurationKeys: [String]
  private let make: @Sendable (Data?) throws -> ConfiguredDetector

  init<D: Detector>(_ type: D.Type) {
    description = D.description
    let defaults = (try? DetectorRegistry.encoder.encode(D.Configuration())) ?? Data()
    let object = (try? JSONSerialization.jsonObject(with: defaults)) as? [String: Any]
    configurationKeys = (object?.keys.map { $0 } ?? []).sorted()
    make = { json in
      guard let json else { return ConfiguredDetector(D()) }
      // Overlay the user's keys on the defaults, so a missing key keeps its documented default.
      let user = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
      let base = (try? JSONSerialization.jsonObject(with: defaults)) as? [String: Any] ?? [:]
      let merged = base.merging(user) { _, new in new }
      let data = try JSONSerialization.data(withJSONObject: merged)
      let configuration = try DetectorRegistry.decoder.decode(D.Configuration.self, from: data)
      return ConfiguredDetector(D(configuration: configuration))
    }
  }

  /// The detector with default settings.
  public func makeDefault() -> ConfiguredDetector {
    // The default configuration always decodes; this cannot throw.
    (try? make(nil)) ?? ConfiguredDetector(UnreachableDetector())
  }

  /// The detector configured from snake_case JSON (missing keys take their defaults).
  ///
  /// - Throws: `DecodingError` when a value has the wrong type.
  public func make(configurationJSON: Data) throws -> ConfiguredDetector {
    try make(configurationJSON)
  }
}

/// The registry of built-in detectors.
public enum DetectorRegistry {
  /// Every built-in detector, in the order findings are reported. Add a new detector here (one line).
  public static let builtIn: [DetectorFactory] = [
    DetectorFactory(CustomerQuestionDetector.self),
    DetectorFactory(NonAnswerDetector.self),
    DetectorFactory(UnansweredCustomerDetector.self),
    DetectorFactory(PrematurePitchDetector.self),
    DetectorFactory(SurveyBeforeResolutionDetector.self),
    DetectorFactory(PromiseDetector.self),
    DetectorFactory(ResponseTimeDetector.self),
    DetectorFactory(CustomerSentimentDetector.self),
    DetectorFactory(RepeatedAskDetector.self),
    DetectorFactory(CustomerNameDetector.self),
    DetectorFactory(TalkBalanceDetector.self),
    DetectorFactory(NoNoDetector.self),
  ]

  /// The factory for `identifier`.
  public static func factory(for identifier: String) -> DetectorFactory? {
    builtIn.first { $0.description.identifier == identifier }
  }

  static var decoder: JSONDecoder { JSONCoding.decoder() }

  static var encoder: JSONEncoder { JSONCoding.encoder(.compact) }
}

/// Stands in where a default configuration failed to encode, which Codable structs never do.
private struct UnreachableDetector: Detector {
  static let description = DetectorDescription(
    identifier: "unreachable", name: "Unreachable", rationale: "Never runs.", category: .conduct,
    triggeringExamples: [], nonTriggeringExamples: [])
  var configuration = BasicDetectorConfiguration()
  init(configuration: BasicDetectorConfiguration) {}
  func findings(in conversation: AnalyzedConversation) -> [Finding] { [] }
}
