import EarshotModel
import EarshotScoring
import Foundation

/// Renders a ``ListeningReport`` as one self-contained HTML page with inline SVG charts.
public enum HTMLReport {
  /// The page.
  public static func render(_ report: ListeningReport) -> String {
    let standings = report.standings
    var body: [String] = []
    body.append("<header>")
    body.append("<h1>\(HTMLText.escape(report.title))</h1>")
    var meta = "Generated \(ListeningReport.timestamp(report.generatedAt))"
    if let run = report.latestRun {
      meta += " from run \(run.id), finished \(ListeningReport.timestamp(run.finishedAt)): \(run.summary)"
    }
    let conversations = report.aggregation.rows(.company).reduce(0) { $0 + $1.totals.conversations }
    meta += ". \(conversations) conversations, \(standings.count) agents."
    body.append("<p class=\"meta\">\(HTMLText.escape(meta))</p>")
    body.append(
      "<nav><a href=\"#ranking\">Agent ranking</a><a href=\"#distribution\">Score distribution</a>"
        + "<a href=\"#findings\">Findings</a><a href=\"#companies\">Companies</a>"
        + (report.centerRows.isEmpty ? "" : "<a href=\"#centers\">Centers</a>") + "<a href=\"#trends\">Trends</a>"
        + "<a href=\"#agents\">Agents</a></nav>")
    body.append("</header>")

    body.append("<section id=\"ranking\">")
    body.append("<h2>Agent ranking</h2>")
    body.append(
      "<p class=\"note\">Bars: the small-sample-aware score (the agent's mean shrunk toward the company mean), "
        + "used for ranking. Whiskers: 95% interval of the agent's mean; dot: the raw mean. Pale bars are small "
        + "samples (fewer than \(report.ranking.minimumConversations) conversations). Click a name for the agent's "
        + "worst conversations.</p>")
    if standings.isEmpty {
      body.append("<p>No agents yet.</p>")
    } else {
      let (shown, omitted) = report.chartStandings(standings)
      body.append(SVGCharts.ranking(shown, omitted: omitted))
      let (best, worst, between) = report.extremes(standings)
      if worst.isEmpty {
        body.append(agentTable(best.enumerated().map { ($0.offset + 1, $0.element) }))
      } else {
        body.append("<h3>The \(best.count) best and the \(worst.count) worst</h3>")
        body.append(
          agentTable(
            best.enumerated().map { ($0.offset + 1, $0.element) }
              + worst.enumerated().map { (standings.count - worst.count + $0.offset + 1, $0.element) },
            gapAfter: between > 0 ? best.count : nil, gapText: "\(between) more agents"))
        body.append(AgentSearchTable.render(standings))
      }
    }
    body.append("</section>")

    body.append("<section id=\"distribution\">")
    body.append("<h2>Score distribution</h2>")
    body.append(SVGCharts.histogram(report.scoreHistogram))
    body.append("</section>")

    body.append("<section id=\"findings\">")
    body.append("<h2>Findings by kind</h2>")
    let tallies = report.findings.filter { $0.major + $0.minor > 0 }
    body.append(tallies.isEmpty ? "<p>No findings.</p>" : SVGCharts.findings(tallies))
    body.append("</section>")

    body.append("<section id=\"companies\">")
    body.append("<h2>Companies</h2>")
    body.append(companyTable(report.aggregation))
    body.append("</section>")

    let centers = report.centerRows
    if !centers.isEmpty {
      body.append("<section id=\"centers\">")
      body.append("<h2>Centers</h2>")
      body.append(centerTable(centers))
      body.append("</section>")
    }

    body.append("<section id=\"trends\">")
    body.append("<h2>Trends across nightly runs</h2>")
    let runs = Set(report.trend.map(\.runID)).count
    if report.trend.isEmpty {
      body.append("<p>No succeeded nightly runs yet.</p>")
    } else {
      if runs < 2 { body.append("<p class=\"note\">Lines appear once there are two nightly runs.</p>") }
      body.append(SVGCharts.trend(report.trend))
    }
    body.append("</section>")

    body.append("<section id=\"agents\">")
    body.append("<h2>Agents and their worst conversations</h2>")
    let sectioned = report.sectionStandings(standings)
    if sectioned.count < standings.count {
      body.append(
        "<p class=\"note\">The \(report.extremeAgentCount) worst agents first, then the \(report.extremeAgentCount) best; "
          + "every agent is in the table above and in agents.csv.</p>")
    }
    for standing in sectioned {
      body.append(agentSection(standing, worst: report.worstConversations[standing.key] ?? []))
    }
    body.append("</section>")
    return ReportTemplate.render(title: HTMLText.escape(report.title), body: body.joined(separator: "\n"))
  }

