import EarshotDetectors
import EarshotModel

/// Runs the detectors on a conversation and scores the findings.
public struct ConversationScorer: Sendable {
  /// The analyzer that prepares conversations.
  public let analyzer: ConversationAnalyzer
  /// The detectors, configured.
  public let detectors: [ConfiguredDetector]
  /// The score weights.
  public let weights: ScoringWeights
  /// Written into each result.
  public let toolVersion: String

  /// Creates a scorer.
  public init(
    analyzer: ConversationAnalyzer, detectors: [ConfiguredDetector], weights: ScoringWeights, toolVersion: String
  ) {
    self.analyzer = analyzer
    self.detectors = detectors
    self.weights = weights
    self.toolVersion = toolVersion
  }

  /// Scores `conversation`, returning the result and the analysis behind it.
  public func score(_ conversation: Conversation) -> (result: ConversationResult, analyzed: AnalyzedConversation) {
    let analyzed = analyzer.analyze(conversation)
    let findings = detectors.flatMap { $0.findings(in: analyzed) }
    let result = ConversationResult(
      conversation: conversation, toolVersion: toolVersion, score: ListeningScore(findings: findings, weights: weights),
      findings: findings, metrics: ConversationMetrics(analyzed, findings: findings),
      questions: analyzed.questionRecords, resolution: analyzed.resolution)
    return (result, analyzed)
  }
}
