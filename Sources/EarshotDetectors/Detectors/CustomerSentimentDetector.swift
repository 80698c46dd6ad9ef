import EarshotModel
import EarshotSentiment

/// Flags conversations the customer leaves unhappy, with the words that show it.
public struct CustomerSentimentDetector: Detector {
  /// Settings for the customer mood check.
  public struct Configuration: DetectorConfiguration {
    /// Whether the detector runs.
    public var enabled = true
    /// Compound score below which the customer's closing mood counts as negative.
    public var negativeThreshold = -0.05
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
    let worsened = trajectory.start.map { end < $0 - 0.1 } ?? false
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
    value.map { String(format: "%.2f", $0) } ?? "n/a"
  }
}

/// The customer's mood at the start (first third of their turns) and the end (last third).
public struct CustomerTrajectory: Sendable {
  /// Mean compound of the first third of customer turns.
  public let start: Double?
  /// Mean compound of the last third of customer turns.
  public let end: Double?
  /// The customer's last turn.
  public let lastTurn: Turn?

  /// Computes the trajectory of `conversation`.
  public init(_ conversation: AnalyzedConversation) {
    let customerTurns = conversation.turns.filter { $0.role == .customer }
    lastTurn = customerTurns.last
    guard !customerTurns.isEmpty else {
      start = nil
      end = nil
      return
    }
    let third = max(1, customerTurns.count / 3)
    func mean(_ turns: ArraySlice<Turn>) -> Double {
      turns.reduce(0) { $0 + conversation.sentiments[$1.index].compound } / Double(turns.count)
    }
    start = customerTurns.count >= 2 ? mean(customerTurns.prefix(third)) : nil
    end = mean(customerTurns.suffix(third))
  }
}
