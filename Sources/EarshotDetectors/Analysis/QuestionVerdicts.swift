import EarshotModel
import EarshotText

/// A verdict for every customer question or request, judged as `labeling-guide.md` says.
///
/// A run of customer turns with no agent turn between them is one item, on the turn of its first
/// question (a question spread over turns, or a chaser, counts once). A block with no explicit
/// question still counts when it reports a concrete problem (negative, or "still not working"):
/// the guide's implicit request. The reply judged is the burst of agent turns before the customer
/// speaks again; the fitted reply-verdict model (`VerdictModel`) reads the pair's `VerdictFeatures`
/// and gives the verdict and the usefulness. `unanswered` stays structural: no reply at all.
struct QuestionVerdicts {
  let lexicons: DetectorLexicons

  func records(in conversation: AnalyzedConversation) -> [QuestionRecord] {
    var records: [QuestionRecord] = []
    // Questions and blocks both come in turn order: one cursor finds each block's first question
    // (a search from the start for every block was quadratic in turns).
    var nextQuestion = 0
    for block in customerBlocks(conversation) {
      guard let (question, explicit) = item(in: block, conversation, from: &nextQuestion) else { continue }
      let asking = conversation.turns[question.turn]
      let questionEvidence = Evidence(turn: asking, range: question.byteRange, note: "question")
      let replies = conversation.replies(to: block.upperBound - 1)
      guard let first = replies.first else {
        records.append(
          QuestionRecord(
            turn: question.turn, sourceId: asking.sourceID, type: question.type.rawValue, verdict: .unanswered,
            replyTurn: nil, usefulness: nil, reason: "No agent reply follows the question.",
            evidence: [questionEvidence]))
        continue
      }
      let (values, judgement) = features(question, explicit: explicit, block: block, replies: replies, conversation)
      let model = lexicons.replyVerdicts
      let terms = TermBag.hashes(replies, in: conversation)
      let termScores = model.wording(terms)
      var prediction = model.predict(values, wording: termScores)
      let drivers = model.drivers(values, wording: termScores, toward: prediction.verdict)
      let wording =
        drivers.contains { $0.name == "wording" }
        ? model.wordingTerms(values, terms: terms, toward: prediction.verdict) : []
      var reason = VerdictReasons.sentence(prediction, drivers: drivers, wording: wording, judgement: judgement)
      // The guide's two DM rules on top of the model; the fit script applies them too, so its
      // CV figures include them.
      if VerdictFeatures.isBareDM(values) {
        // A bare "DM us" for a question that could be answered in the open.
        prediction.verdict = .notAnswered
        reason = VerdictReasons.bareDM(prediction, judgement: judgement)
      } else if prediction.verdict == .notAnswered, VerdictFeatures.isPrivateChannel(values) {
        // A private channel when the answer needs the customer's own data.
        prediction.verdict = .partial
        reason = VerdictReasons.privateChannel(prediction)
      }
      let replyRange =
        judgement.evidenceRange ?? conversation.texts[first.index].sentences.first?.byteRange
        ?? 0..<conversation.texts[first.index].bytes.count
      records.append(
        QuestionRecord(
          turn: question.turn, sourceId: asking.sourceID, type: question.type.rawValue, verdict: prediction.verdict,
          replyTurn: first.index, usefulness: (prediction.usefulness * 100).rounded() / 100, reason: reason,
          evidence: [
            questionEvidence, Evidence(turn: judgement.evidenceTurn ?? first, range: replyRange, note: "reply"),
          ]
        ))
    }
    return records
  }

  /// The block's question: its first explicit question or request, else an implicit request
  /// (`explicit` false), else nil when the block asks nothing.
  func item(in block: Range<Int>, _ conversation: AnalyzedConversation) -> (CustomerQuestion, explicit: Bool)? {
    var cursor = 0
    return item(in: block, conversation, from: &cursor)
  }

  /// ``item(in:_:)`` searching the questions from `cursor`, which it moves past the block's
  /// earlier ones (blocks are asked for in turn order).
  func item(in block: Range<Int>, _ conversation: AnalyzedConversation, from cursor: inout Int)
    -> (CustomerQuestion, explicit: Bool)?
  {
    let questions = conversation.questions
    while cursor < questions.count, questions[cursor].turn < block.lowerBound { cursor += 1 }
    if cursor < questions.count, block.contains(questions[cursor].turn) { return (questions[cursor], true) }
    return implicitRequest(in: block, conversation).map { ($0, false) }
  }

  /// The model's features for `question` (of `block`) against the reply burst `replies`.
  func features(
    _ question: CustomerQuestion, explicit: Bool, block: Range<Int>, replies: [Turn],
    _ conversation: AnalyzedConversation
  ) -> ([Double], AnswerJudgement) {
    let judgement = AnswerJudge(lexicons: lexicons).judge(question, in: conversation, replies: replies)
    let values = VerdictFeatures.vector(
      question: question, block: block, explicit: explicit, replies: replies, judgement: judgement, in: conversation)
    return (values, judgement)
  }

  /// Runs of consecutive customer turns (other speakers' turns end a run only when they are the
  /// company's).
  func customerBlocks(_ conversation: AnalyzedConversation) -> [Range<Int>] {
    var blocks: [Range<Int>] = []
    var start: Int?
    var end = 0
    for turn in conversation.turns {
      if turn.role == .customer {
        if start == nil { start = turn.index }
        end = turn.index + 1
      } else if turn.role.isCompanySide, let open = start {
        blocks.append(open..<end)
        start = nil
      }
    }
    if let open = start { blocks.append(open..<end) }
    return blocks
  }

  /// A concrete problem reported without a question (`ImplicitRequests`).
  func implicitRequest(in block: Range<Int>, _ conversation: AnalyzedConversation) -> CustomerQuestion? {
    ImplicitRequests(lexicons: lexicons).request(in: block, conversation)
  }
}