  static func agentTable(
    _ ranked: [(rank: Int, standing: AgentStanding)], gapAfter: Int? = nil, gapText: String = ""
  ) -> String {
    var rows = [
      "<table>",
      "<tr><th>#</th><th class=\"text\">Agent</th><th class=\"text\">Company</th><th>Conversations</th>"
        + "<th>Ranked score</th><th>Mean</th><th>95% interval</th><th>Non-answers</th><th>Premature pitches</th>"
        + "<th>First-contact resolution</th></tr>",
    ]
    for (position, (rank, standing)) in ranked.enumerated() {
      if position == gapAfter {
        rows.append("<tr><td>…</td><td class=\"text\" colspan=\"9\">\(HTMLText.escape(gapText))</td></tr>")
      }
      let totals = standing.totals
      let interval =
        totals.scoreInterval.map { "\(ListeningReport.format($0.lowerBound))–\(ListeningReport.format($0.upperBound))" }
        ?? "–"
      let flag = standing.smallSample ? " <span class=\"flag\">small sample</span>" : ""
      rows.append(
        "<tr><td>\(rank)</td><td class=\"text\"><a href=\"#\(ListeningReport.anchor(standing.key))\">"
          + "\(HTMLText.escape(standing.key.name))</a>\(flag)</td><td class=\"text\">"
          + "\(HTMLText.escape(ListeningReport.companyName(standing.key.company)))</td><td>\(totals.conversations)</td>"
          + "<td>\(ListeningReport.format(standing.shrunkScore))</td><td>\(ListeningReport.format(totals.meanScore))</td>"
          + "<td>\(interval)</td><td>\(ListeningReport.percent(totals.nonAnswerRate))</td>"
          + "<td>\(ListeningReport.percent(totals.prematurePitchRate))</td>"
          + "<td>\(ListeningReport.resolutionPercent(totals.firstContactResolution))</td></tr>")
    }
    rows.append("</table>")
    return rows.joined(separator: "\n")
  }

  static func companyTable(_ aggregation: Aggregation) -> String {
    var rows = [
      "<table>",
      "<tr><th class=\"text\">Company</th><th>Conversations</th><th>Mean</th><th>95% interval</th>"
        + "<th>Non-answers</th><th>Premature pitches</th><th>Median first response</th><th>Promises kept</th>"
        + "<th>Customer sentiment change</th><th>First-contact resolution</th></tr>",
    ]
    for (key, totals) in aggregation.rows(.company) {
      let interval =
        totals.scoreInterval.map { "\(ListeningReport.format($0.lowerBound))–\(ListeningReport.format($0.upperBound))" }
        ?? "–"
      let firstResponse = totals.medianFirstResponse.map { ListeningReport.format($0, digits: 0) + " s" } ?? "–"
      rows.append(
        "<tr><td class=\"text\">\(HTMLText.escape(ListeningReport.companyName(key.company)))</td>"
          + "<td>\(totals.conversations)</td><td>\(ListeningReport.format(totals.meanScore))</td><td>\(interval)</td>"
          + "<td>\(ListeningReport.percent(totals.nonAnswerRate))</td>"
          + "<td>\(ListeningReport.percent(totals.prematurePitchRate))</td><td>\(firstResponse)</td>"
          + "<td>\(ListeningReport.percent(totals.promisesKeptRate))</td>"
          + "<td>\(ListeningReport.format(totals.meanSentimentChange, digits: 2))</td>"
          + "<td>\(ListeningReport.resolutionPercent(totals.firstContactResolution))</td></tr>")
    }
    rows.append("</table>")
    return rows.joined(separator: "\n")
  }

