import EarshotModel
import EarshotScoring
import Foundation

/// Everything the Markdown and HTML reports show, gathered beforehand (from the store) so that
/// rendering is a pure function: the same input gives byte-identical pages.
public struct ListeningReport: Sendable {
  /// A run, as the report describes it.
  public struct Run: Sendable, Hashable {
    /// The run's id.
    public var id: Int64
    /// When it finished.
    public var finishedAt: Date
    /// A one-line account of what it did ("3 new, 1 changed, ...").
    public var summary: String

    /// Creates a run line.
    public init(id: Int64, finishedAt: Date, summary: String) {
      self.id = id
      self.finishedAt = finishedAt
      self.summary = summary
    }
  }

  /// Findings of one detector, by severity.
  public struct FindingTally: Sendable, Hashable {
    /// The detector's identifier.
    public var detector: String
    /// Counts by severity.
    public var minor: Int
    public var major: Int

    /// Creates a tally.
    public init(detector: String, minor: Int, major: Int) {
      self.detector = detector
      self.minor = minor
      self.major = major
    }
  }

  /// One company's mean score after one run.
  public struct TrendPoint: Sendable, Hashable {
    /// The run.
    public var runID: Int64
    /// When the run finished.
    public var finishedAt: Date
    /// The company ("" when unknown).
    public var company: String
    /// Mean score and conversations.
    public var meanScore: Double
    public var conversations: Int

    /// Creates a point.
    public init(runID: Int64, finishedAt: Date, company: String, meanScore: Double, conversations: Int) {
      self.runID = runID
      self.finishedAt = finishedAt
      self.company = company
      self.meanScore = meanScore
      self.conversations = conversations
    }
  }

  /// The page title.
  public var title = "Earshot listening report"
  /// When the report was made (injected, so golden files stay stable).
  public var generatedAt: Date
  /// The run the tables describe, when there is one.
  public var latestRun: Run?
  /// Totals per agent, company, channel and day after the latest run.
  public var aggregation: Aggregation
  /// How agents are ranked.
  public var ranking: AgentRanking
  /// Conversations per 10-point score bin (0–10, …, 90–100).
  public var scoreHistogram: [Int]
  /// Findings by detector.
  public var findings: [FindingTally]
  /// Company means across succeeded runs, oldest first.
  public var trend: [TrendPoint]
  /// Each agent's worst conversations, worst first, by the agent's group key.
  public var worstConversations: [GroupKey: [ConversationResult]]
  /// The most agents the ranking chart shows (the best and the worst halves when there are more).
  public var chartAgentLimit = 40
  /// How many of the best and of the worst agents the report's tables and agent sections show;
  /// every agent is in the page's searchable table and in `agents.csv`.
  public var extremeAgentCount = 10

  /// Creates a report.
  public init(
    generatedAt: Date, latestRun: Run?, aggregation: Aggregation, ranking: AgentRanking, scoreHistogram: [Int],
    findings: [FindingTally], trend: [TrendPoint], worstConversations: [GroupKey: [ConversationResult]]
  ) {
    self.generatedAt = generatedAt
    self.latestRun = latestRun
    self.aggregation = aggregation
    self.ranking = ranking
    self.scoreHistogram = scoreHistogram
    self.findings = findings
    self.trend = trend
    self.worstConversations = worstConversations
  }

  /// The agents, best small-sample-aware score first.
  var standings: [AgentStanding] { ranking.rank(aggregation) }

  /// The standings the chart shows: all of them, or the best and the worst when there are many.
  func chartStandings(_ all: [AgentStanding]) -> (shown: [AgentStanding], omitted: Int) {
    guard all.count > chartAgentLimit else { return (all, 0) }
    let half = chartAgentLimit / 2
    return (Array(all.prefix(half)) + Array(all.suffix(half)), all.count - 2 * half)
  }

  /// The best and the worst agents (all of them when there are few), and how many lie between.
  func extremes(_ all: [AgentStanding]) -> (best: [AgentStanding], worst: [AgentStanding], between: Int) {
    guard all.count > 2 * extremeAgentCount else { return (all, [], 0) }
    return (
      Array(all.prefix(extremeAgentCount)), Array(all.suffix(extremeAgentCount)), all.count - 2 * extremeAgentCount
    )
  }

  /// The agents given a section with their worst conversations: the worst first, then the best.
  func sectionStandings(_ all: [AgentStanding]) -> [AgentStanding] {
    let (best, worst, _) = extremes(all)
    return worst.isEmpty ? best : worst.reversed() + best
  }

  /// A stable HTML anchor for an agent.
  static func anchor(_ key: GroupKey) -> String {
    let raw = key.company + "--" + key.name
    let cleaned = raw.unicodeScalars.map { scalar -> String in
      CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII ? String(scalar).lowercased() : "-"
    }.joined()
    return "agent-" + cleaned
  }

  static func format(_ value: Double?, digits: Int = 1) -> String {
    guard let value else { return "–" }
    return String(format: "%.\(digits)f", value)
  }

  static func percent(_ value: Double?) -> String {
    guard let value else { return "–" }
    return String(format: "%.0f%%", value * 100)
  }

  /// First-contact resolution with one decimal: it lives close to 100%, where whole percents
  /// would show 3 repeats in 996 conversations as 100%.
  static func resolutionPercent(_ value: Double?) -> String {
    guard let value else { return "–" }
    return String(format: "%.1f%%", value * 100)
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  static func day(_ date: Date) -> String {
    String(timestamp(date).prefix(10))
  }

  static func companyName(_ company: String) -> String { company.isEmpty ? "(no company)" : company }

  /// The centers side by side: every center row, most conversations first (then by name). Empty
  /// when no `centers:` rules are configured, and the report then leaves the section out.
  var centerRows: [(key: GroupKey, totals: GroupTotals)] {
    aggregation.rows(.center).sorted {
      ($1.totals.conversations, $0.key) < ($0.totals.conversations, $1.key)
    }
  }

  /// A group's most frequent lapses: the detectors with the most minor and major findings, most
  /// first (ties by name), as `non_answer 12`.
  static func mainLapses(_ totals: GroupTotals, limit: Int = 3) -> String {
    let top = totals.findingsByDetector.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(limit)
    return top.isEmpty ? "–" : top.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
  }

  /// The findings of a result worth showing (minor and major, worst first, then in order).
  static func shownFindings(_ result: ConversationResult) -> [Finding] {
    result.findings.enumerated().filter { $0.element.severity != .info }
      .sorted { ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset) }.map(\.element)
  }
}
