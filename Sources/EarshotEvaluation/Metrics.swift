/// Evaluation metrics shared by Earshot's evaluations: correlation, accuracy, per-class and averaged F1,
/// and confusion matrices. All functions are pure and take plain arrays, so other evaluations (answer
/// detection, pitch timing) can reuse them.
public enum Metrics {
  /// Pearson's correlation coefficient between `xs` and `ys`.
  ///
  /// Returns `nil` when the arrays differ in length, hold fewer than two values, or one of them is
  /// constant (the coefficient is undefined then).
  public static func pearson(_ xs: [Double], _ ys: [Double]) -> Double? {
    guard xs.count == ys.count, xs.count >= 2 else { return nil }
    let count = Double(xs.count)
    let meanX = xs.reduce(0, +) / count
    let meanY = ys.reduce(0, +) / count
    var covariance = 0.0
    var varianceX = 0.0
    var varianceY = 0.0
    for (x, y) in zip(xs, ys) {
      covariance += (x - meanX) * (y - meanY)
      varianceX += (x - meanX) * (x - meanX)
      varianceY += (y - meanY) * (y - meanY)
    }
    guard varianceX > 0, varianceY > 0 else { return nil }
    return covariance / (varianceX * varianceY).squareRoot()
  }

  /// Spearman's rank correlation: Pearson's on the ranks, ties sharing their mean rank.
  public static func spearman(_ xs: [Double], _ ys: [Double]) -> Double? {
    guard xs.count == ys.count else { return nil }
    return pearson(ranks(xs), ranks(ys))
  }

  /// 1-based ranks of `values`, tied values sharing the mean of their ranks.
  public static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = Array(repeating: 0.0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let rank = Double(start + end) / 2 + 1
      for position in start...end { result[order[position]] = rank }
      start = end + 1
    }
    return result
  }

  /// Cohen's kappa between two labelings of the same items (nil for no items; 1 when both are
  /// constant and equal).
  public static func kappa<Label: Hashable>(_ first: [Label], _ second: [Label]) -> Double? {
    guard first.count == second.count, !first.isEmpty else { return nil }
    let count = Double(first.count)
    let observed = Double(zip(first, second).filter { $0 == $1 }.count) / count
    var left: [Label: Double] = [:]
    var right: [Label: Double] = [:]
    for label in first { left[label, default: 0] += 1 }
    for label in second { right[label, default: 0] += 1 }
    let expected = left.reduce(0.0) { $0 + $1.value * (right[$1.key] ?? 0) } / (count * count)
    return expected < 1 ? (observed - expected) / (1 - expected) : 1
  }

  /// The share of positions where `predicted` equals `gold` (0 for empty input).
  public static func accuracy<Label: Equatable>(gold: [Label], predicted: [Label]) -> Double {
    precondition(gold.count == predicted.count, "gold and predicted labels must pair up")
    guard !gold.isEmpty else { return 0 }
    return Double(zip(gold, predicted).filter { $0 == $1 }.count) / Double(gold.count)
  }
}

/// Counts of (gold, predicted) label pairs over a fixed list of classes.
public struct ConfusionMatrix<Label: Hashable & Sendable>: Sendable {
  /// The classes, in the order rows and columns are reported.
  public let classes: [Label]
  /// `counts[g][p]`: items of gold class `classes[g]` predicted as `classes[p]`.
  public private(set) var counts: [[Int]]

  /// Builds the matrix; labels not in `classes` are ignored.
  public init(classes: [Label], gold: [Label], predicted: [Label]) {
    precondition(gold.count == predicted.count, "gold and predicted labels must pair up")
    self.classes = classes
    counts = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
    var position: [Label: Int] = [:]
    for (index, label) in classes.enumerated() { position[label] = index }
    for (g, p) in zip(gold, predicted) {
      guard let row = position[g], let column = position[p] else { continue }
      counts[row][column] += 1
    }
  }

  /// Items counted.
  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// Items whose gold label is class `index` (its support).
  public func support(_ index: Int) -> Int { counts[index].reduce(0, +) }

  /// Precision of class `index`: correct predictions of it over all predictions of it (0 when never predicted).
  public func precision(_ index: Int) -> Double {
    let predicted = counts.reduce(0) { $0 + $1[index] }
    return predicted == 0 ? 0 : Double(counts[index][index]) / Double(predicted)
  }

  /// Recall of class `index`: correct predictions of it over its support (0 when it has none).
  public func recall(_ index: Int) -> Double {
    let support = support(index)
    return support == 0 ? 0 : Double(counts[index][index]) / Double(support)
  }

  /// F1 of class `index`: the harmonic mean of precision and recall (0 when both are 0).
  public func f1(_ index: Int) -> Double {
    let p = precision(index)
    let r = recall(index)
    return p + r == 0 ? 0 : 2 * p * r / (p + r)
  }

  /// Unweighted mean of the per-class F1 over all `classes` (a class absent from gold and never
  /// predicted counts as 0, as in scikit-learn's `f1_score(average="macro", labels=classes)`).
  public var macroF1: Double {
    guard !classes.isEmpty else { return 0 }
    return classes.indices.reduce(0) { $0 + f1($1) } / Double(classes.count)
  }

  /// Mean of the per-class F1 weighted by each class's gold support.
  public var weightedF1: Double {
    let total = total
    guard total > 0 else { return 0 }
    return classes.indices.reduce(0) { $0 + f1($1) * Double(support($1)) } / Double(total)
  }

  /// The share of items on the diagonal.
  public var accuracy: Double {
    let total = total
    guard total > 0 else { return 0 }
    return Double(classes.indices.reduce(0) { $0 + counts[$1][$1] }) / Double(total)
  }
}
