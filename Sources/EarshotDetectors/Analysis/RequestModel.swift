import EarshotText
import Foundation

/// The fitted implicit-request model (`Lexicons/data/implicit-requests.tsv`, written by
/// `Scripts/fit-implicit-requests.py`): a logistic regression over `RequestFeatures` that says
/// whether a run of customer turns without an explicit question is the guide's implicit request
/// (a complaint about a concrete problem the customer wants acted on). The decision threshold is
/// folded into the bias: the run is a request when the score is above 0.
///
/// A line of the file is `feature<TAB>weight`; every feature of `RequestFeatures.names` must have
/// exactly one line.
public struct RequestModel: Sendable {
  /// Weights in `RequestFeatures.names` order.
  let weights: [Double]

  /// Builds the model from the entries of a model file; `file` names it in errors.
  ///
  /// - Throws: `LexiconError` naming the line of an unknown feature, a repeated one or a line
  ///   without a number, or (without a line) the features the file leaves out.
  public init(entries: [LexiconEntry], file: String) throws {
    var weights = [Double](repeating: .nan, count: RequestFeatures.names.count)
    var seen = Set<Int>()
    for entry in entries {
      func fail(_ message: String) -> LexiconError { LexiconError(file: file, line: entry.line, message: message) }
      guard let feature = RequestFeatures.index[entry.term] else {
        throw fail(
          "unknown feature '\(entry.term)' (expected one of: \(RequestFeatures.names.joined(separator: ", ")))")
      }
      guard seen.insert(feature).inserted else { throw fail("feature '\(entry.term)' appears twice") }
      guard let value = entry.value, value.isFinite, entry.extra.isEmpty else {
        throw fail("expected one number after the feature: its weight")
      }
      weights[feature] = value
    }
    let missing = RequestFeatures.names.indices.filter { !seen.contains($0) }
    guard missing.isEmpty else {
      throw LexiconError(
        file: file, line: nil,
        message: "no weight for feature(s) \(missing.map { RequestFeatures.names[$0] }.joined(separator: ", "))")
    }
    self.weights = weights
  }

  /// Loads the model shipped in `Lexicons/data`.
  ///
  /// - Throws: `LexiconError` when the file is missing or malformed.
  public static func loadDefault() throws -> RequestModel {
    let name = "implicit-requests.tsv"
    return try RequestModel(entries: try LexiconFile.loadDefault(name), file: name)
  }

  /// The score of a feature vector: above 0 is a request.
  public func score(_ values: [Double]) -> Double {
    var total = 0.0
    for index in weights.indices where index < values.count { total += weights[index] * values[index] }
    return total
  }
}
