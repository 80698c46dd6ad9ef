import EarshotModel
import EarshotText

/// Points per unit of each lapse: the calibrated listening-score model
/// (`Lexicons/data/listening-weights.tsv`, fitted by `Scripts/fit-listening-score.py`).
public struct ListeningWeights: Codable, Sendable, Hashable {
  /// Points per unit, by lapse name (`verdict.not_answered`, `finding.promise.major`,
  /// `category.timing.major` as the fallback for a detector's findings the file does not list).
  public var points: [String: Double]

  /// Creates weights from a table.
  public init(points: [String: Double]) {
    self.points = points
  }

  /// Points per unit of `lapse`: its own row, else (for findings) its category's fallback row, else 0.
  public func points(for lapse: Lapse) -> Double {
    if let points = points[lapse.name] { return points }
    if let severity = lapse.severity {
      return points[ListeningLapses.categoryLapse(lapse.category, severity: severity)] ?? 0
    }
    return 0
  }

  /// The shipped model, read once per process.
  public static let shipped: ListeningWeights = {
    do {
      return try load(LexiconFile.loadDefault(file))
    } catch {
      // The file is part of the build; a broken one is a packaging defect, not bad input.
      fatalError("\(error)")
    }
  }()

  /// The bundled file's name.
  public static let file = "listening-weights.tsv"

  /// Reads `lapse<TAB>points[<TAB>note…]` entries.
  ///
  /// - Throws: `LexiconError` naming the line of an entry without a number of at least 0.
  public static func load(_ entries: [LexiconEntry]) throws -> ListeningWeights {
    var points: [String: Double] = [:]
    for entry in entries {
      guard let value = entry.value, value >= 0, value.isFinite else {
        throw LexiconError(file: file, line: entry.line, message: "expected points of at least 0 after the lapse name")
      }
      points[entry.term] = value
    }
    return ListeningWeights(points: points)
  }
}
