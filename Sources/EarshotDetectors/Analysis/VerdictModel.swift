import EarshotModel
import EarshotText
import Foundation

/// The fitted reply-verdict model (`Lexicons/data/reply-verdicts.tsv`, written by
/// `Scripts/fit-reply-verdicts.py`): for a question and its reply burst, a multinomial logistic
/// regression over `VerdictFeatures` gives the probability of `answered`, `partial` and
/// `not_answered`, and a logistic regression gives the reply's usefulness (0–1).
///
/// A line of the file is `feature<TAB>answered<TAB>partial<TAB>not_answered<TAB>usefulness`: the
/// feature's weight in each class's score and in the usefulness score. Every feature of
/// `VerdictFeatures.names` must have exactly one line.
///
/// The reply's wording adds to the class scores too: `Lexicons/data/verdict-terms.tsv` holds, per
/// word or word pair of a reply (`TermBag`), its weight in each class's score
/// (`term<TAB>answered<TAB>partial<TAB>not_answered`), fitted jointly with the features.
public struct VerdictModel: Sendable {
  /// The replied verdicts the model chooses between, in column order.
  public static let classes: [AnswerVerdict] = [.answered, .partial, .notAnswered]

  /// Weights by class (`classes` order), each in `VerdictFeatures.names` order.
  let classWeights: [[Double]]
  /// Usefulness weights, in `VerdictFeatures.names` order.
  let usefulnessWeights: [Double]
  /// Per reply term (`TermBag` hash): the term as the file spells it and its weight in each
  /// class's score (`classes` order).
  let termWeights: TermWeights<SIMD3<Double>>

  /// The model's reading of one pair.
  public struct Prediction: Sendable {
    /// The most probable verdict.
    public var verdict: AnswerVerdict
    /// Probabilities of `classes`, in order.
    public var probabilities: [Double]
    /// How useful the reply is, 0–1.
    public var usefulness: Double
  }

  /// Builds the model from the entries of a model file; `file` names it in errors.
  ///
  /// - Throws: `LexiconError` naming the line of an unknown feature, a repeated one or a line
  ///   without four numbers, or (without a line) the features the file leaves out.
  public init(entries: [LexiconEntry], file: String, terms: [LexiconEntry] = [], termsFile: String = "") throws {
    let count = VerdictFeatures.names.count
    var columns = [[Double]](repeating: [Double](repeating: .nan, count: count), count: 4)
    var seen = Set<Int>()
    for entry in entries {
      func fail(_ message: String) -> LexiconError { LexiconError(file: file, line: entry.line, message: message) }
      guard let feature = VerdictFeatures.index[entry.term] else {
        throw fail(
          "unknown feature '\(entry.term)' (expected one of: \(VerdictFeatures.names.joined(separator: ", ")))")
      }
      guard seen.insert(feature).inserted else { throw fail("feature '\(entry.term)' appears twice") }
      let numbers = ([entry.value] + entry.extra.map { Double($0) }).compactMap { $0 }.filter(\.isFinite)
      guard numbers.count == 4, entry.extra.count == 3 else {
        throw fail("expected four numbers after the feature: answered, partial, not_answered, usefulness weights")
      }
      for column in 0..<4 { columns[column][feature] = numbers[column] }
    }
    let missing = VerdictFeatures.names.indices.filter { !seen.contains($0) }
    guard missing.isEmpty else {
      throw LexiconError(
        file: file, line: nil,
        message: "no weights for feature(s) \(missing.map { VerdictFeatures.names[$0] }.joined(separator: ", "))")
    }
    classWeights = Array(columns[0..<3])
    usefulnessWeights = columns[3]
    termWeights = try TermBag.weights(terms, columns: ["answered", "partial", "not_answered"], file: termsFile) {
      SIMD3($0[0], $0[1], $0[2])
    }
  }

  /// Loads the model shipped in `Lexicons/data`.
  ///
  /// - Throws: `LexiconError` when the file is missing or malformed.
  public static func loadDefault() throws -> VerdictModel {
    let name = "reply-verdicts.tsv"
    let termsName = "verdict-terms.tsv"
    return try VerdictModel(
      entries: try LexiconFile.loadDefault(name), file: name, terms: try LexiconFile.loadDefault(termsName),
      termsFile: termsName)
  }

  /// Loads a model written by `Scripts/fit-reply-verdicts.py` into `directory` (its
  /// `reply-verdicts.tsv` and `verdict-terms.tsv`), such as one fold's model of a cross-validation.
  ///
  /// - Throws: `LexiconError` when a file is missing or malformed.
  public static func load(directory: URL) throws -> VerdictModel {
    let model = directory.appendingPathComponent("reply-verdicts.tsv")
    let terms = directory.appendingPathComponent("verdict-terms.tsv")
    return try VerdictModel(
      entries: try LexiconFile.load(model), file: model.path, terms: try LexiconFile.load(terms),
      termsFile: terms.path)
  }

