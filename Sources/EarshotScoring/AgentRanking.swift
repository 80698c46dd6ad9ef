/// One agent's row in the ranking: raw mean, interval, and the small-sample-aware score.
public struct AgentStanding: Sendable, Hashable {
  /// The agent's group key.
  public var key: GroupKey
  /// The agent's totals.
  public var totals: GroupTotals
  /// The mean score shrunk toward the company mean (empirical Bayes); rank by this.
  public var shrunkScore: Double
  /// Whether the agent has fewer conversations than the minimum for a reliable score.
  public var smallSample: Bool
}

/// Ranks agents by a score shrunk toward their company's mean, so two lucky conversations do
/// not top the table.
///
/// The company mean is itself shrunk toward the mean of all conversations with the same prior
/// strength, so a company seen in one conversation does not lend its agent a perfect prior.
///
/// Shrinkage: shrunk = (n·mean + k·companyMean) / (n + k) with k = σ²_within / τ²_between
/// estimated per company from its agents (method of moments); k falls back to `priorStrength`
/// when a company has too few agents to estimate it.
public struct AgentRanking: Sendable {
  /// Conversations below which an agent is flagged as a small sample.
  public var minimumConversations: Int
  /// The pseudo-count k used when it cannot be estimated.
  public var priorStrength: Double

  /// Creates a ranking policy.
  public init(minimumConversations: Int = 5, priorStrength: Double = 5) {
    self.minimumConversations = minimumConversations
    self.priorStrength = priorStrength
  }

  /// The agents of `aggregation`, best shrunk score first.
  public func rank(_ aggregation: Aggregation) -> [AgentStanding] {
    let agents = aggregation.rows(.agent)
    let byCompany = Dictionary(grouping: agents, by: { $0.key.company })
    let companies = aggregation.rows(.company).map(\.totals)
    let allConversations = companies.reduce(0) { $0 + $1.conversations }
    let overallMean =
      allConversations > 0 ? companies.reduce(0.0) { $0 + $1.scoreSum } / Double(allConversations) : 0
    var standings: [AgentStanding] = []
    for (company, rows) in byCompany {
      let companyTotals = aggregation.groups[GroupKey(kind: .company, company: company, name: "")]
      let companyCount = Double(companyTotals?.conversations ?? 0)
      let rawCompanyMean = companyTotals?.meanScore ?? overallMean
      let companyMean = (companyCount * rawCompanyMean + priorStrength * overallMean) / (companyCount + priorStrength)
      let strength = estimatedStrength(rows.map(\.totals))
      for row in rows {
        let n = Double(row.totals.conversations)
        let mean = row.totals.meanScore ?? companyMean
        standings.append(
          AgentStanding(
            key: row.key, totals: row.totals, shrunkScore: (n * mean + strength * companyMean) / (n + strength),
            smallSample: row.totals.conversations < minimumConversations))
      }
    }
    return standings.sorted {
      ($0.shrunkScore, $1.key.company, $1.key.name) > ($1.shrunkScore, $0.key.company, $0.key.name)
    }
  }

  /// k = σ²_within / τ²_between, or `priorStrength` when it cannot be estimated.
  func estimatedStrength(_ agents: [GroupTotals]) -> Double {
    let withMeans = agents.filter { $0.conversations > 0 }
    guard withMeans.count >= 3 else { return priorStrength }
    let variances = withMeans.compactMap(\.scoreVariance)
    guard !variances.isEmpty else { return priorStrength }
    let within = variances.reduce(0, +) / Double(variances.count)
    let means = withMeans.compactMap(\.meanScore)
    let grand = means.reduce(0, +) / Double(means.count)
    let spread = means.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / Double(means.count - 1)
    let meanN = withMeans.reduce(0.0) { $0 + Double($1.conversations) } / Double(withMeans.count)
    let between = spread - within / meanN
    guard between > 1e-9 else { return max(priorStrength, 50) }
    return min(max(within / between, 0.5), 50)
  }
}
