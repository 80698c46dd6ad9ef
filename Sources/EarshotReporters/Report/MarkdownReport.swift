import EarshotModel
import EarshotScoring
import Foundation

/// Renders a ``ListeningReport`` as Markdown (tables, no charts), for review tools and e-mail.
public enum MarkdownReport {
  /// The document.
  public static func render(_ report: ListeningReport) -> String {
    let standings = report.standings
    var lines = ["# \(inline(report.title))", ""]
    var meta = "Generated \(ListeningReport.timestamp(report.generatedAt))"
    if let run = report.latestRun {
      meta += " from run \(run.id), finished \(ListeningReport.timestamp(run.finishedAt)): \(inline(run.summary))"
    }
    lines += [meta + ".", ""]

    lines += ["## Agent ranking", ""]
    let (best, worst, between) = report.extremes(standings)
    if !worst.isEmpty {
      lines += [
        "The \(best.count) best and the \(worst.count) worst of \(standings.count) agents; the full ranking is in "
          + "`agents.csv` beside this report.", "",
      ]
    }
    lines.append(
      "| # | Agent | Company | Conversations | Ranked score | Mean | 95% interval | First-contact resolution "
        + "| Small sample |")
    lines.append("|---:|---|---|---:|---:|---:|---|---:|---|")
    func row(_ rank: Int, _ standing: AgentStanding) -> String {
      let totals = standing.totals
      let interval =
        totals.scoreInterval.map { "\(ListeningReport.format($0.lowerBound))–\(ListeningReport.format($0.upperBound))" }
        ?? "–"
      return "| \(rank) | [\(cell(standing.key.name))](#\(ListeningReport.anchor(standing.key))) | "
        + "\(cell(ListeningReport.companyName(standing.key.company))) | \(totals.conversations) | "
        + "\(ListeningReport.format(standing.shrunkScore)) | \(ListeningReport.format(totals.meanScore)) | \(interval) | "
        + "\(ListeningReport.resolutionPercent(totals.firstContactResolution)) | \(standing.smallSample ? "yes" : "") |"
    }
    for (index, standing) in best.enumerated() { lines.append(row(index + 1, standing)) }
    if between > 0 { lines.append("| … | \(between) more agents | | | | | | | |") }
    for (index, standing) in worst.enumerated() {
      lines.append(row(standings.count - worst.count + index + 1, standing))
    }

    lines += ["", "## Score distribution", "", "| Score | Conversations |", "|---|---:|"]
    let bins = max(report.scoreHistogram.count, 1)
    for (index, count) in report.scoreHistogram.enumerated() {
      lines.append("| \(100 * index / bins)–\(100 * (index + 1) / bins) | \(count) |")
    }

    lines += ["", "## Findings by kind", "", "| Detector | Major | Minor |", "|---|---:|---:|"]
    for tally in report.findings where tally.major + tally.minor > 0 {
      lines.append("| \(cell(tally.detector)) | \(tally.major) | \(tally.minor) |")
    }

    lines += [
      "", "## Companies", "",
      "| Company | Conversations | Mean | 95% interval | Non-answers | Premature pitches | Promises kept "
        + "| First-contact resolution |",
      "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for (key, totals) in report.aggregation.rows(.company) {
      let interval =
        totals.scoreInterval.map { "\(ListeningReport.format($0.lowerBound))–\(ListeningReport.format($0.upperBound))" }
        ?? "–"
      lines.append(
        "| \(cell(ListeningReport.companyName(key.company))) | \(totals.conversations) | "
          + "\(ListeningReport.format(totals.meanScore)) | \(interval) | \(ListeningReport.percent(totals.nonAnswerRate)) | "
          + "\(ListeningReport.percent(totals.prematurePitchRate)) | \(ListeningReport.percent(totals.promisesKeptRate)) | "
          + "\(ListeningReport.resolutionPercent(totals.firstContactResolution)) |"
      )
    }

    lines += centers(report)

    lines += ["", "## Trends across nightly runs", ""]
    let runs = Array(Set(report.trend.map(\.runID))).sorted()
    let companies = Array(Set(report.trend.map(\.company))).sorted()
    if runs.isEmpty {
      lines.append("No succeeded nightly runs yet.")
    } else {
      lines.append(
        "| Run | Finished | " + companies.map { cell(ListeningReport.companyName($0)) }.joined(separator: " | ") + " |")
      lines.append("|---:|---|" + companies.map { _ in "---:|" }.joined())
      for run in runs {
        let points = report.trend.filter { $0.runID == run }
        let date = points.first.map { ListeningReport.day($0.finishedAt) } ?? ""
        let cells = companies.map { company in
          ListeningReport.format(points.first { $0.company == company }?.meanScore)
        }
        lines.append("| \(run) | \(date) | " + cells.joined(separator: " | ") + " |")
      }
    }

    lines += ["", "## Agents and their worst conversations"]
    for standing in report.sectionStandings(standings) {
      lines += [
        "", "<a id=\"\(ListeningReport.anchor(standing.key))\"></a>",
        "### \(inline(standing.key.name)) · \(inline(ListeningReport.companyName(standing.key.company)))", "",
        "\(plural(standing.totals.conversations, "conversation")), ranked score \(ListeningReport.format(standing.shrunkScore))"
          + (standing.smallSample ? " (small sample)" : "") + ".",
      ]
      for result in report.worstConversations[standing.key] ?? [] {
        lines += [
          "",
          "- **\(ListeningReport.format(result.score.value))** \(MarkdownText.code(result.conversationId)) "
            + "(\(inline(result.channel)), \(MarkdownText.code(result.sourceFile)))",
        ]
        for finding in ListeningReport.shownFindings(result).prefix(6) {
          lines.append(
            "  - \(finding.severity.rawValue) \(MarkdownText.code(finding.detector)): \(inline(finding.reason))")
          for evidence in finding.evidence.prefix(3) {
            lines.append(
              "    > turn \(evidence.turn), \(inline(evidence.speaker)): “\(inline(evidence.span.text))”"
            )
          }
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The centers side by side, or nothing when no center is configured.
  static func centers(_ report: ListeningReport) -> [String] {
    let rows = report.centerRows
    guard !rows.isEmpty else { return [] }
    var lines = [
      "", "## Centers", "",
      "| Center | Conversations | Mean | 95% interval | First-contact resolution | Non-answers | Main lapses |",
      "|---|---:|---:|---|---:|---:|---|",
    ]
    for (key, totals) in rows {
      let interval =
        totals.scoreInterval.map { "\(ListeningReport.format($0.lowerBound))–\(ListeningReport.format($0.upperBound))" }
        ?? "–"
      lines.append(
        "| \(cell(key.name)) | \(totals.conversations) | "
          + "\(ListeningReport.format(totals.meanScore)) | \(interval) | "
          + "\(ListeningReport.resolutionPercent(totals.firstContactResolution)) | \(ListeningReport.percent(totals.nonAnswerRate)) | "
          + "\(cell(ListeningReport.mainLapses(totals))) |")
    }
    return lines
  }

  /// A table cell's text (`|` is among the escaped characters).
  static func cell(_ text: String) -> String { MarkdownText.text(text) }

  /// Text outside code spans: see `MarkdownText.text`.
  static func inline(_ text: String) -> String { MarkdownText.text(text) }

  static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