  /// The verdict, class probabilities and usefulness for a feature vector and the reply's terms
  /// (`TermBag`; the usefulness reads the features only).
  public func predict(_ values: [Double], terms: [Int] = []) -> Prediction {
    predict(values, wording: wording(terms))
  }

  /// The reply's terms' summed weights per class (`classes` order), added in the model file's order
  /// (`TermWeights.sum`) so that every run and every hash function gives the same bits; computed
  /// once per reply and shared by `predict` and `drivers`.
  public func wording(_ terms: [Int]) -> SIMD3<Double> {
    termWeights.sum(terms, zero: SIMD3<Double>()) { $0 + $1 }
  }

  /// ``predict(_:terms:)`` with the reply's summed term weights already computed (``wording(_:)``).
  public func predict(_ values: [Double], wording: SIMD3<Double>) -> Prediction {
    let scores = classScores(values, wording: wording)
    let top = scores.max() ?? 0
    let exponentials = scores.map { exp($0 - top) }
    let total = exponentials.reduce(0, +)
    let probabilities = exponentials.map { $0 / total }
    let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
    let usefulness = 1 / (1 + exp(-dot(usefulnessWeights, values)))
    return Prediction(verdict: Self.classes[best], probabilities: probabilities, usefulness: usefulness)
  }

  /// The features that pushed hardest toward `verdict` rather than the runner-up class, strongest
  /// first (features that are off, the bias and the question type are left out).
  ///
  /// The reply's wording counts as one signal, `wording`, whose value is its push; `wordingTerms`
  /// names the terms that pushed hardest.
  public func drivers(_ values: [Double], terms: [Int] = [], toward verdict: AnswerVerdict, limit: Int = 3) -> [(
    name: String, value: Double
  )] {
    drivers(values, wording: wording(terms), toward: verdict, limit: limit)
  }

  /// ``drivers(_:terms:toward:limit:)`` with the reply's summed term weights already computed.
  public func drivers(_ values: [Double], wording: SIMD3<Double>, toward verdict: AnswerVerdict, limit: Int = 3)
    -> [(name: String, value: Double)]
  {
    guard let chosen = Self.classes.firstIndex(of: verdict) else { return [] }
    let scores = classScores(values, wording: wording)
    let runnerUp = scores.indices.filter { $0 != chosen }.max { scores[$0] < scores[$1] } ?? chosen
    var pushes: [(Int, Double)] = []
    for (feature, value) in values.enumerated() where value != 0 {
      let name = VerdictFeatures.names[feature]
      if name == "bias" || name.hasPrefix("type_") { continue }
      let push = value * (classWeights[chosen][feature] - classWeights[runnerUp][feature])
      if push > 0.05 { pushes.append((feature, push)) }
    }
    let wordingPush = wording[chosen] - wording[runnerUp]
    // The wording sorts after every feature on ties (index past the last feature).
    if wordingPush > 0.05 { pushes.append((values.count, wordingPush)) }
    // Ties break by feature order, so the reason reads the same on every run.
    pushes.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return pushes.prefix(limit).map {
      $0.0 == values.count ? ("wording", $0.1) : (VerdictFeatures.names[$0.0], values[$0.0])
    }
  }

  /// The reply's terms that pushed hardest toward `verdict` rather than the runner-up class,
  /// strongest first, as the model file spells them.
  public func wordingTerms(_ values: [Double], terms: [Int], toward verdict: AnswerVerdict, limit: Int = 2)
    -> [String]
  {
    guard let chosen = Self.classes.firstIndex(of: verdict) else { return [] }
    let scores = classScores(values, wording: wording(terms))
    let runnerUp = scores.indices.filter { $0 != chosen }.max { scores[$0] < scores[$1] } ?? chosen
    let pushes = terms.compactMap { hash -> (String, Double)? in
      guard let entry = termWeights.index(of: hash) else { return nil }
      let push = termWeights.weights[entry][chosen] - termWeights.weights[entry][runnerUp]
      return push > 0.05 ? (termWeights.terms[entry], push) : nil
    }
    return pushes.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
  }

  /// Each class's score: the features' weighted sum plus the reply's summed term weights.
  private func classScores(_ values: [Double], wording: SIMD3<Double>) -> [Double] {
    var scores = classWeights.map { dot($0, values) }
    for column in scores.indices { scores[column] += wording[column] }
    return scores
  }

  private func dot(_ weights: [Double], _ values: [Double]) -> Double {
    var total = 0.0
    for index in weights.indices { total += weights[index] * values[index] }
    return total
  }
}
