import EarshotModel
import Foundation

/// Extracts agent promises with their deadlines and judges them kept, broken, open or vague.
public struct PromiseDetector: Detector {
  public static let description = DetectorDescription(
    identifier: "promise",
    name: "Promise",
    rationale: "A promise with a deadline is a commitment the customer plans around; \"shortly\" is not one, "
      + "and a missed deadline breaks trust.",
    category: .promises,
    triggeringExamples: [
      """
      [2024-03-01 09:00] Customer: My replacement phone never arrived.
      [2024-03-01 09:05] Agent: I'll call you back within 24 hours with the tracking number.
      [2024-03-04 10:00] Customer: Nobody called me. Still no phone.
      """,
      """
      Customer: Can someone check my account?
      Agent: We will get back to you shortly.
      """,
    ],
    nonTriggeringExamples: [
      """
      [2024-03-01 09:00] Customer: My replacement phone never arrived.
      [2024-03-01 09:05] Agent: I'll call you back within 24 hours with the tracking number.
      [2024-03-01 15:00] Agent: As promised: tracking number 1Z999 shows delivery tomorrow.
      """
    ])

  public let configuration: BasicDetectorConfiguration

  public init(configuration: BasicDetectorConfiguration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    var result: [Finding] = []
    var follow = FollowUpIndex(conversation)
    for turn in conversation.turns where turn.role.isCompanySide {
      let text = conversation.texts[turn.index]
      for opener in conversation.resources.lexicons.promises.matches(in: text) {
        guard let sentence = text.sentences.first(where: { $0.tokenRange.contains(opener.tokenRange.lowerBound) })
        else { continue }
        let words = text.tokens[opener.tokenRange.upperBound..<sentence.tokenRange.upperBound]
          .filter { $0.kind == .word || $0.kind == .number }
          .map { text.string($0).lowercased() }
        // "DM us and we'll look into this together" hands the conversation over; it commits to nothing.
        if words.last == "together" { continue }
        let promiseRange = opener.byteRange.lowerBound..<sentence.byteRange.upperBound
        let evidence = Evidence(turn: turn, range: promiseRange, note: "promise")
        let deadline = DeadlineParser.deadline(in: words)
        if deadline == nil || { if case .vague = deadline { return true } else { return false } }() {
          result.append(
            judgeWithoutDeadline(turn, deadline, evidence, kind: opener.value, in: conversation, follow: &follow))
          continue
        }
        guard let deadline else { continue }
        result.append(judge(turn, deadline, evidence, kind: opener.value, in: conversation, follow: &follow))
      }
    }
    return result
  }

  /// A promise without a deadline ("we'll look into it", "shortly"): minor for the vagueness, and
  /// judged from what follows: a later follow-up by the company keeps it, a customer still
  /// complaining without one breaks it.
  private func judgeWithoutDeadline(
    _ turn: Turn, _ deadline: PromiseDeadline?, _ evidence: Evidence, kind: String,
    in conversation: AnalyzedConversation, follow: inout FollowUpIndex
  ) -> Finding {
    let phrase = deadline?.phrase
    var attributes = ["promise_kind": kind, "vague": "true"]
    if let phrase { attributes["deadline"] = phrase }
    // Followed up: a company-side turn after the customer spoke again, or one at least ten minutes
    // after the promise.
    var followedUp = false
    if let firstCustomerAfter = follow.firstCustomer(after: turn.index),
      follow.lastCompanyPosition > firstCustomerAfter
    {
      followedUp = true
    } else if let made = TimestampBounds.checked(turn.timestamp) {
      followedUp = follow.companyTimes(after: turn.index).latest - made.timeIntervalSinceReferenceDate >= 600
    }
    let what = phrase.map { "\"\($0)\" sets no deadline" } ?? "it sets no deadline"
    if followedUp {
      attributes[Finding.AttributeName.promiseStatus] = PromiseStatus.kept.rawValue
      return finding(
        .minor, "Vague promise, later followed up: \(what) the customer can hold the company to.",
        [evidence], attributes)
    }
    if let unhappyPosition = follow.firstUnhappyCustomer(after: turn.index) {
      let unhappy = conversation.turns[unhappyPosition]
      attributes[Finding.AttributeName.promiseStatus] = PromiseStatus.broken.rawValue
      let range = conversation.texts[unhappy.index].sentences.first?.byteRange ?? 0..<0
      return finding(
        .major, "Vague promise not kept: \(what), and the customer was still waiting.",
        [evidence, Evidence(turn: unhappy, range: range, note: "customer still waiting")], attributes)
    }
    attributes[Finding.AttributeName.promiseStatus] = PromiseStatus.open.rawValue
    return finding(.minor, "Vague promise: \(what) the customer can hold the company to.", [evidence], attributes)
  }

