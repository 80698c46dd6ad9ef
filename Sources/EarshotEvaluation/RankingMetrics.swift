/// Ranking measures for "does this reply answer the question" scores.
public enum RankingMetrics {
  /// Average precision of the top `cutoff` items ranked by `scores` (ties keep the given order),
  /// or nil when none of them is relevant. This is the SemEval-2016 Task 3 convention (MAP@10,
  /// threads without a relevant reply left out).
  public static func averagePrecision(scores: [Double], relevant: [Bool], cutoff: Int = 10) -> Double? {
    let order = scores.indices.sorted { (scores[$0], -$0) > (scores[$1], -$1) }
    var hits = 0
    var sum = 0.0
    for (rank, index) in order.prefix(cutoff).enumerated() where relevant[index] {
      hits += 1
      sum += Double(hits) / Double(rank + 1)
    }
    return hits > 0 ? sum / Double(hits) : nil
  }

  /// Mean of the defined average precisions, in percent.
  public static func meanAveragePrecision(_ rankings: [(scores: [Double], relevant: [Bool])], cutoff: Int = 10)
    -> Double?
  {
    let precisions = rankings.compactMap { averagePrecision(scores: $0.scores, relevant: $0.relevant, cutoff: cutoff) }
    guard !precisions.isEmpty else { return nil }
    return 100 * precisions.reduce(0, +) / Double(precisions.count)
  }

  /// Area under the ROC curve of `scores` for `positive` against the rest (Mann–Whitney, ties count half).
  public static func rocAUC(scores: [Double], positive: [Bool]) -> Double? {
    let positives = positive.filter { $0 }.count
    let negatives = positive.count - positives
    guard positives > 0, negatives > 0 else { return nil }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var start = 0
    while start < order.count {
      var end = start
      while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
      let averageRank = Double(start + end + 1) / 2
      for position in start..<end where positive[order[position]] { rankSum += averageRank }
      start = end
    }
    let positiveCount = Double(positives)
    return (rankSum - positiveCount * (positiveCount + 1) / 2) / (positiveCount * Double(negatives))
  }
}
