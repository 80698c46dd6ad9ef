import EarshotText

/// A fixed gradient-boosted tree ensemble (`Lexicons/data/reply-trees.tsv`): the sum of one leaf
/// value per tree, each leaf reached by comparing named inputs with thresholds. `ReplyRanker` feeds
/// it its features and its linear score, so the final score can follow interactions between
/// features that a weighted sum cannot (measured in `docs/evaluation.md`).
public struct ReplyTrees: Sendable {
  /// A split (`input` ≤ `value` goes to `below`, otherwise `above`) or a leaf worth `value` (`input` nil).
  struct Node: Sendable {
    var input: Int?
    var value: Double
    var below: Int
    var above: Int
  }

  var nodes: [Node] = []
  var roots: [Int] = []

  /// No trees: `isEmpty`, and `score` is 0.
  public static let empty = ReplyTrees()

  /// Whether there are no trees.
  public var isEmpty: Bool { roots.isEmpty }

  /// The number of trees.
  public var count: Int { roots.count }

  init() {}

  /// Builds the ensemble from the entries of a tree file; `inputs` names the values `score` gets.
  ///
  /// A line is `tree:node<TAB>leaf value`, or `tree:node<TAB>threshold<TAB>input<TAB>node if
  /// ≤<TAB>node if >`; each tree starts at its node 0 and children come after their parent.
  ///
  /// - Throws: `LexiconError` naming the line of an unknown input, a missing value or a child that
  ///   does not come later in the file (which could loop).
  public init(entries: [LexiconEntry], inputs: [String], file: String) throws {
    let inputIndex = Dictionary(inputs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let position = Dictionary(entries.enumerated().map { ($1.term, $0) }, uniquingKeysWith: { first, _ in first })
    for (index, entry) in entries.enumerated() {
      func fail(_ message: String) -> LexiconError { LexiconError(file: file, line: entry.line, message: message) }
      guard let value = entry.value else { throw fail("expected a number after the node id") }
      if entry.term.hasSuffix(":0") { roots.append(index) }
      if entry.extra.isEmpty {
        nodes.append(Node(input: nil, value: value, below: index, above: index))
        continue
      }
      guard entry.extra.count == 3 else { throw fail("expected threshold, input, node if ≤, node if >") }
      guard let input = inputIndex[entry.extra[0]] else { throw fail("unknown input '\(entry.extra[0])'") }
      guard let below = position[entry.extra[1]], let above = position[entry.extra[2]], below > index, above > index
      else { throw fail("children must be nodes later in the file") }
      nodes.append(Node(input: input, value: value, below: below, above: above))
    }
  }

  /// The ensemble's raw score (log-odds) for `values`, in the order of the `inputs` it was built with.
  public func score(_ values: [Double]) -> Double {
    var total = 0.0
    for root in roots {
      var index = root
      while let input = nodes[index].input {
        index = values[input] <= nodes[index].value ? nodes[index].below : nodes[index].above
      }
      total += nodes[index].value
    }
    return total
  }
}
