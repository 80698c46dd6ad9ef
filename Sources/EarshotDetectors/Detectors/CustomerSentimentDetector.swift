import EarshotModel
import EarshotSentiment

/// Flags conversations the customer leaves unhappy, with the words that show it.
public struct CustomerSentimentDetector: Detector {
  /// Settings for the customer mood check.
  public struct Configuration: DetectorConfiguration {
    /// Whether the detector runs.
    public var enabled = true
    /// Mood below which the customer's closing mood counts as negative. The mood is the guide's
    /// −2…+2 halved, so −0.25 is halfway between neutral (0) and annoyed (−0.5).
    public var negativeThreshold = -0.25
    /// Creates the defaults.
    public init() {}
  }

  public static let description = DetectorDescription(
    identifier: "customer_sentiment",
    name: "Customer left unhappy",
    rationale: "The customer's mood at the end, against the start, is the plainest sign of whether they were heard.",
    category: .sentiment,
    triggeringExamples: [
      """
      Customer: Hi, my order is late.
      Agent: Orders can take up to 10 days.
      Customer: This is ridiculous, worst service ever. I want to cancel my account.
      """
    ],
    nonTriggeringExamples: [
      """
      Customer: My order is late and I'm annoyed.
      Agent: I'm sorry! I've upgraded it to express shipping, it arrives tomorrow.
      Customer: Great, thank you so much!
      """
    ])

  public let configuration: Configuration

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    let trajectory = CustomerTrajectory(conversation)
    guard let end = trajectory.end, end < configuration.negativeThreshold, let lastTurn = trajectory.lastTurn else {
      return []
    }
    let text = conversation.texts[lastTurn.index]
    let cues = conversation.resources.sentiment.cues(text).filter { $0.valence < 0 }.sorted { $0.valence < $1.valence }
    let range = cues.first?.byteRange ?? text.sentences.last?.byteRange ?? 0..<text.bytes.count
    // Worse by at least half a class of the guide's scale (0.25 on −1…1) than at the start.
    let worsened = trajectory.start.map { end < $0 - 0.25 } ?? false
    let reason =
      worsened
      ? "The customer ended more negative than they started (\(format(trajectory.start)) → \(format(end)))."
      : "The customer ended the conversation negative (\(format(end)))."
    return [
      finding(
        worsened ? .major : .minor, reason, [Evidence(turn: lastTurn, range: range, note: "customer's words")],
        ["start": format(trajectory.start), "end": format(end)])
    ]
  }

  private func format(_ value: Double?) -> String {
    value.map { FixedPointText.string($0, decimals: 2) } ?? "n/a"
  }
}

/// The customer's mood at the start and the end (`CustomerMood`: the primary customer's first and
/// last turn, read by the fitted mood model), with the last turn for evidence.
public struct CustomerTrajectory: Sendable {
  /// The mood at the customer's first turn (−1…1; the end when they spoke only once).
  public let start: Double?
  /// The mood at the customer's last turn (−1…1).
  public let end: Double?
  /// The customer's last turn.
  public let lastTurn: Turn?

  /// The trajectory of `conversation`.
  public init(_ conversation: AnalyzedConversation) {
    let mood = conversation.customerMood
    start = mood?.start
    end = mood?.end
    lastTurn = mood.map { conversation.turns[$0.lastTurn] }
  }
}
