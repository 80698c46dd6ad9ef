import EarshotScoring
import Foundation

/// Inline SVG charts for the HTML report: plain shapes and text, styled by the page's CSS, with
/// coordinates rounded to one decimal so the markup is stable for golden files.
enum SVGCharts {
  static let palette = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568"]

  static func n(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
  }

  /// Agents as bars of their small-sample-aware score, with the 95% interval of the raw mean as a
  /// whisker and the raw mean as a dot; each label links to the agent's section.
  static func ranking(_ standings: [AgentStanding], omitted: Int) -> String {
    let left = 290.0
    let plot = 560.0
    let rowHeight = 24.0
    let top = 34.0
    let rows = standings.count + (omitted > 0 ? 1 : 0)
    let height = top + Double(rows) * rowHeight + 16
    let width = left + plot + 180
    func x(_ score: Double) -> Double { left + plot * min(max(score, 0), 100) / 100 }
    var svg = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" "
        + "role=\"img\" aria-labelledby=\"ranking-title\">",
      "<title id=\"ranking-title\">Agent ranking: small-sample-aware score with the 95% interval of the mean</title>",
    ]
    for tick in stride(from: 0, through: 100, by: 20) {
      let tx = x(Double(tick))
      svg.append("<line class=\"grid\" x1=\"\(n(tx))\" y1=\"\(n(top - 6))\" x2=\"\(n(tx))\" y2=\"\(n(height - 12))\"/>")
      svg.append("<text x=\"\(n(tx))\" y=\"\(n(top - 12))\" text-anchor=\"middle\">\(tick)</text>")
    }
    var row = 0
    for (index, standing) in standings.enumerated() {
      if omitted > 0 && index == standings.count / 2 {
        let y = top + Double(row) * rowHeight + rowHeight / 2 + 4
        svg.append(
          "<text class=\"muted\" x=\"\(n(left + plot / 2))\" y=\"\(n(y))\" text-anchor=\"middle\">… \(omitted) agents "
            + "in the middle of the table are not drawn …</text>")
        row += 1
      }
      let y = top + Double(row) * rowHeight
      let middle = y + rowHeight / 2
      let label = standing.key.name + " · " + ListeningReport.companyName(standing.key.company)
      let totals = standing.totals
      svg.append(
        "<a href=\"#\(ListeningReport.anchor(standing.key))\"><text x=\"\(n(left - 8))\" y=\"\(n(middle + 4))\" "
          + "text-anchor=\"end\">\(HTMLText.escape(truncated(label, 38)))</text></a>")
      let barClass = standing.smallSample ? "bar small" : "bar"
      svg.append(
        "<rect class=\"\(barClass)\" x=\"\(n(left))\" y=\"\(n(y + 5))\" width=\"\(n(x(standing.shrunkScore) - left))\" "
          + "height=\"\(n(rowHeight - 10))\"><title>\(HTMLText.escape(label)): small-sample-aware score "
          + "\(ListeningReport.format(standing.shrunkScore)), \(totals.conversations) conversations</title></rect>")
      if let interval = totals.scoreInterval {
        let x1 = x(interval.lowerBound)
        let x2 = x(interval.upperBound)
        svg.append("<line class=\"whisker\" x1=\"\(n(x1))\" y1=\"\(n(middle))\" x2=\"\(n(x2))\" y2=\"\(n(middle))\"/>")
        for end in [x1, x2] {
          svg.append(
            "<line class=\"whisker\" x1=\"\(n(end))\" y1=\"\(n(middle - 5))\" x2=\"\(n(end))\" y2=\"\(n(middle + 5))\"/>"
          )
        }
      }
      if let mean = totals.meanScore {
        svg.append("<circle class=\"mean\" cx=\"\(n(x(mean)))\" cy=\"\(n(middle))\" r=\"3.5\"/>")
      }
      let flag = standing.smallSample ? " small sample" : ""
      svg.append(
        "<text x=\"\(n(left + plot + 8))\" y=\"\(n(middle + 4))\">\(ListeningReport.format(standing.shrunkScore)) "
          + "(n=\(totals.conversations))\(flag)</text>")
      row += 1
    }
    svg.append("</svg>")
    return svg.joined(separator: "\n")
  }

  /// Conversations per score bin.
  static func histogram(_ bins: [Int]) -> String {
    let left = 50.0
    let plotWidth = 600.0
    let plotHeight = 200.0
    let top = 20.0
    let width = left + plotWidth + 20
    let height = top + plotHeight + 40
    let maxCount = max(bins.max() ?? 0, 1)
    let step = niceStep(Double(maxCount) / 4)
    let yMax = (Double(maxCount) / step).rounded(.up) * step
    func y(_ count: Double) -> Double { top + plotHeight - plotHeight * count / yMax }
    var svg = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" "
        + "role=\"img\" aria-labelledby=\"histogram-title\">",
      "<title id=\"histogram-title\">Distribution of listening scores</title>",
    ]
    var tick = 0.0
    while tick <= yMax + 0.001 {
      svg.append(
        "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(y(tick)))\"/>"
      )
      svg.append("<text x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(n(tick))</text>")
      tick += step
    }
    let barWidth = plotWidth / Double(max(bins.count, 1))
    for (index, count) in bins.enumerated() {
      let bx = left + Double(index) * barWidth
      let low = 100 * index / max(bins.count, 1)
      let high = 100 * (index + 1) / max(bins.count, 1)
      svg.append(
        "<rect class=\"bar\" x=\"\(n(bx + 2))\" y=\"\(n(y(Double(count))))\" width=\"\(n(barWidth - 4))\" "
          + "height=\"\(n(top + plotHeight - y(Double(count))))\"><title>\(low)–\(high): \(count) conversations</title>"
          + "</rect>")
      if count > 0 {
        svg.append(
          "<text x=\"\(n(bx + barWidth / 2))\" y=\"\(n(y(Double(count)) - 4))\" text-anchor=\"middle\">\(count)</text>")
      }
      svg.append("<text x=\"\(n(bx))\" y=\"\(n(top + plotHeight + 16))\" text-anchor=\"middle\">\(low)</text>")
    }
    svg.append(
      "<text x=\"\(n(left + plotWidth))\" y=\"\(n(top + plotHeight + 16))\" text-anchor=\"middle\">100</text>")
    svg.append(
      "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(left + plotWidth))\" "
        + "y2=\"\(n(top + plotHeight))\"/>")
    svg.append(
      "<text class=\"muted\" x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 4))\" text-anchor=\"middle\">"
        + "listening score</text>")
    svg.append("</svg>")
    return svg.joined(separator: "\n")
  }

  /// Major and minor findings per detector, stacked.
  static func findings(_ tallies: [ListeningReport.FindingTally]) -> String {
    let left = 180.0
    let plot = 480.0
    let rowHeight = 24.0
    let top = 10.0
    let height = top + Double(tallies.count) * rowHeight + 30
    let width = left + plot + 160
    let maxTotal = Double(max(tallies.map { $0.major + $0.minor }.max() ?? 0, 1))
    var svg = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" "
        + "role=\"img\" aria-labelledby=\"findings-title\">",
      "<title id=\"findings-title\">Findings by kind (major and minor)</title>",
    ]
    for (index, tally) in tallies.enumerated() {
      let y = top + Double(index) * rowHeight
      let majorWidth = plot * Double(tally.major) / maxTotal
      let minorWidth = plot * Double(tally.minor) / maxTotal
      svg.append(
        "<text x=\"\(n(left - 8))\" y=\"\(n(y + rowHeight / 2 + 4))\" text-anchor=\"end\">"
          + "\(HTMLText.escape(tally.detector))</text>")
      svg.append(
        "<rect class=\"major\" x=\"\(n(left))\" y=\"\(n(y + 5))\" width=\"\(n(majorWidth))\" "
          + "height=\"\(n(rowHeight - 10))\"><title>\(tally.major) major</title></rect>")
      svg.append(
        "<rect class=\"minor\" x=\"\(n(left + majorWidth))\" y=\"\(n(y + 5))\" width=\"\(n(minorWidth))\" "
          + "height=\"\(n(rowHeight - 10))\"><title>\(tally.minor) minor</title></rect>")
      svg.append(
        "<text x=\"\(n(left + majorWidth + minorWidth + 6))\" y=\"\(n(y + rowHeight / 2 + 4))\">"
          + "\(tally.major) major, \(tally.minor) minor</text>")
    }
    let legendY = top + Double(tallies.count) * rowHeight + 16
    svg.append("<rect class=\"major\" x=\"\(n(left))\" y=\"\(n(legendY - 9))\" width=\"10\" height=\"10\"/>")
    svg.append("<text x=\"\(n(left + 14))\" y=\"\(n(legendY))\">major</text>")
    svg.append("<rect class=\"minor\" x=\"\(n(left + 70))\" y=\"\(n(legendY - 9))\" width=\"10\" height=\"10\"/>")
    svg.append("<text x=\"\(n(left + 84))\" y=\"\(n(legendY))\">minor</text>")
    svg.append("</svg>")
    return svg.joined(separator: "\n")
  }

  /// One line per company: mean score after each succeeded run.
  static func trend(_ points: [ListeningReport.TrendPoint]) -> String {
    let runs = Array(Set(points.map(\.runID))).sorted()
    let companies = Array(Set(points.map(\.company))).sorted()
    let left = 50.0
    let plotWidth = 640.0
    let plotHeight = 220.0
    let top = 16.0
    let legendWidth = 190.0
    let width = left + plotWidth + legendWidth
    let height = top + plotHeight + 52
    let means = points.map(\.meanScore)
    let low = max(0, (((means.min() ?? 0) - 5) / 10).rounded(.down) * 10)
    let high = min(100, (((means.max() ?? 100) + 5) / 10).rounded(.up) * 10)
    let span = max(high - low, 10)
    func x(_ run: Int64) -> Double {
      guard runs.count > 1, let index = runs.firstIndex(of: run) else { return left + plotWidth / 2 }
      // Inset the first and last runs so their dots clear the axis labels.
      return left + 24 + (plotWidth - 48) * Double(index) / Double(runs.count - 1)
    }
    func y(_ score: Double) -> Double { top + plotHeight - plotHeight * (score - low) / span }
    var svg = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" "
        + "role=\"img\" aria-labelledby=\"trend-title\">",
      "<title id=\"trend-title\">Mean listening score per company across nightly runs</title>",
    ]
    var tick = low
    while tick <= low + span + 0.001 {
      svg.append(
        "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(y(tick)))\"/>"
      )
      svg.append("<text x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(n(tick))</text>")
      tick += 10
    }
    let byRun = Dictionary(grouping: points, by: \.runID)
    let labelEvery = max(1, runs.count / 8)
    for (index, run) in runs.enumerated() where index % labelEvery == 0 || index == runs.count - 1 {
      let date = byRun[run]?.first.map { ListeningReport.day($0.finishedAt) } ?? ""
      svg.append(
        "<text x=\"\(n(x(run)))\" y=\"\(n(top + plotHeight + 18))\" text-anchor=\"middle\">run \(run)</text>")
      svg.append(
        "<text class=\"muted\" x=\"\(n(x(run)))\" y=\"\(n(top + plotHeight + 33))\" text-anchor=\"middle\">\(date)</text>"
      )
    }
    for (index, company) in companies.enumerated() {
      let color = palette[index % palette.count]
      let line = points.filter { $0.company == company }.sorted { $0.runID < $1.runID }
      if line.count > 1 {
        let coordinates = line.map { "\(n(x($0.runID))),\(n(y($0.meanScore)))" }.joined(separator: " ")
        svg.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(coordinates)\"/>")
      }
      for point in line {
        svg.append(
          "<circle cx=\"\(n(x(point.runID)))\" cy=\"\(n(y(point.meanScore)))\" r=\"3.5\" fill=\"\(color)\">"
            + "<title>\(HTMLText.escape(ListeningReport.companyName(company))), run \(point.runID): "
            + "\(ListeningReport.format(point.meanScore)) over \(point.conversations) conversations</title></circle>")
      }
      let legendY = top + 12 + Double(index) * 18
      svg.append(
        "<rect x=\"\(n(left + plotWidth + 20))\" y=\"\(n(legendY - 9))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
      )
      svg.append(
        "<text x=\"\(n(left + plotWidth + 38))\" y=\"\(n(legendY + 1))\">"
          + "\(HTMLText.escape(truncated(ListeningReport.companyName(company), 22)))</text>")
    }
    svg.append("</svg>")
    return svg.joined(separator: "\n")
  }

  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0 else { return 1 }
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw { return max(1, factor * magnitude) }
    return max(1, 10 * magnitude)
  }

  static func truncated(_ text: String, _ limit: Int) -> String {
    text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
  }
}

/// HTML escaping for text and attribute values.
enum HTMLText {
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }
}
