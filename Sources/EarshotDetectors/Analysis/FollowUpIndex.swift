import EarshotModel
import Foundation

/// What comes after each turn, for judging promises without rescanning the rest of the conversation
/// for every promise: the first customer turn after it, the first unhappy customer turn after it,
/// the earliest and latest company-side times after it, and the first turn after it later than a
/// given time. Each table is built on first use in one pass, so a conversation full of promises
/// costs O(n log n), not O(n²).
struct FollowUpIndex {
  private let conversation: AnalyzedConversation
  private var turns: [Turn] { conversation.turns }
  private var customerAfter: [Int]?
  private var companyTimesAfter: (earliest: [Double], latest: [Double])?
  private var laterThan: FirstAboveTree?
  /// Unhappy customer turns found so far: scanning resumes where the last search stopped.
  private var unhappyScan: (from: Int, found: Int?) = (0, nil)
  /// The position of the last company-side turn, or -1.
  let lastCompanyPosition: Int

  init(_ conversation: AnalyzedConversation) {
    self.conversation = conversation
    lastCompanyPosition = conversation.turns.lastIndex { $0.role.isCompanySide } ?? -1
  }

  /// The position of the first customer turn after `position`, if any.
  mutating func firstCustomer(after position: Int) -> Int? {
    if customerAfter == nil {
      var table = [Int](repeating: turns.count, count: turns.count)
      var next = turns.count
      for index in turns.indices.reversed() {
        table[index] = next
        if turns[index].role == .customer { next = index }
      }
      customerAfter = table
    }
    guard let table = customerAfter, position < table.count, table[position] < turns.count else { return nil }
    return table[position]
  }

  /// The earliest and latest times (`timeIntervalSinceReferenceDate`, as `Date` compares them) of
  /// company-side turns after `position`; `+inf` and `-inf` when none has a time.
  mutating func companyTimes(after position: Int) -> (earliest: Double, latest: Double) {
    if companyTimesAfter == nil {
      var earliest = [Double](repeating: .infinity, count: turns.count)
      var latest = [Double](repeating: -.infinity, count: turns.count)
      var low = Double.infinity
      var high = -Double.infinity
      for index in turns.indices.reversed() {
        earliest[index] = low
        latest[index] = high
        if turns[index].role.isCompanySide, let time = TimestampBounds.checked(turns[index].timestamp) {
          let time = time.timeIntervalSinceReferenceDate
          low = min(low, time)
          high = max(high, time)
        }
      }
      companyTimesAfter = (earliest, latest)
    }
    guard let tables = companyTimesAfter, position < turns.count else { return (.infinity, -.infinity) }
    return (tables.earliest[position], tables.latest[position])
  }

  /// The position of the first turn after `position` whose time (`timeIntervalSinceReferenceDate`)
  /// is later than `time`, if any.
  mutating func firstTurn(after position: Int, laterThan time: Double) -> Int? {
    if laterThan == nil {
      laterThan = FirstAboveTree(
        turns.map { TimestampBounds.checked($0.timestamp)?.timeIntervalSinceReferenceDate ?? -.infinity })
    }
    return laterThan?.first(from: position + 1, above: time)
  }

  /// The position of the first customer turn after `position` that is upset (compound below -0.3)
  /// or says the problem is not solved. Positions must be asked in increasing order.
  mutating func firstUnhappyCustomer(after position: Int) -> Int? {
    if let found = unhappyScan.found, found > position { return found }
    var index = max(unhappyScan.from, position + 1)
    while index < turns.count {
      if isUnhappyCustomer(index) {
        unhappyScan = (index + 1, index)
        return index
      }
      index += 1
    }
    unhappyScan = (turns.count, nil)
    return nil
  }

  private func isUnhappyCustomer(_ index: Int) -> Bool {
    turns[index].role == .customer
      && (conversation.sentiments[index].compound < -0.3
        || !conversation.resources.lexicons.unresolved.matches(in: conversation.texts[index]).isEmpty)
  }
}

/// A max segment tree over values, answering "the first index at or after `start` whose value is
/// above `threshold`" in O(log n).
struct FirstAboveTree {
  private let size: Int
  private let count: Int
  private var tree: [Double]

  init(_ values: [Double]) {
    count = values.count
    var size = 1
    while size < max(values.count, 1) { size *= 2 }
    self.size = size
    tree = [Double](repeating: -.infinity, count: 2 * size)
    for (index, value) in values.enumerated() { tree[size + index] = value }
    for node in stride(from: size - 1, to: 0, by: -1) { tree[node] = max(tree[2 * node], tree[2 * node + 1]) }
  }

  /// The first index `>= start` whose value is `> threshold`, if any.
  func first(from start: Int, above threshold: Double) -> Int? {
    guard start < count else { return nil }
    return search(node: 1, low: 0, high: size, start: max(start, 0), threshold: threshold)
  }

  private func search(node: Int, low: Int, high: Int, start: Int, threshold: Double) -> Int? {
    guard high > start, tree[node] > threshold else { return nil }
    if high - low == 1 { return low < count ? low : nil }
    let middle = (low + high) / 2
    return search(node: 2 * node, low: low, high: middle, start: start, threshold: threshold)
      ?? search(node: 2 * node + 1, low: middle, high: high, start: start, threshold: threshold)
  }
}
