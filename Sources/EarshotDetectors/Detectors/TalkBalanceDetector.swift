import EarshotModel

/// Finds agents explaining instead of listening: long agent monologues against short customer turns.
public struct TalkBalanceDetector: Detector {
  /// Settings for talk balance.
  public struct Configuration: DetectorConfiguration {
    /// Whether the detector runs.
    public var enabled = true
    /// Agent words per customer word above which the balance is off.
    public var maximumRatio = 4.0
    /// Words in one uninterrupted run of agent turns above which it is a monologue.
    public var monologueWords = 180.0
    /// Creates the defaults.
    public init() {}
  }

  public static let description = DetectorDescription(
    identifier: "talk_balance",
    name: "Explaining instead of listening",
    rationale: "A wall of agent text against short customer turns means the agent talks at the customer.",
    category: .knowing,
    triggeringExamples: [
      """
      Customer: My card was declined.
      Agent: \(String(repeating: "Card payments can be declined for many different reasons, including security checks, expired cards, billing address mismatches, daily limits set by your bank, or temporary outages at the payment processor that we use for all of our online orders. ", count: 5))
      """
    ],
    nonTriggeringExamples: [
      """
      Customer: My card was declined when I tried to pay for order 8812, what should I do?
      Agent: The bank flagged it as unusual. Approve the payment in your bank app, then press Retry.
      """
    ])

  public let configuration: Configuration

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    let balance = TalkBalance(conversation)
    guard balance.customerWords > 0 else { return [] }
    let ratio = Double(balance.agentWords) / Double(balance.customerWords)
    guard Double(balance.longestMonologueWords) >= configuration.monologueWords, ratio >= configuration.maximumRatio,
      let turn = balance.longestMonologueStart.map({ conversation.turns[$0] })
    else { return [] }
    let text = conversation.texts[turn.index]
    let range = text.sentences.first?.byteRange ?? 0..<text.bytes.count
    return [
      finding(
        .minor,
        "The agent wrote \(balance.agentWords) words against the customer's \(balance.customerWords), "
          + "including a \(balance.longestMonologueWords)-word monologue: explaining instead of listening.",
        [Evidence(turn: turn, range: range, note: "start of the monologue")],
        ["agent_words": String(balance.agentWords), "customer_words": String(balance.customerWords)])
    ]
  }
}

/// Words by side and the longest uninterrupted run of agent words.
public struct TalkBalance: Sendable {
  /// Words written by agents and bots.
  public let agentWords: Int
  /// Words written by the customer.
  public let customerWords: Int
  /// The longest run of consecutive company-side turns, in words, and where it starts.
  public let longestMonologueWords: Int
  public let longestMonologueStart: Int?

  /// Counts `conversation`.
  public init(_ conversation: AnalyzedConversation) {
    var agent = 0
    var customer = 0
    var run = 0
    var runStart: Int?
    var longest = 0
    var longestStart: Int?
    for turn in conversation.turns {
      let words = conversation.texts[turn.index].tokens.lazy.filter { $0.kind == .word || $0.kind == .number }.count
      if turn.role.isCompanySide {
        agent += words
        if run == 0 { runStart = turn.index }
        run += words
        if run > longest {
          longest = run
          longestStart = runStart
        }
      } else if turn.role == .customer {
        customer += words
        run = 0
      }
    }
    agentWords = agent
    customerWords = customer
    longestMonologueWords = longest
    longestMonologueStart = longestStart
  }
}
