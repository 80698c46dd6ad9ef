import EarshotModel
import EarshotText

/// The sentiment of one turn.
public struct TurnSentiment: Codable, Sendable, Hashable {
  /// The turn's index in the conversation.
  public var turnIndex: Int
  /// The speaker's participant id.
  public var speaker: String
  /// The speaker's role.
  public var role: ParticipantRole
  /// The turn's score (its sentences aggregated).
  public var score: SentimentScore
  /// The sentiment terms behind the score (byte ranges in the turn text).
  public var cues: [SentimentCue]
  /// Emotion cues in the turn (byte ranges in the turn text).
  public var emotions: [EmotionCue]
}

/// One side's sentiment (the customer, or the agents and bots).
public struct SideSentiment: Codable, Sendable, Hashable {
  /// Turns spoken by this side.
  public var turnCount: Int
  /// Turns scored positive, neutral and negative.
  public var positiveTurns: Int
  /// Turns scored neutral.
  public var neutralTurns: Int
  /// Turns scored negative.
  public var negativeTurns: Int
  /// The side's turn scores aggregated like sentences (length-safe).
  public var score: SentimentScore
  /// Emotion cue weight per category over the side's turns.
  public var emotions: [Emotion: Double]

  static func from(_ turns: [TurnSentiment]) -> SideSentiment {
    var emotions: [Emotion: Double] = [:]
    for turn in turns {
      for cue in turn.emotions { emotions[cue.emotion, default: 0] += cue.weight }
    }
    return SideSentiment(
      turnCount: turns.count, positiveTurns: turns.filter { $0.score.polarity == .positive }.count,
      neutralTurns: turns.filter { $0.score.polarity == .neutral }.count,
      negativeTurns: turns.filter { $0.score.polarity == .negative }.count,
      score: SentimentAnalyzer.aggregate(turns.map(\.score)), emotions: emotions)
  }
}

/// How the customer's sentiment moved: the first third of their turns against the last third.
public struct SentimentTrajectory: Codable, Sendable, Hashable {
  /// Which way it went.
  public enum Direction: String, Codable, Sendable, Hashable {
    case improved, worsened, steady
  }

  /// Mean compound of the customer's first third of turns.
  public var start: Double
  /// Mean compound of the customer's last third of turns.
  public var end: Double
  /// The turn indices averaged for `start`.
  public var startTurns: [Int]
  /// The turn indices averaged for `end`.
  public var endTurns: [Int]

  /// `end - start`, in [-2, 2].
  public var change: Double { end - start }

  /// Improved or worsened when the change exceeds 0.1 either way, else steady.
  public var direction: Direction { change > 0.1 ? .improved : change < -0.1 ? .worsened : .steady }

  /// The trajectory over customer turn scores in order, or nil for fewer than two turns.
  public static func of(_ turns: [TurnSentiment]) -> SentimentTrajectory? {
    guard turns.count >= 2 else { return nil }
    let third = max(1, (turns.count + 2) / 3)
    let first = turns.prefix(third)
    let last = turns.suffix(third)
    func mean(_ slice: ArraySlice<TurnSentiment>) -> Double {
      slice.reduce(0) { $0 + $1.score.compound } / Double(slice.count)
    }
    return SentimentTrajectory(
      start: mean(first), end: mean(last), startTurns: first.map(\.turnIndex), endTurns: last.map(\.turnIndex))
  }
}

/// The sentiment of a whole conversation, per turn and per side.
public struct ConversationSentimentReport: Codable, Sendable, Hashable {
  /// One entry per turn, in order.
  public var turns: [TurnSentiment]
  /// The customer side (role customer; unknown roles count here too, since readers use it for
  /// unlabeled people writing in).
  public var customer: SideSentiment
  /// The company side (agents and bots).
  public var agent: SideSentiment
  /// The customer's trajectory, when they spoke at least twice.
  public var trajectory: SentimentTrajectory?
}

/// Scores a support conversation turn by turn, with support-aware lexicons on each side: agent and
/// bot turns use `sentiment/agent-overrides.tsv` on top of the defaults, so a formulaic "I'm sorry to
/// hear that" or "I understand how frustrating this is" does not count as the agent's own mood.
public struct ConversationSentiment: Sendable {
  /// The analyzer for customer (and unknown and system) turns.
  public let customerAnalyzer: SentimentAnalyzer
  /// The analyzer for agent and bot turns.
  public let agentAnalyzer: SentimentAnalyzer
  /// Emotion cues, when emotion categories are wanted.
  public let emotions: EmotionLexicon?

  /// Creates a conversation scorer.
  public init(customer: SentimentAnalyzer, agent: SentimentAnalyzer, emotions: EmotionLexicon?) {
    self.customerAnalyzer = customer
    self.agentAnalyzer = agent
    self.emotions = emotions
  }

  /// Loads the default lexicons, with user `additions` on both sides.
  ///
  /// - Throws: `LexiconError` when a lexicon file is missing or malformed.
  public static func loadDefault(
    additions: [String: Double] = [:], emotions: Bool = true
  ) throws -> ConversationSentiment {
    let customer = try SentimentLexicon.loadDefault(additions: additions)
    let agent = try SentimentLexicon.loadDefault(
      additions: additions, without: [], extraFiles: ["sentiment/agent-overrides.tsv"])
    return ConversationSentiment(
      customer: SentimentAnalyzer(lexicon: customer), agent: SentimentAnalyzer(lexicon: agent),
      emotions: emotions ? try EmotionLexicon.loadDefault() : nil)
  }

  /// Scores `conversation`; `texts[i]` must be the tokenized text of `conversation.turns[i]` (turns
  /// without one are tokenized here).
  public func analyze(_ conversation: Conversation, texts: [TokenizedText]) -> ConversationSentimentReport {
    var turns: [TurnSentiment] = []
    turns.reserveCapacity(conversation.turns.count)
    for (position, turn) in conversation.turns.enumerated() {
      let text = position < texts.count ? texts[position] : TokenizedText(turn.text)
      turns.append(analyze(turn, text: text))
    }
    let customerTurns = turns.filter { $0.role == .customer || $0.role == .unknown }
    let agentTurns = turns.filter { $0.role.isCompanySide }
    return ConversationSentimentReport(
      turns: turns, customer: SideSentiment.from(customerTurns), agent: SideSentiment.from(agentTurns),
      trajectory: SentimentTrajectory.of(customerTurns))
  }

  /// Scores `conversation`, tokenizing each turn.
  public func analyze(_ conversation: Conversation) -> ConversationSentimentReport {
    analyze(conversation, texts: conversation.turns.map { TokenizedText($0.text) })
  }

  /// Scores one turn with the analyzer for its speaker's side.
  public func analyze(_ turn: Turn, text: TokenizedText) -> TurnSentiment {
    let analyzer = turn.role.isCompanySide ? agentAnalyzer : customerAnalyzer
    return TurnSentiment(
      turnIndex: turn.index, speaker: turn.speaker, role: turn.role, score: analyzer.score(text),
      cues: analyzer.cues(text), emotions: emotions?.cues(in: text) ?? [])
  }
}
