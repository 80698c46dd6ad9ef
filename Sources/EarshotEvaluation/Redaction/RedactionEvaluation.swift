import EarshotPrivacy
import Foundation

/// Recall and false positives of the redactor on generated samples (`earshot evaluate redaction`).
public enum RedactionEvaluation {
  /// Figures for one kind of personal data.
  public struct KindFigures: Sendable, Equatable {
    /// Spans of this kind in the samples.
    public var gold = 0
    /// Of those, spans fully covered by matches of this kind.
    public var found = 0
    /// Matches of this kind that cover no span of this kind.
    public var falsePositives = 0
    /// `found / gold` (1 when there is nothing to find).
    public var recall: Double { gold == 0 ? 1 : Double(found) / Double(gold) }
  }

  /// What the evaluation measured.
  public struct Result: Sendable {
    /// Samples evaluated.
    public var samples = 0
    /// Figures per built-in kind.
    public var kinds: [PIIKind: KindFigures] = [:]
    /// Hard negatives by category: how many, and how many no match touched.
    public var negatives: [String: (total: Int, intact: Int)] = [:]
    /// Missed spans, by kind and form (`phone es-national`): how many.
    public var missesByForm: [String: Int] = [:]
    /// One line per miss, false positive and damaged negative (for `--show-errors`).
    public var errors: [String] = []

    /// Hard negatives left untouched, over all categories.
    public var negativesIntact: Double {
      let total = negatives.values.reduce(0) { $0 + $1.total }
      return total == 0 ? 1 : Double(negatives.values.reduce(0) { $0 + $1.intact }) / Double(total)
    }
  }

  /// Runs `redactor` over `samples` and compares its matches with the labels.
  public static func evaluate(_ samples: [RedactionSample], redactor: Redactor) -> Result {
    var result = Result()
    result.samples = samples.count
    for kind in PIIKind.builtIn { result.kinds[kind] = KindFigures() }
    for (number, sample) in samples.enumerated() {
      let matches = redactor.matches(in: sample.text)
      for gold in sample.personal {
        result.kinds[gold.kind, default: KindFigures()].gold += 1
        if covers(matches.filter { $0.kind == gold.kind }, gold.range) {
          result.kinds[gold.kind, default: KindFigures()].found += 1
        } else {
          result.missesByForm["\(gold.kind) \(gold.form)", default: 0] += 1
          let found = matches.filter { $0.range.overlaps(gold.range) }.map { "\($0.kind) \(quote(sample, $0.range))" }
          result.errors.append(
            "miss  \(gold.kind) (\(gold.form)) \(quote(sample, gold.range)) in sample \(number): "
              + "\(quote(sample, 0..<sample.text.utf8.count))"
              + (found.isEmpty ? "" : " — matched instead: " + found.joined(separator: ", ")))
        }
      }
      for match in matches
      where !sample.personal.contains(where: { $0.kind == match.kind && $0.range.overlaps(match.range) }) {
        result.kinds[match.kind, default: KindFigures()].falsePositives += 1
        result.errors.append(
          "false \(match.kind) \(quote(sample, match.range)) in sample \(number): "
            + quote(sample, 0..<sample.text.utf8.count))
      }
      for negative in sample.negatives {
        let touched = matches.contains { $0.range.overlaps(negative.range) }
        var counts = result.negatives[negative.category] ?? (0, 0)
        counts.total += 1
        if !touched { counts.intact += 1 }
        result.negatives[negative.category] = counts
        if touched {
          result.errors.append(
            "harm  \(negative.category) \(quote(sample, negative.range)) in sample \(number): "
              + quote(sample, 0..<sample.text.utf8.count))
        }
      }
    }
    return result
  }

  /// Whether `matches` together cover every byte of `range`.
  static func covers(_ matches: [PIIMatch], _ range: Range<Int>) -> Bool {
    var position = range.lowerBound
    for match in matches.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
    where match.range.lowerBound <= position && match.range.upperBound > position {
      position = match.range.upperBound
    }
    return position >= range.upperBound
  }

  private static func quote(_ sample: RedactionSample, _ range: Range<Int>) -> String {
    let bytes = Array(sample.text.utf8)
    let text = String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    return "\"" + text.replacingOccurrences(of: "\n", with: "\\n") + "\""
  }

  /// The printed report: recall and false positives per kind, hard negatives intact per category,
  /// the forms missed most, and whether the issue-15 targets are met.
  public static func report(_ result: Result, seed: UInt64) -> String {
    var lines = ["Redaction on \(result.samples) generated support messages (seed \(seed))", ""]
    lines.append("kind      gold   found  recall  false positives")
    for kind in PIIKind.builtIn {
      let figures = result.kinds[kind] ?? KindFigures()
      lines.append(
        kind.description.padding(toLength: 8, withPad: " ", startingAt: 0)
          + String(format: "%6d  %6d  %6.3f  %6d", figures.gold, figures.found, figures.recall, figures.falsePositives))
    }
    let total = result.negatives.values.reduce(0) { $0 + $1.total }
    let intact = result.negatives.values.reduce(0) { $0 + $1.intact }
    lines += ["", String(format: "hard negatives left intact: %d of %d (%.3f)", intact, total, result.negativesIntact)]
    for category in result.negatives.keys.sorted() {
      let counts = result.negatives[category] ?? (0, 0)
      lines.append(
        "  " + category.padding(toLength: 14, withPad: " ", startingAt: 0) + "\(counts.intact)/\(counts.total)")
    }
    if !result.missesByForm.isEmpty {
      lines += ["", "misses by form:"]
      for (form, count) in result.missesByForm.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
        lines.append("  \(form): \(count)")
      }
    }
    let recall = { (kind: PIIKind) in result.kinds[kind]?.recall ?? 0 }
    let met =
      recall(.email) >= 0.99 && recall(.card) >= 0.99 && recall(.phone) >= 0.95 && result.negativesIntact >= 0.98
    lines += [
      "",
      "targets (issue 15): e-mail and card recall ≥ 0.99, phone ≥ 0.95, hard negatives intact ≥ 0.98: "
        + (met ? "met" : "NOT met"),
    ]
    return lines.joined(separator: "\n") + "\n"
  }
}

extension RedactionEvaluation {
  /// The redactor with the default settings (every built-in kind, no patterns), as Earshot runs by default.
  public static func defaultRedactor() throws -> Redactor { try Redactor() }
}
