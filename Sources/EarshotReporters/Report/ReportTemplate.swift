/// The HTML skeleton and style sheet of `report.html`, kept apart from the code that fills them.
///
/// Everything is inline: no network, no external fonts, scripts or images, so the page opens
/// offline and can be mailed as one file. `{{title}}`, `{{style}}` and `{{body}}` are replaced.
enum ReportTemplate {
  static let page = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="earshot">
    <title>{{title}}</title>
    <style>
    {{style}}
    </style>
    </head>
    <body>
    {{body}}
    </body>
    </html>

    """

  static let style = """
    :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #ffffff; --panel: #f5f7fa;
      --good: #2f855a; --mid: #b7791f; --bad: #c53030; --accent: #2b6cb0; }
    * { box-sizing: border-box; }
    body { margin: 0; padding: 24px 32px 64px; color: var(--ink); background: var(--bg);
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    header { border-bottom: 2px solid var(--line); margin-bottom: 16px; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    h3 { font-size: 16px; margin: 20px 0 6px; }
    .meta { color: var(--muted); margin: 0 0 12px; }
    nav { margin: 8px 0 0; padding-bottom: 12px; }
    nav a { margin-right: 14px; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    .note { color: var(--muted); font-size: 13px; }
    svg { display: block; max-width: 100%; height: auto; }
    svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
    svg .axis { stroke: #9aa5b1; stroke-width: 1; }
    svg .grid { stroke: var(--line); stroke-width: 1; }
    svg .bar { fill: var(--accent); }
    svg .bar.small { fill: #90b4de; }
    svg .whisker { stroke: var(--ink); stroke-width: 1.5; }
    svg .mean { fill: #ffffff; stroke: var(--ink); stroke-width: 1.5; }
    svg .major { fill: var(--bad); }
    svg .minor { fill: var(--mid); }
    svg .muted { fill: var(--muted); }
    table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
    th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: right; vertical-align: top; }
    th { background: var(--panel); }
    th:first-child, td:first-child, td.text, th.text { text-align: left; }
    td:first-child { white-space: nowrap; }
    .flag { display: inline-block; padding: 0 6px; border-radius: 8px; background: #fefcbf; color: #744210;
      font-size: 11px; }
    .agent { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 8px; margin: 12px 0;
      background: var(--panel); }
    .conversation { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 8px 12px;
      margin: 8px 0; }
    .conversation .score { font-weight: 600; }
    .finding { margin: 6px 0 6px 8px; }
    .sev { display: inline-block; min-width: 44px; text-align: center; border-radius: 3px; color: #fff;
      font-size: 11px; padding: 0 4px; margin-right: 6px; }
    .sev.major { background: var(--bad); }
    .sev.minor { background: var(--mid); }
    blockquote { margin: 2px 0 2px 56px; padding: 2px 10px; border-left: 3px solid var(--line); color: #323f4b; }
    blockquote .who { color: var(--muted); font-size: 12px; }
    code { font-size: 12px; }
    @media print { body { padding: 0; } .agent { break-inside: avoid; } }
    """

  /// The page with its parts filled in (`title` must already be escaped).
  static func render(title: String, body: String) -> String {
    page.replacingOccurrences(of: "{{style}}", with: style).replacingOccurrences(of: "{{title}}", with: title)
      .replacingOccurrences(of: "{{body}}", with: body)
  }
}
