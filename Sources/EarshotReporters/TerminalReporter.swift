import EarshotModel
import EarshotScoring
import Foundation

/// The human-readable view of one scored conversation for `earshot score`: the turns, every
/// finding with the words that triggered it, and the score with its breakdown.
public struct TerminalReporter: Sendable {
  /// Whether to use ANSI colors.
  public var colors: Bool
  /// Longest turn text shown before it is shortened.
  public var maxTurnLength: Int

  /// Creates a reporter.
  public init(colors: Bool, maxTurnLength: Int = 160) {
    self.colors = colors
    self.maxTurnLength = maxTurnLength
  }

  /// Renders `result` of `conversation`.
  public func render(_ result: ConversationResult, conversation: Conversation) -> String {
    var out = ""
    let company = conversation.company.map { ", \($0)" } ?? ""
    out +=
      bold("Conversation \(conversation.id)") + " (\(conversation.channel)\(company)) — \(conversation.sourceFile)\n"
    if result.rolesGuessed { out += dim("  roles were guessed: the first speaker is taken as the customer") + "\n" }
    out += "\n" + bold("Turns") + "\n"
    let flagged = Set(result.findings.filter { $0.severity != .info }.flatMap { $0.evidence.map(\.turn) })
    for turn in conversation.turns {
      let name = conversation.participant(withID: turn.speaker)?.name ?? turn.speaker
      let time = turn.timestamp.map { "[" + Self.timeFormatter.string(from: $0) + "] " } ?? ""
      var text = turn.text.replacingOccurrences(of: "\n", with: " ")
      if text.count > maxTurnLength { text = String(text.prefix(maxTurnLength)) + "…" }
      let marker = flagged.contains(turn.index) ? color("!", code: 31) : " "
      let role = turn.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
      out += "\(marker)\(String(turn.index).leftPadded(3))  \(role) \(name): \(time)\(text)\n"
    }
    out += "\n" + bold("Findings") + "\n"
    if result.findings.isEmpty { out += "  none\n" }
    for finding in result.findings.sorted(by: { ($0.severity, $1.detector) > ($1.severity, $0.detector) }) {
      let severity = finding.severity.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
      let tint = finding.severity == .major ? 31 : finding.severity == .minor ? 33 : 36
      out += "  " + color(severity, code: tint) + "  " + bold(finding.detector) + "  " + finding.reason + "\n"
      for evidence in finding.evidence {
        let note = evidence.note.map { "\($0), " } ?? ""
        out += dim("         \(note)turn \(evidence.turn) (\(evidence.role.rawValue) \(evidence.speaker)): ")
        out += "\"" + evidence.span.text.replacingOccurrences(of: "\n", with: " ") + "\"\n"
      }
    }
    out += "\n" + bold("Listening score: " + String(format: "%.1f", result.score.value) + " / 100") + "\n"
    for component in result.score.breakdown {
      let category = component.category.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
      let weight = String(format: "%3.0f%%", component.weight * 100)
      let lost = component.pointsLost > 0 ? color(String(format: "-%.1f", component.pointsLost), code: 31) : "  0.0"
      out += "  \(category) weight \(weight)  score \(String(format: "%5.1f", component.score))  \(lost)"
      out += component.findings > 0 ? "  (\(component.findings) finding\(component.findings == 1 ? "" : "s"))\n" : "\n"
      for lapse in component.lapses where lapse.pointsLost >= 0.05 {
        out +=
          dim(
            "      \(lapse.lapse) × \(String(format: "%.2f", lapse.amount)) at "
              + String(format: "%.1f", lapse.pointsPerUnit) + " = -" + String(format: "%.1f", lapse.pointsLost))
          + "\n"
      }
    }
    return out
  }

  private static let timeFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter
  }()

  private func bold(_ text: String) -> String { colors ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
  private func dim(_ text: String) -> String { colors ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
  private func color(_ text: String, code: Int) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
