import EarshotModel
import EarshotText

/// The self-interest patterns a pitch or survey request can fall under.
public enum SelfInterestPattern: String, Sendable, CaseIterable, Codable {
  /// A pitch beside real work on an open problem, or to an unhappy customer.
  case prematurePitch = "premature_pitch"
  /// A reply to a question or request that is nothing but the pitch (the worst case).
  case pitchInsteadOfAnswer = "pitch_instead_of_answer"
  /// Offers pushed at a customer who asked to cancel, close, downgrade or stop.
  case retentionWall = "retention_wall"
  /// A pitch after a confirmed resolution to a content customer: reported, not penalized.
  case pitchAfterResolution = "pitch_after_resolution"
  /// A survey, rating or review request while the problem is still open.
  case surveyBeforeResolution = "survey_before_resolution"
}

/// One agent turn that pitches or asks for a rating, with what it ignored.
public struct SelfInterestEvent: Sendable {
  /// The pattern.
  public var pattern: SelfInterestPattern
  /// The agent turn.
  public var turn: Int
  /// The pitch or survey words (first to last pitching sentence).
  public var byteRange: Range<Int>
  /// Sales words found (for pitches).
  public var terms: [String]
  /// The customer turn with the open problem, request or question it ignored, and the words.
  public var ignored: (turn: Int, byteRange: Range<Int>, note: String)?
  /// The customer's mood (compound sentiment of their latest turn) when it was made.
  public var customerMood: Double
  /// Whether the problem was resolved before this turn.
  public var resolvedBefore: Bool
}

/// Finds pitches and survey requests and judges their timing, in one pass over the turns (linear
/// in the number of turns and in the length of the text).
public struct SelfInterestScan: Sendable {
  /// Customer sentiment (compound) below which the customer counts as unhappy.
  public var negativeMood: Double

  /// Creates a scan.
  public init(negativeMood: Double = -0.05) {
    self.negativeMood = negativeMood
  }

  /// The conversation's pitch and survey events, in turn order (scanned once per conversation
  /// and mood threshold; survey events do not depend on the threshold).
  public func events(in conversation: AnalyzedConversation) -> [SelfInterestEvent] {
    conversation.memo.selfInterestEvents(negativeMood: negativeMood) { scan(conversation) }
  }

  func scan(_ conversation: AnalyzedConversation) -> [SelfInterestEvent] {
    let lexicons = conversation.resources.lexicons
    // First question sentence per customer turn, built once so the scan stays linear.
    var questions: [Int: Range<Int>] = [:]
    var questionTokens: [Int: [Range<Int>]] = [:]
    for question in conversation.questions {
      if questions[question.turn] == nil { questions[question.turn] = question.byteRange }
      // Requests ("please close my membership") ask for action and "why" questions ("why did my
      // price go up?") complain; neither asks for sales information.
      if question.type != .request && question.type != .reason {
        questionTokens[question.turn, default: []].append(question.tokenRange)
      }
    }
    let sentence = { (index: Int) -> Range<Int> in
      questions[index] ?? conversation.texts[index].sentences.first?.byteRange
        ?? 0..<conversation.texts[index].bytes.count
    }
    var context = CustomerContext()
    var events: [SelfInterestEvent] = []
    var lastCustomer: Int?
    var leavingRequest: (turn: Int, byteRange: Range<Int>)?
    // The customer turn whose question, request or problem still waits for a reply that engages it.
    var pending: Int?
    var engagedInBlock = false
    for turn in conversation.turns {
      let text = conversation.texts[turn.index]
      if turn.role == .customer {
        PitchFinder.update(
          &context, customerTurn: text, questions: questionTokens[turn.index] ?? [], lexicons: lexicons)
        if let request = lexicons.leaving.matches(in: text).first(where: { $0.value == "request" }) {
          leavingRequest = (turn.index, request.byteRange)
        }
        if lastCustomer == nil || questions[turn.index] != nil || leavingRequest?.turn == turn.index {
          pending = turn.index
        }
        lastCustomer = turn.index
        engagedInBlock = false
        continue
      }
      guard turn.role.isCompanySide else { continue }
      if context.leaving, lexicons.leaving.matches(in: text).contains(where: { $0.value == "done" }) {
        context.leaving = false
      }
      let reading = PitchFinder.read(text, context: context, lexicons: lexicons)
      let engages = engagesProblem(text, reading: reading, conversation: conversation, context: context)
      engagedInBlock = engagedInBlock || engages
      let mood = lastCustomer.map { conversation.sentiments[$0].compound } ?? 0
      let resolvedBefore = resolved(before: turn.index, lastCustomer: lastCustomer, in: conversation)
      if let first = reading.pitches.first, let last = reading.pitches.last {
        let pattern: SelfInterestPattern
        var ignored: (turn: Int, byteRange: Range<Int>, note: String)?
        if context.leaving, let request = leavingRequest {
          pattern = .retentionWall
          ignored = (request.turn, request.byteRange, "the customer's request to leave")
        } else if resolvedBefore && mood >= negativeMood {
          pattern = .pitchAfterResolution
        } else if let waiting = pending, !engagedInBlock {
          pattern = .pitchInsteadOfAnswer
          ignored = (waiting, sentence(waiting), "the question or request it did not answer")
        } else {
          pattern = .prematurePitch
          let problem = pending ?? lastCustomer
          ignored = problem.map {
            (
              $0, sentence($0),
              resolvedBefore ? "the unhappy customer's last message" : "the unresolved problem"
            )
          }
        }
        events.append(
          SelfInterestEvent(
            pattern: pattern, turn: turn.index, byteRange: first.byteRange.lowerBound..<last.byteRange.upperBound,
            terms: reading.pitches.flatMap(\.terms), ignored: ignored, customerMood: mood,
            resolvedBefore: resolvedBefore))
      }
      // A survey named inside a pitch ("a free home survey") is part of the pitch, not a rating request.
      let surveyRequest = lexicons.surveys.matches(in: text).first { match in
        match.value == "request"
          && !reading.pitches.contains { $0.tokenRange.contains(match.tokenRange.lowerBound) }
      }
      if let survey = surveyRequest, !resolvedBefore,
        lexicons.agentResolved.matches(in: text).isEmpty
      {
        let problem = pending ?? lastCustomer
        events.append(
          SelfInterestEvent(
            pattern: .surveyBeforeResolution, turn: turn.index, byteRange: sentenceRange(of: survey, in: text),
            terms: [text.string(survey.byteRange)],
            ignored: problem.map { ($0, sentence($0), "the problem still open") },
            customerMood: mood, resolvedBefore: false))
      }
      if engages { pending = nil }
    }
    return events
  }

