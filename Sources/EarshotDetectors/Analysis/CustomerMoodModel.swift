import EarshotText

/// The fitted customer-mood model (`Lexicons/data/customer-mood.tsv`, written by
/// `Scripts/fit-customer-mood.py`): a linear model over `CustomerMoodFeatures` that reads the
/// customer's sentiment at their first and at their last turn on the labeling guide's scale
/// (−2…+2, divided by 2 so that it shares the −1…1 range of a lexicon compound).
///
/// A line of the file is `feature<TAB>start<TAB>end`: the feature's weight when reading the first
/// turn and when reading the last. Every feature of `CustomerMoodFeatures.names` must have exactly
/// one line.
///
/// The turn's wording adds to the mood too: `Lexicons/data/customer-mood-terms.tsv` holds, per word
/// or neighbouring pair of words (`TermBag`), its start and end weight (`term<TAB>start<TAB>end`),
/// fitted jointly with the features.
public struct CustomerMoodModel: Sendable {
  /// Weights for the first turn, in `CustomerMoodFeatures.names` order.
  let startWeights: [Double]
  /// Weights for the last turn, in `CustomerMoodFeatures.names` order.
  let endWeights: [Double]
  /// Per term (`TermBag` hash): the term as the file spells it, its start and its end weight.
  let termWeights: TermWeights<SIMD2<Double>>

  /// Builds the model from the entries of a model file; `file` names it in errors.
  ///
  /// - Throws: `LexiconError` naming the line of an unknown feature, a repeated one or a line
  ///   without two numbers, or (without a line) the features the file leaves out.
  public init(entries: [LexiconEntry], file: String, terms: [LexiconEntry] = [], termsFile: String = "") throws {
    let count = CustomerMoodFeatures.names.count
    var start = [Double](repeating: .nan, count: count)
    var end = [Double](repeating: .nan, count: count)
    var seen = Set<Int>()
    for entry in entries {
      func fail(_ message: String) -> LexiconError { LexiconError(file: file, line: entry.line, message: message) }
      guard let feature = CustomerMoodFeatures.index[entry.term] else {
        throw fail(
          "unknown feature '\(entry.term)' (expected one of: \(CustomerMoodFeatures.names.joined(separator: ", ")))")
      }
      guard seen.insert(feature).inserted else { throw fail("feature '\(entry.term)' appears twice") }
      let numbers = ([entry.value] + entry.extra.map { Double($0) }).compactMap { $0 }.filter(\.isFinite)
      guard numbers.count == 2, entry.extra.count == 1 else {
        throw fail("expected two numbers after the feature: its start and end weights")
      }
      start[feature] = numbers[0]
      end[feature] = numbers[1]
    }
    let missing = CustomerMoodFeatures.names.indices.filter { !seen.contains($0) }
    guard missing.isEmpty else {
      throw LexiconError(
        file: file, line: nil,
        message: "no weights for feature(s) \(missing.map { CustomerMoodFeatures.names[$0] }.joined(separator: ", "))")
    }
    startWeights = start
    endWeights = end
    termWeights = try TermBag.weights(terms, columns: ["start", "end"], file: termsFile) {
      SIMD2($0[0], $0[1])
    }
  }

  /// Loads the model shipped in `Lexicons/data`.
  ///
  /// - Throws: `LexiconError` when the file is missing or malformed.
  public static func loadDefault() throws -> CustomerMoodModel {
    let name = "customer-mood.tsv"
    let termsName = "customer-mood-terms.tsv"
    return try CustomerMoodModel(
      entries: try LexiconFile.loadDefault(name), file: name, terms: try LexiconFile.loadDefault(termsName),
      termsFile: termsName)
  }

  /// The mood (−1…1) read from a first turn's features and terms (`TermBag.hashes`).
  public func start(_ values: [Double], terms: [Int] = []) -> Double {
    clamp(dot(startWeights, values) + wording(terms, column: 0))
  }

  /// The mood (−1…1) read from a last turn's features and terms (`TermBag.hashes`).
  public func end(_ values: [Double], terms: [Int] = []) -> Double {
    clamp(dot(endWeights, values) + wording(terms, column: 1))
  }

  /// The summed weights of the terms in one column, in the model file's order (`TermWeights.sum`).
  private func wording(_ terms: [Int], column: Int) -> Double {
    termWeights.sum(terms, zero: 0.0) { $0 + $1[column] }
  }

  private func clamp(_ value: Double) -> Double { min(1, max(-1, value)) }

  private func dot(_ weights: [Double], _ values: [Double]) -> Double {
    var total = 0.0
    for index in weights.indices where index < values.count { total += weights[index] * values[index] }
    return total
  }
}
