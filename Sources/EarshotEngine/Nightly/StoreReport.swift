import EarshotPrivacy
import EarshotReporters
import EarshotScoring
import EarshotStore
import Foundation

/// Gathers a ``ListeningReport`` from the store: the aggregates of its current contents (every
/// unit's totals merged in unit-key order, the same however many runs or shards wrote them), the
/// current results' score distribution and findings, company trends across runs, and each agent's
/// worst conversations.
public enum StoreReport {
  /// The report for the store at `storePath` (a SQLite path or a `postgres://` URL).
  ///
  /// - Parameters:
  ///   - generatedAt: the time printed on the report (injected, so tests are stable).
  ///   - worstPerAgent: how many of each agent's lowest-scoring conversations to show.
  ///   - extremeAgents: how many of the best and of the worst agents get a section.
  ///   - privacy: what to redact in the report when the store was written without redaction.
  ///   - customers: customer history settings; when on, repeat contacts are counted from the
  ///     store's current results (first-contact resolution per agent, company and center).
  /// - Throws: when the store cannot be opened or read.
  public static func load(
    storePath: String, ranking: AgentRanking, generatedAt: Date, worstPerAgent: Int = 3, extremeAgents: Int = 10,
    privacy: PrivacySettings = PrivacySettings(), customers: CustomerSettings = CustomerSettings()
  ) throws -> ListeningReport {
    // A store written with redaction already holds placeholders; otherwise the report redacts.
    let redactor =
      privacy.applies(to: .report) && !privacy.applies(to: .store) && privacy.redactsAnything
      ? try Redactor(settings: privacy) : nil
    let store = try StoreLocation(storePath).open()
    let runs = try store.runs()
    let latest = runs.last { $0.status == "succeeded" }
    // Current contents rather than the latest run's snapshot: with shards writing at once, the last
    // run to finish may not be the last to commit.
    let aggregation = try StoreCustomerHistory.adding(
      to: try store.currentAggregation(), from: store, customers: customers
    ).aggregation
    var worst: [GroupKey: [ConversationResult]] = [:]
    let standings = ranking.rank(aggregation)
    // Only the best and the worst agents get a section; the rest are in the table and agents.csv.
    let sectioned =
      standings.count > 2 * extremeAgents
      ? standings.prefix(extremeAgents) + standings.suffix(extremeAgents) : standings[...]
    for standing in sectioned {
      let results = try store.worstConversations(
        company: standing.key.company, agent: standing.key.name, limit: worstPerAgent)
      worst[standing.key] = redactor.map { redactor in results.map { redactor.redacting($0) } } ?? results
    }
    let trend = try store.companyTrend().compactMap { point -> ListeningReport.TrendPoint? in
      guard let mean = point.meanScore else { return nil }
      return ListeningReport.TrendPoint(
        runID: point.runID, finishedAt: point.finishedAt, company: point.company, meanScore: mean,
        conversations: point.conversations)
    }
    var report = ListeningReport(
      generatedAt: generatedAt,
      latestRun: latest.map { run in
        ListeningReport.Run(id: run.id, finishedAt: run.finishedAt ?? run.startedAt, summary: describe(run.counts))
      }, aggregation: aggregation, ranking: ranking, scoreHistogram: try store.scoreHistogram(bins: 10),
      findings: try store.findingCounts().map {
        ListeningReport.FindingTally(detector: $0.detector, minor: $0.minor, major: $0.major)
      }, trend: trend, worstConversations: worst)
    report.extremeAgentCount = extremeAgents
    return report
  }

  /// "3 new, 1 changed, …" for a run.
  public static func describe(_ counts: RunCounts) -> String {
    "\(counts.new) new, \(counts.changed) changed, \(counts.rescored) re-scored, \(counts.unchanged) unchanged, "
      + "\(counts.removed) removed, \(counts.failed) failed files; \(counts.conversationsScored) conversations scored"
  }
}