  /// Whether a resolution was in force before turn `index`: one the customer gave, or an agent's
  /// statement that a later customer turn let stand.
  func resolved(before index: Int, lastCustomer: Int?, in conversation: AnalyzedConversation) -> Bool {
    guard index > 0, let resolution = conversation.resolutionTimeline[index - 1] else { return false }
    if resolution.kind.byCustomer { return true }
    return (lastCustomer ?? -1) > resolution.turn
  }

  /// Whether some sentence of an agent turn, besides the pitch and its offer wording, works on
  /// the customer's problem: an engagement phrase (checking, asking, passing on, steps), a promise
  /// or fix statement, or two or more content words shared with what the customer wrote.
  func engagesProblem(
    _ text: TokenizedText, reading: TurnSalesReading, conversation: AnalyzedConversation, context: CustomerContext
  ) -> Bool {
    let lexicons = conversation.resources.lexicons
    let engagement = lexicons.engagement.matches(in: text)
    let promises = lexicons.promises.matches(in: text)
    let fixes = lexicons.agentResolved.matches(in: text)
    return text.sentences.enumerated().contains { index, sentence in
      if reading.pitchSentences.contains(index) || reading.offerSentences.contains(index) { return false }
      let range = sentence.tokenRange
      let inSentence: ([TermMatch<String>]) -> Bool = { $0.contains { range.contains($0.tokenRange.lowerBound) } }
      if inSentence(engagement) || inSentence(promises) || inSentence(fixes) { return true }
      var words = 0
      var courtesy = false
      var shared = 0
      for index in range where text.tokens[index].kind == .word || text.tokens[index].kind == .number {
        let token = text.tokens[index]
        words += 1
        let isEmpathy: Bool
        let isStopword: Bool
        let stem: () -> String
        if text.isASCII(token) {
          // Lexicon tables lowercase ASCII themselves: look the token's bytes up, no String.
          let hash = text.termHashes[index]
          isEmpathy = text.bytes.withUnsafeBufferPointer { lexicons.empathy.value($0, token.range, hash: hash) != nil }
          isStopword = text.bytes.withUnsafeBufferPointer {
            lexicons.stopwords.value($0, token.range, hash: hash) != nil
          }
          stem = { Stemmer.stem(text.string(token)) }
        } else {
          let word = text.string(token).lowercased()
          isEmpathy = lexicons.empathy.value(for: word) != nil
          isStopword = lexicons.stopwords.value(for: word) != nil
          stem = { Stemmer.stem(word) }
        }
        if isEmpathy { courtesy = true }
        guard token.kind == .word, token.length >= 3, !isStopword else { continue }
        if context.stems.contains(stem()) { shared += 1 }
      }
      // Greetings, sign-offs, apologies and thanks say nothing about the problem, even when they
      // repeat its words ("sorry the sofa arrived torn").
      if words <= 4 || courtesy { return false }
      return shared >= 2
    }
  }

  /// The sentence holding `match`.
  func sentenceRange(of match: TermMatch<String>, in text: TokenizedText) -> Range<Int> {
    text.sentences.first { $0.tokenRange.contains(match.tokenRange.lowerBound) }?.byteRange ?? match.byteRange
  }
}
