import EarshotModel
import Foundation

/// Measures first response and every customer wait against the standards for the channel.
public struct ResponseTimeDetector: Detector {
  /// Response-time standards for one channel, in seconds.
  public struct Standard: Codable, Sendable, Hashable {
    /// Longest acceptable wait for the first reply.
    public var firstResponse: Double
    /// Longest acceptable wait for any later reply.
    public var reply: Double

    /// Creates a standard.
    public init(firstResponse: Double, reply: Double) {
      self.firstResponse = firstResponse
      self.reply = reply
    }
  }

  /// Settings: the standards per channel (`earshot.yml` top-level `standards:` sets them).
  public struct Configuration: DetectorConfiguration {
    /// Whether the detector runs.
    public var enabled = true
    /// Standards by channel name; `default` applies to channels not listed.
    public var standards: [String: Standard] = [
      "chat": Standard(firstResponse: 120, reply: 300),
      "social": Standard(firstResponse: 3600, reply: 3600),
      "email": Standard(firstResponse: 86_400, reply: 86_400),
      "forum": Standard(firstResponse: 86_400, reply: 86_400),
      "default": Standard(firstResponse: 86_400, reply: 86_400),
    ]
    /// Creates the defaults.
    public init() {}
  }

  public static let description = DetectorDescription(
    identifier: "response_time",
    name: "Slow response",
    rationale: "\"Promptly\" is useless: replies are measured against the configured standard for the channel.",
    category: .responsiveness,
    triggeringExamples: [
      """
      # channel: chat
      [2024-03-01 10:00] Customer: Hello, is anyone there? My payment failed.
      [2024-03-01 10:25] Agent: Hi, sorry for the wait. Let me check the payment.
      """
    ],
    nonTriggeringExamples: [
      """
      # channel: chat
      [2024-03-01 10:00] Customer: Hello, my payment failed.
      [2024-03-01 10:01] Agent: Hi! Let me check the payment for you.
      """
    ])

  public let configuration: Configuration

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    guard
      let standard = configuration.standards[conversation.conversation.channel.rawValue]
        ?? configuration.standards["default"]
    else { return [] }
    var result: [Finding] = []
    for wait in ResponseWaits.waits(in: conversation.conversation) {
      let limit = wait.isFirst ? standard.firstResponse : standard.reply
      guard wait.seconds > limit else { continue }
      let customerText = conversation.texts[wait.customerTurn.index]
      let range = customerText.sentences.first?.byteRange ?? 0..<customerText.bytes.count
      let what = wait.isFirst ? "First response" : "Reply"
      result.append(
        finding(
          wait.seconds > 2 * limit || wait.isFirst ? .major : .minor,
          "\(what) took \(Durations.describe(wait.seconds)); the \(conversation.conversation.channel) standard is "
            + "\(Durations.describe(limit)).",
          [
            Evidence(turn: wait.customerTurn, range: range, note: "customer waited from here"),
            Evidence(
              turn: wait.reply, range: 0..<min(80, conversation.texts[wait.reply.index].bytes.count), note: "reply"),
          ],
          [
            "wait_seconds": Durations.wholeSeconds(wait.seconds), "limit_seconds": Durations.wholeSeconds(limit),
            "first": String(wait.isFirst),
          ]))
    }
    return result
  }
}

/// The customer waits in a conversation: from the first customer message of each block to the reply.
public enum ResponseWaits {
  /// One wait.
  public struct Wait: Sendable {
    /// The customer message the wait starts from.
    public var customerTurn: Turn
    /// The company reply that ends it.
    public var reply: Turn
    /// Seconds waited.
    public var seconds: Double
    /// Whether this is the first response of the conversation.
    public var isFirst: Bool
  }

  /// Every wait whose two ends have timestamps in `TimestampBounds` (a time outside it is ignored,
  /// so a wait is always a finite number of seconds well inside the integer range).
  public static func waits(in conversation: Conversation) -> [Wait] {
    var result: [Wait] = []
    var waitingSince: Turn?
    var answeredOnce = false
    for turn in conversation.turns {
      if turn.role == .customer {
        if waitingSince == nil { waitingSince = turn }
      } else if turn.role.isCompanySide {
        if let start = waitingSince, let from = TimestampBounds.checked(start.timestamp),
          let to = TimestampBounds.checked(turn.timestamp)
        {
          result.append(
            Wait(customerTurn: start, reply: turn, seconds: to.timeIntervalSince(from), isFirst: !answeredOnce))
        }
        if waitingSince != nil { answeredOnce = true }
        waitingSince = nil
      }
    }
    return result
  }
}

/// Human-readable durations ("25 min", "3 h 10 min", "2 days").
public enum Durations {
  /// Describes `seconds` in the largest sensible units.
  public static func describe(_ seconds: Double) -> String {
    // Waits come from bounded timestamps and limits from configuration; anything else is shown as is
    // rather than converted to an integer that cannot hold it.
    guard let value = roundedInteger(seconds) else { return "\(seconds) s" }
    if value < 120 { return "\(value) s" }
    if value < 7200 { return "\(value / 60) min" }
    if value < 172_800 {
      let minutes = (value % 3600) / 60
      return minutes == 0 ? "\(value / 3600) h" : "\(value / 3600) h \(minutes) min"
    }
    return "\(value / 86_400) days"
  }

  /// `seconds` as a whole number of seconds for finding attributes ("inf" or "nan" when it is not a
  /// number an integer can hold).
  public static func wholeSeconds(_ seconds: Double) -> String {
    guard seconds.isFinite else { return String(seconds) }
    return roundedInteger(seconds.rounded(.towardZero)).map(String.init) ?? String(seconds)
  }

  /// `seconds` rounded to the nearest integer, or nil when it is not finite or beyond ±2^53 (where a
  /// `Double` no longer counts single seconds and `Int(_:)` would trap past 2^63).
  static func roundedInteger(_ seconds: Double) -> Int? {
    guard seconds.isFinite, abs(seconds) <= 9_007_199_254_740_992 else { return nil }
    return Int(exactly: seconds.rounded())
  }
}
