import EarshotScoring
import Foundation

/// Every agent of the ranking in `report.html`, as compact data that a small inline script shows
/// in pages of 50 with a search box, so the page stays small (about 60 bytes an agent) however
/// many agents there are. Works offline; without scripts the note points to `agents.csv`.
enum AgentSearchTable {
  static func render(_ standings: [AgentStanding]) -> String {
    var rows: [String] = []
    rows.reserveCapacity(standings.count)
    for (index, standing) in standings.enumerated() {
      let totals = standing.totals
      let fields = [
        String(index + 1), json(standing.key.name), json(ListeningReport.companyName(standing.key.company)),
        String(totals.conversations), number(standing.shrunkScore), number(totals.meanScore),
        number(totals.scoreInterval?.lowerBound), number(totals.scoreInterval?.upperBound),
        number(totals.nonAnswerRate.map { $0 * 100 }, digits: 0),
        number(totals.prematurePitchRate.map { $0 * 100 }, digits: 0), standing.smallSample ? "1" : "0",
      ]
      rows.append("[" + fields.joined(separator: ",") + "]")
    }
    return """
      <details id="all-agents"><summary>All \(standings.count) agents: search and page through the ranking</summary>
      <p class="note">Type part of a name or a company. The same table is in agents.csv.</p>
      <input id="agent-filter" type="search" placeholder="Agent or company" aria-label="Filter agents">
      <table id="agent-rows"></table><p id="agent-pager" class="note"></p>
      <script type="application/json" id="agent-data">[\(rows.joined(separator: ",\n"))]</script>
      <script>
      \(script)
      </script>
      </details>
      """
  }

  /// Shows one page of the rows that match the filter; text goes in through `textContent`, never as HTML.
  static let script = """
    (function () {
      var data = JSON.parse(document.getElementById("agent-data").textContent);
      var table = document.getElementById("agent-rows"), pager = document.getElementById("agent-pager");
      var filter = document.getElementById("agent-filter"), page = 0, size = 50;
      var heads = ["#", "Agent", "Company", "Conversations", "Ranked score", "Mean", "95% interval",
        "Non-answers", "Premature pitches"];
      function cell(row, text, tag) { var c = document.createElement(tag || "td"); c.textContent = text;
        row.appendChild(c); return c; }
      function fixed(value) { return value === null ? "–" : value.toFixed(1); }
      function show() {
        var q = filter.value.toLowerCase(), hits = data.filter(function (r) {
          return !q || r[1].toLowerCase().indexOf(q) >= 0 || r[2].toLowerCase().indexOf(q) >= 0; });
        var pages = Math.max(1, Math.ceil(hits.length / size)); page = Math.min(page, pages - 1);
        table.textContent = ""; var head = table.insertRow();
        heads.forEach(function (h, i) { cell(head, h, "th").className = i === 1 || i === 2 ? "text" : ""; });
        hits.slice(page * size, page * size + size).forEach(function (r) {
          var row = table.insertRow();
          cell(row, r[0]); cell(row, r[1] + (r[10] ? " (small sample)" : "")).className = "text";
          cell(row, r[2]).className = "text"; cell(row, r[3]); cell(row, fixed(r[4])); cell(row, fixed(r[5]));
          cell(row, r[6] === null ? "–" : fixed(r[6]) + "–" + fixed(r[7]));
          cell(row, r[8] === null ? "–" : r[8] + "%"); cell(row, r[9] === null ? "–" : r[9] + "%");
        });
        pager.textContent = "";
        var prev = document.createElement("button"), next = document.createElement("button");
        prev.textContent = "Previous"; next.textContent = "Next";
        prev.disabled = page === 0; next.disabled = page >= pages - 1;
        prev.onclick = function () { page--; show(); }; next.onclick = function () { page++; show(); };
        pager.appendChild(prev);
        pager.appendChild(document.createTextNode(" page " + (page + 1) + " of " + pages + ", " + hits.length +
          " agents "));
        pager.appendChild(next);
      }
      filter.oninput = function () { page = 0; show(); };
      show();
    })();
    """

  /// A JSON string that cannot end the script element it sits in.
  static func json(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  static func number(_ value: Double?, digits: Int = 1) -> String {
    guard let value, value.isFinite else { return "null" }
    return ListeningReport.format(value, digits: digits)
  }
}
