import EarshotModel

/// What a detector is, for help text, documentation and the registry.
public struct DetectorDescription: Sendable {
  /// snake_case identifier used in configuration and outputs (`premature_pitch`).
  public var identifier: String
  /// A short human name.
  public var name: String
  /// One sentence on why this matters to a support lead.
  public var rationale: String
  /// The score category its findings count against.
  public var category: ScoreCategory
  /// Chat-log conversations that must produce at least one finding from this detector.
  public var triggeringExamples: [String]
  /// Chat-log conversations that must produce none.
  public var nonTriggeringExamples: [String]

  /// Creates a description.
  public init(
    identifier: String, name: String, rationale: String, category: ScoreCategory,
    triggeringExamples: [String], nonTriggeringExamples: [String]
  ) {
    self.identifier = identifier
    self.name = name
    self.rationale = rationale
    self.category = category
    self.triggeringExamples = triggeringExamples
    self.nonTriggeringExamples = nonTriggeringExamples
  }
}

/// A detector's settings, decoded from its section of `earshot.yml` (snake_case keys).
///
/// `init()` gives the documented defaults, so a missing section or key means "default".
public protocol DetectorConfiguration: Codable, Sendable, Hashable {
  /// The defaults.
  init()
  /// Whether the detector runs.
  var enabled: Bool { get }
}

/// Finds one kind of listening failure in an analyzed conversation.
///
/// To add a detector: write a type conforming to this protocol in `Detectors/`, give it a
/// description with triggering and non-triggering examples (they become tests and docs), and add
/// one line to `DetectorRegistry.builtIn`.
public protocol Detector: Sendable {
  /// The detector's typed settings.
  associatedtype Configuration: DetectorConfiguration
  /// What the detector is.
  static var description: DetectorDescription { get }
  /// The settings in force.
  var configuration: Configuration { get }
  /// Creates the detector with `configuration`.
  init(configuration: Configuration)
  /// The findings in `conversation`, each with evidence.
  func findings(in conversation: AnalyzedConversation) -> [Finding]
}

extension Detector {
  /// Creates the detector with its default configuration.
  public init() { self.init(configuration: Configuration()) }

  /// A finding attributed to this detector and its category.
  func finding(
    _ severity: Severity, _ reason: String, _ evidence: [Evidence], _ attributes: [String: String] = [:]
  ) -> Finding {
    Finding(
      detector: Self.description.identifier, category: Self.description.category, severity: severity,
      reason: reason, evidence: evidence, attributes: attributes)
  }
}

/// The configuration of a detector with nothing to set but `enabled`.
public struct BasicDetectorConfiguration: DetectorConfiguration {
  /// Whether the detector runs.
  public var enabled: Bool = true
  /// Creates the defaults.
  public init() {}
}
