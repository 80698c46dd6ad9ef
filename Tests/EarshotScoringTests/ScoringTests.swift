import EarshotDetectors
import EarshotModel
import EarshotScoring
import Testing

func finding(_ category: ScoreCategory, _ severity: Severity, detector: String = "test") -> Finding {
  Finding(detector: detector, category: category, severity: severity, reason: "r", evidence: [])
}

@Suite struct AggregationTests {
  func totals(_ scores: [Double]) -> GroupTotals {
    var totals = GroupTotals()
    for score in scores {
      totals.conversations += 1
      totals.scoreSum += score
      totals.scoreSquares += score * score
    }
    return totals
  }

  @Test func mergingShardsEqualsOneRun() {
    var left = totals([60, 70])
    left.firstResponses = [30, 90]
    left.findingsByDetector = ["non_answer": 1]
    var right = totals([80])
    right.firstResponses = [60]
    right.findingsByDetector = ["non_answer": 2, "no_no": 1]
    var merged = left
    merged.merge(right)
    var whole = totals([60, 70, 80])
    whole.firstResponses = [30, 90, 60]
    whole.findingsByDetector = ["non_answer": 3, "no_no": 1]
    #expect(merged == whole)
    #expect(merged.meanScore == 70)
    #expect(merged.medianFirstResponse == 60)
  }

  @Test func intervalNeedsTwoConversations() throws {
    #expect(totals([80]).scoreInterval == nil)
    let interval = try #require(totals([60, 80]).scoreInterval)
    // sd = 14.142, se = 10, half-width 19.6
    #expect(abs(interval.lowerBound - 50.4) < 0.01)
    #expect(abs(interval.upperBound - 89.6) < 0.01)
  }

  @Test func rankingShrinksSmallSamplesTowardTheCompanyMean() {
    var aggregation = Aggregation()
    let company = GroupKey(kind: .company, company: "Acme", name: "")
    aggregation.groups[company] = totals([100, 50, 50, 50, 50, 50, 50])
    aggregation.groups[GroupKey(kind: .agent, company: "Acme", name: "lucky")] = totals([100])
    aggregation.groups[GroupKey(kind: .agent, company: "Acme", name: "steady")] = totals([50, 50, 50, 50, 50, 50])
    let ranking = AgentRanking(minimumConversations: 5, priorStrength: 5).rank(aggregation)
    let lucky = ranking.first { $0.key.name == "lucky" }
    #expect(lucky?.smallSample == true)
    #expect(ranking.first { $0.key.name == "steady" }?.smallSample == false)
    // (1·100 + 5·57.14) / 6 = 64.3: one lucky conversation does not count as a 100.
    #expect(abs((lucky?.shrunkScore ?? 0) - 64.29) < 0.01)
  }
}

@Suite struct CompanyShrinkageTests {
  @Test func aOneConversationCompanyDoesNotLendAPerfectPrior() {
    var aggregation = Aggregation()
    func totals(_ scores: [Double]) -> GroupTotals {
      var totals = GroupTotals()
      for score in scores {
        totals.conversations += 1
        totals.scoreSum += score
        totals.scoreSquares += score * score
      }
      return totals
    }
    aggregation.groups[GroupKey(kind: .company, company: "Tiny", name: "")] = totals([100])
    aggregation.groups[GroupKey(kind: .agent, company: "Tiny", name: "solo")] = totals([100])
    aggregation.groups[GroupKey(kind: .company, company: "Big", name: "")] = totals(Array(repeating: 80, count: 20))
    aggregation.groups[GroupKey(kind: .agent, company: "Big", name: "steady")] = totals(Array(repeating: 80, count: 20))
    let ranking = AgentRanking(minimumConversations: 5, priorStrength: 5).rank(aggregation)
    let solo = ranking.first { $0.key.name == "solo" }
    // Overall mean 80.95; Tiny's prior (1·100 + 5·80.95)/6 = 84.13; solo (1·100 + 5·84.13)/6 = 86.8.
    #expect(abs((solo?.shrunkScore ?? 0) - 86.77) < 0.05)
    #expect((solo?.shrunkScore ?? 100) < 100)
  }
}