  /// The centers side by side: volume, score, first-contact resolution and main lapses.
  static func centerTable(_ centers: [(key: GroupKey, totals: GroupTotals)]) -> String {
    var rows = [
      "<p class=\"note\">Each support center as the <code>centers:</code> rules of the configuration assign "
        + "conversations, most conversations first. First-contact resolution: the share of conversations with a "
        + "known customer who did not come back about the same problem (centers.csv has every figure).</p>",
      "<table>",
      "<tr><th class=\"text\">Center</th><th>Conversations</th><th>Mean</th>"
        + "<th>95% interval</th><th>First-contact resolution</th><th>Non-answers</th><th class=\"text\">Main lapses</th>"
        + "</tr>",
    ]
    for (key, totals) in centers {
      let interval =
        totals.scoreInterval.map { "\(ListeningReport.format($0.lowerBound))–\(ListeningReport.format($0.upperBound))" }
        ?? "–"
      rows.append(
        "<tr><td class=\"text\">\(HTMLText.escape(key.name))</td><td>\(totals.conversations)</td><td>\(ListeningReport.format(totals.meanScore))</td><td>\(interval)</td>"
          + "<td>\(ListeningReport.resolutionPercent(totals.firstContactResolution))</td>"
          + "<td>\(ListeningReport.percent(totals.nonAnswerRate))</td>"
          + "<td class=\"text\">\(HTMLText.escape(ListeningReport.mainLapses(totals)))</td></tr>")
    }
    rows.append("</table>")
    return rows.joined(separator: "\n")
  }

  static func agentSection(_ standing: AgentStanding, worst: [ConversationResult]) -> String {
    let totals = standing.totals
    var parts = [
      "<div class=\"agent\" id=\"\(ListeningReport.anchor(standing.key))\">",
      "<h3>\(HTMLText.escape(standing.key.name)) · \(HTMLText.escape(ListeningReport.companyName(standing.key.company)))"
        + "</h3>",
      "<p class=\"meta\">\(totals.conversations) conversation\(totals.conversations == 1 ? "" : "s"), ranked score "
        + "\(ListeningReport.format(standing.shrunkScore)), mean \(ListeningReport.format(totals.meanScore))"
        + (standing.smallSample ? " <span class=\"flag\">small sample</span>" : "") + "</p>",
    ]
    for result in worst {
      parts.append("<div class=\"conversation\">")
      parts.append(
        "<div><span class=\"score\">\(ListeningReport.format(result.score.value))</span> · "
          + "<code>\(HTMLText.escape(result.conversationId))</code> · \(HTMLText.escape(result.channel)) · "
          + "<code>\(HTMLText.escape(result.sourceFile))</code></div>")
      let shown = ListeningReport.shownFindings(result)
      if shown.isEmpty { parts.append("<div class=\"note\">No findings.</div>") }
      for finding in shown.prefix(6) {
        parts.append(
          "<div class=\"finding\"><span class=\"sev \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span>"
            + "<strong>\(HTMLText.escape(finding.detector))</strong>: \(HTMLText.escape(finding.reason))</div>")
        for evidence in finding.evidence.prefix(3) {
          let note = evidence.note.map { ", " + $0 } ?? ""
          parts.append(
            "<blockquote><span class=\"who\">turn \(evidence.turn), \(HTMLText.escape(evidence.speaker)) "
              + "(\(evidence.role.rawValue)\(HTMLText.escape(note)))</span><br>“\(HTMLText.escape(evidence.span.text))”"
              + "</blockquote>")
        }
      }
      if shown.count > 6 { parts.append("<div class=\"note\">\(shown.count - 6) more findings.</div>") }
      parts.append("</div>")
    }
    parts.append("</div>")
    return parts.joined(separator: "\n")
  }
}
