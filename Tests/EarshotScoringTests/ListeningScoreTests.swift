import EarshotDetectors
import EarshotModel
import EarshotScoring
import Foundation
import Testing

/// Weights with round numbers, so the arithmetic of the score can be checked by hand.
func testWeights() -> ScoringWeights {
  var weights = ScoringWeights()
  weights.lapses = ListeningWeights(points: [
    "verdict.not_answered": 40, "sentiment.end": 20, "finding.promise.major": 30, "category.timing.major": 25,
    "category.conduct.major": 10,
  ])
  return weights
}

func record(_ verdict: AnswerVerdict, usefulness: Double? = nil) -> QuestionRecord {
  QuestionRecord(
    turn: 0, sourceId: nil, type: "other", verdict: verdict, replyTurn: 1, usefulness: usefulness, reason: "r",
    evidence: [])
}

@Suite struct ListeningScoreTests {
  @Test func noLapseScoresHundred() {
    let score = ListeningScore(findings: [], weights: testWeights())
    #expect(score.value == 100)
    #expect(score.breakdown.map(\.category) == ScoreCategory.allCases)
    #expect(abs(score.breakdown.reduce(0) { $0 + $1.weight } - 1) < 1e-9)
  }

  @Test func lapsesCostTheirPointsPerUnitAndAddUpToTheLoss() {
    // Half the questions not answered (40 × 0.5), one broken promise (30), one pitch priced by
    // its category's row (25): 100 − 75.
    let score = ListeningScore(
      findings: [
        finding(.promises, .major, detector: "promise"), finding(.timing, .major, detector: "premature_pitch"),
        finding(.answers, .info, detector: "customer_question"),
      ],
      questions: [record(.notAnswered), record(.answered)], weights: testWeights())
    #expect(score.value == 25)
    let lost = score.breakdown.reduce(0) { $0 + $1.pointsLost }
    #expect(abs(lost - (100 - score.value)) < 1e-9)  // exact here: every price is a round number
    let answers = score.breakdown.first { $0.category == .answers }
    #expect(answers?.lapses.map(\.lapse) == ["verdict.not_answered"])
    #expect(answers?.lapses.first?.amount == 0.5)
    #expect(answers?.lapses.first?.findings == 1)
    let timing = score.breakdown.first { $0.category == .timing }
    #expect(timing?.lapses.first?.lapse == "finding.premature_pitch.major")
    #expect(timing?.lapses.first?.pointsPerUnit == 25)
    #expect(timing?.findings == 1)
  }

  @Test func clippedAtZeroWithEveryShareScaledAlike() {
    let findings = Array(repeating: finding(.promises, .major, detector: "promise"), count: 5)
    let score = ListeningScore(findings: findings, weights: testWeights())
    #expect(score.value == 0)
    let promises = score.breakdown.first { $0.category == .promises }
    // 5 × 30 = 150 points scaled to the 100 available.
    #expect(abs((promises?.pointsLost ?? 0) - 100) < 1e-9)
    #expect(promises?.lapses.first?.pointsPerUnit == 30)
  }

  @Test func customerSentimentAndEffortAreMeasuredFromTheMetrics() throws {
    // A customer who ends annoyed (compound −0.6) after starting neutral, over four turns.
    let json = """
      {"customer_turns": 4, "agent_turns": 3, "questions": 1, "non_answers": 0, "premature_pitches": 0,
       "promises_made": 0, "promises_kept": 0, "promises_broken": 0,
       "customer_sentiment_start": 0.0, "customer_sentiment_end": -0.6, "agent_sentiment": 0.2}
      """
    let metrics = try JSONCoding.decoder().decode(ConversationMetrics.self, from: Data(json.utf8))
    let lapses = ListeningLapses.measure(findings: [], questions: [record(.answered)], metrics: metrics)
    let amounts = Dictionary(uniqueKeysWithValues: lapses.map { ($0.name, $0.amount) })
    #expect(abs((amounts["sentiment.end"] ?? 0) - 0.8) < 1e-9)
    #expect(abs((amounts["sentiment.negative_end"] ?? 0) - 0.6) < 1e-9)
    #expect(abs((amounts["sentiment.drop"] ?? 0) - 0.3) < 1e-9)
    #expect(amounts["customer.effort"] == 3)
    #expect(amounts["unresolved"] == 1)
    #expect(abs((amounts["agent.tone"] ?? 0) - 0.4) < 1e-9)
    // sentiment.end costs 20 per unit in the test weights: 0.8 × 20.
    let score = ListeningScore(findings: [], questions: [record(.answered)], metrics: metrics, weights: testWeights())
    #expect(score.value == 84)
  }

  @Test func unhelpfulRepliesCostMoreWhenTheProblemIsLeftOpen() throws {
    // Two replies of usefulness 0.2 and 0.6: mean unhelpfulness 0.6, counted again only when no
    // resolution was seen.
    func metrics(resolution: String?) throws -> ConversationMetrics {
      let json = """
        {"customer_turns": 2, "agent_turns": 2, "questions": 2, "non_answers": 0, "premature_pitches": 0,
         "promises_made": 0, "promises_kept": 0, "promises_broken": 0\(resolution.map { ", \"resolution\": \"\($0)\"" } ?? "")}
        """
      return try JSONCoding.decoder().decode(ConversationMetrics.self, from: Data(json.utf8))
    }
    let replies = [record(.partial, usefulness: 0.2), record(.answered, usefulness: 0.6)]
    let open = ListeningLapses.measure(findings: [], questions: replies, metrics: try metrics(resolution: nil))
    let amounts = Dictionary(uniqueKeysWithValues: open.map { ($0.name, $0.amount) })
    #expect(abs((amounts["reply.unhelpful"] ?? 0) - 0.6) < 1e-9)
    #expect(abs((amounts["reply.unhelpful_unresolved"] ?? 0) - 0.6) < 1e-9)
    #expect(open.first { $0.name == "reply.unhelpful_unresolved" }?.findings == 2)
    let solved = ListeningLapses.measure(
      findings: [], questions: replies, metrics: try metrics(resolution: "customer_confirmed"))
    #expect(solved.contains { $0.name == "reply.unhelpful" })
    #expect(!solved.contains { $0.name == "reply.unhelpful_unresolved" })
    #expect(!solved.contains { $0.name == "unresolved" })
  }

  @Test func configuredWeightsAndPenaltiesScaleTheFittedPoints() {
    var weights = testWeights()
    // Doubling every category weight changes nothing (weights are normalized) …
    weights.categories = weights.categories.mapValues { $0 * 2 }
    let promise = [finding(.promises, .major, detector: "promise")]
    #expect(ListeningScore(findings: promise, weights: weights).value == 70)
    // … switching a category off frees its findings …
    weights.categories[.promises] = 0
    #expect(ListeningScore(findings: promise, weights: weights).value == 100)
    // … and a major penalty of 100 instead of 50 doubles the points of major findings.
    weights = testWeights()
    weights.majorPenalty = 100
    #expect(ListeningScore(findings: promise, weights: weights).value == 40)
  }

  @Test func theShippedModelIsReadAndSaysWhatItWasFittedOn() throws {
    let shipped = ListeningWeights.shipped
    #expect(shipped.points["sentiment.end", default: 0] > 0)
    for category in ScoreCategory.allCases {
      #expect(shipped.points[ListeningLapses.categoryLapse(category, severity: .major)] != nil)
    }
  }
}