  private func judge(
    _ turn: Turn, _ deadline: PromiseDeadline, _ evidence: Evidence, kind: String,
    in conversation: AnalyzedConversation,
    follow: inout FollowUpIndex
  ) -> Finding {
    var attributes = ["promise_kind": kind, "deadline": deadline.phrase]
    guard let made = TimestampBounds.checked(turn.timestamp), let due = dueDate(deadline, from: made) else {
      // Without timestamps the deadline cannot be checked: judge from what follows, as for a vague one.
      var judged = judgeWithoutDeadline(turn, deadline, evidence, kind: kind, in: conversation, follow: &follow)
      judged.attributes["vague"] = nil
      let status = judged.promiseStatus ?? .open
      if status != .broken {
        judged.severity = .info
        judged.reason =
          "Promise \"\(deadline.phrase)\" \(status == .kept ? "followed up later" : "still open when the transcript ends"); without timestamps its deadline cannot be checked."
      }
      return judged
    }
    attributes["due"] = ISO8601DateFormatter().string(from: due)
    if follow.companyTimes(after: turn.index).earliest <= due.timeIntervalSinceReferenceDate {
      attributes[Finding.AttributeName.promiseStatus] = PromiseStatus.kept.rawValue
      return finding(
        .info, "Promise \"\(deadline.phrase)\" kept: the company followed up in time.", [evidence], attributes)
    }
    if let overduePosition = follow.firstTurn(after: turn.index, laterThan: due.timeIntervalSinceReferenceDate) {
      let overdue = conversation.turns[overduePosition]
      attributes[Finding.AttributeName.promiseStatus] = PromiseStatus.broken.rawValue
      let range = conversation.texts[overdue.index].sentences.first?.byteRange ?? 0..<0
      return finding(
        .major, "Promise \"\(deadline.phrase)\" broken: no follow-up before the deadline.",
        [evidence, Evidence(turn: overdue, range: range, note: "first message after the deadline")], attributes)
    }
    attributes[Finding.AttributeName.promiseStatus] = PromiseStatus.open.rawValue
    return finding(.info, "Promise \"\(deadline.phrase)\" still open when the transcript ends.", [evidence], attributes)
  }

  /// When the promise falls due; nil when there is no deadline or it lies outside `TimestampBounds`
  /// ("within 99999999999999999999 days" must not reach the calendar or the date formatter).
  private func dueDate(_ deadline: PromiseDeadline, from made: Date) -> Date? {
    TimestampBounds.checked(unboundedDueDate(deadline, from: made))
  }

  private func unboundedDueDate(_ deadline: PromiseDeadline, from made: Date) -> Date? {
    switch deadline {
    case .after(let seconds, _):
      return made.addingTimeInterval(seconds)
    case .weekday(let weekday, _):
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
      let today = calendar.component(.weekday, from: made) - 1
      var days = (weekday - today + 7) % 7
      if days == 0 { days = 7 }
      let startOfDay = calendar.startOfDay(for: made)
      return startOfDay.addingTimeInterval(TimeInterval(days + 1) * 86_400)
    case .vague:
      return nil
    }
  }
}
