import EarshotDetectors
import EarshotModel

/// One lapse's part of a listening score: how much of it, at how many points per unit.
public struct LapseShare: Codable, Sendable, Hashable {
  /// The lapse's name (`verdict.not_answered`, `finding.premature_pitch.major`).
  public var lapse: String
  /// How much of it (a count of findings, or a share 0–1).
  public var amount: Double
  /// Points per unit after the configuration's weights and penalties; each finding of a finding
  /// lapse costs this much (before the score is clipped at 0).
  public var pointsPerUnit: Double
  /// Points it took off the overall 100.
  public var pointsLost: Double
  /// Findings or question records it stands for.
  public var findings: Int
}

/// One category's part of a listening score.
public struct ScoreComponent: Codable, Sendable, Hashable {
  /// The category (`answers`, `timing`, …).
  public var category: ScoreCategory
  /// Its configured weight, normalized so all weights sum to 1 (the default weights give every
  /// category its fitted points; see `docs/scoring.md`).
  public var weight: Double
  /// 100 minus the points this category lost, floored at 0: the score if it were the only one.
  public var score: Double
  /// Points this category took off the overall 100.
  public var pointsLost: Double
  /// Findings that counted against it (minor and major).
  public var findings: Int
  /// Its lapses that cost points, largest loss first.
  public var lapses: [LapseShare]
}

/// The listening score of one conversation with its breakdown.
public struct ListeningScore: Codable, Sendable, Hashable {
  /// 0–100; 100 means no lapse was found.
  public var value: Double
  /// Every category, in a fixed order, so the score always shows where points went.
  public var breakdown: [ScoreComponent]

  /// Scores a conversation: 100 minus the points of its lapses (`ListeningLapses`), each lapse
  /// costing its fitted points per unit (`weights.lapses`), scaled by its category's configured
  /// weight relative to the default weight and, for findings, by the configured penalty relative
  /// to the default penalty; clipped to 0–100 and rounded to 0.1. When the lapses add up to more
  /// than 100 points, every share is scaled down alike, so the breakdown's points lost (rounded
  /// to 0.01) sum to 100 − score up to that rounding.
  public init(
    findings: [Finding], questions: [QuestionRecord] = [], metrics: ConversationMetrics? = nil,
    weights: ScoringWeights
  ) {
    let lapses = ListeningLapses.measure(findings: findings, questions: questions, metrics: metrics)
    let defaults = ScoringWeights.defaultCategories
    let total = ScoreCategory.allCases.reduce(0) { $0 + weights.weight(of: $1) }
    let defaultTotal = defaults.values.reduce(0, +)
    func categoryFactor(_ category: ScoreCategory) -> Double {
      let share = total > 0 ? weights.weight(of: category) / total : 0
      let defaultShare = (defaults[category] ?? 0) / defaultTotal
      return defaultShare > 0 ? share / defaultShare : 0
    }
    func severityFactor(_ severity: Severity?) -> Double {
      switch severity {
      case .major: weights.majorPenalty / ScoringWeights.defaultMajorPenalty
      case .minor: weights.minorPenalty / ScoringWeights.defaultMinorPenalty
      case .info, nil: 1
      }
    }
    var shares: [(category: ScoreCategory, share: LapseShare)] = []
    var lost = 0.0
    for lapse in lapses {
      let perUnit =
        weights.lapses.points(for: lapse) * categoryFactor(lapse.category) * severityFactor(lapse.severity)
      // A lapse priced at 0 (fitted so, or its category switched off) is not part of the breakdown.
      guard perUnit > 0 else { continue }
      let points = perUnit * lapse.amount
      lost += points
      shares.append(
        (
          lapse.category,
          LapseShare(
            lapse: lapse.name, amount: lapse.amount, pointsPerUnit: perUnit, pointsLost: points,
            findings: lapse.findings)
        ))
    }
    // Clipping at 0 scales every share alike, so each keeps its part of the loss. Shares are
    // rounded to 0.01 point (amounts to 0.0001): they are read by people, and long decimals made
    // every result line a quarter longer to write.
    let scale = lost > 100 ? 100 / lost : 1
    var components: [ScoreComponent] = []
    for category in ScoreCategory.allCases {
      var own = shares.filter { $0.category == category }.map(\.share)
      for index in own.indices {
        own[index].pointsLost = Self.rounded(own[index].pointsLost * scale, 100)
        own[index].pointsPerUnit = Self.rounded(own[index].pointsPerUnit, 100)
        own[index].amount = Self.rounded(own[index].amount, 10_000)
      }
      own.sort { $0.pointsLost > $1.pointsLost }
      let points = Self.rounded(own.reduce(0) { $0 + $1.pointsLost }, 100)
      components.append(
        ScoreComponent(
          category: category, weight: total > 0 ? weights.weight(of: category) / total : 0,
          score: max(0, 100 - points), pointsLost: points,
          findings: findings.filter { $0.category == category && $0.severity != .info }.count, lapses: own))
    }
    self.value = Self.rounded(max(0, 100 - lost * scale), 10)
    self.breakdown = components
  }

  private static func rounded(_ value: Double, _ steps: Double) -> Double { (value * steps).rounded() / steps }
}
