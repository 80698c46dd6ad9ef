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
    let metrics = ConversationMetrics(analyzed, findings: findings)
    let score = ListeningScore(
      findings: findings, questions: analyzed.questionRecords, metrics: metrics, weights: weights)
    let result = ConversationResult(
      conversation: conversation, toolVersion: toolVersion, score: score, findings: findings, metrics: metrics,
      questions: analyzed.questionRecords, resolution: analyzed.resolution)
    return (result, analyzed)
  }
}
