import EarshotModel
import EarshotText

/// A verdict for every customer question or request, judged as `labeling-guide.md` says.
///
/// A run of customer turns with no agent turn between them is one item, on the turn of its first
/// question (a question spread over turns, or a chaser, counts once). A block with no explicit
/// question still counts when it reports a concrete problem (negative, or "still not working"):
/// the guide's implicit request. The reply judged is the burst of agent turns before the customer
/// speaks again.
struct QuestionVerdicts {
  let lexicons: DetectorLexicons
  /// Usefulness at or above which a reply answers.
  var answeredThreshold = 0.45
  /// Usefulness at or above which a reply at least engages the problem.
  var partialThreshold = 0.25

  func records(in conversation: AnalyzedConversation) -> [QuestionRecord] {
    var records: [QuestionRecord] = []
    let judge = AnswerJudge(lexicons: lexicons)
    // Questions and blocks both come in turn order: one cursor finds each block's first question
    // (a search from the start for every block was quadratic in turns).
    var nextQuestion = 0
    for block in customerBlocks(conversation) {
      while nextQuestion < conversation.questions.count, conversation.questions[nextQuestion].turn < block.lowerBound {
        nextQuestion += 1
      }
      let first =
        nextQuestion < conversation.questions.count && block.contains(conversation.questions[nextQuestion].turn)
        ? conversation.questions[nextQuestion] : nil
      let question = first ?? implicitRequest(in: block, conversation)
      guard let question else { continue }
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
      let judgement = judge.judge(question, in: conversation, replies: replies)
      let (verdict, reason) = decide(judgement, question: question, replies: replies, in: conversation)
      let replyRange =
        judgement.evidenceRange ?? conversation.texts[first.index].sentences.first?.byteRange
        ?? 0..<conversation.texts[first.index].bytes.count
      records.append(
        QuestionRecord(
          turn: question.turn, sourceId: asking.sourceID, type: question.type.rawValue, verdict: verdict,
          replyTurn: first.index, usefulness: (judgement.score * 100).rounded() / 100, reason: reason,
          evidence: [
            questionEvidence, Evidence(turn: judgement.evidenceTurn ?? first, range: replyRange, note: "reply"),
          ]
        ))
    }
    return records
  }

  /// The guide's verdict from the reply's signals.
  func decide(
    _ judgement: AnswerJudgement, question: CustomerQuestion, replies: [Turn], in conversation: AnalyzedConversation
  ) -> (AnswerVerdict, String) {
    let deflections = replies.flatMap { lexicons.deflections.matches(in: conversation.texts[$0.index]) }
    let privateChannel = deflections.contains { $0.value == "dm" }
    let helpPage = deflections.contains { $0.value == "faq" }
    let needsPrivateData = !lexicons.privateTopics.matches(
      in: conversation.texts[question.turn], tokenRange: 0..<conversation.texts[question.turn].tokens.count
    ).isEmpty
    let substantive =
      !privateChannel && !helpPage && judgement.deflection == nil && !judgement.asksBack && !judgement.emptyEmpathy
      && judgement.templateUses == nil
    if substantive && (judgement.score >= answeredThreshold || judgement.overlap >= 0.25 || judgement.typeMatch) {
      return (.answered, "The reply addresses the question.")
    }
    if privateChannel {
      return needsPrivateData
        ? (.partial, "The reply moves to a private channel, which this account-specific question needs.")
        : (.notAnswered, judgement.reason(verdict: .notAnswered))
    }
    if helpPage { return (.notAnswered, judgement.reason(verdict: .notAnswered)) }
    if judgement.asksBack {
      return (.partial, "The reply asks a clarifying question before it can answer.")
    }
    if judgement.emptyEmpathy || judgement.templateUses != nil {
      return (.notAnswered, judgement.reason(verdict: .notAnswered))
    }
    if judgement.deflection != nil {
      // Routing to the right team or line engages the problem without solving it.
      return (.partial, "The reply routes the customer elsewhere: " + judgement.reason(verdict: .partial))
    }
    if judgement.score >= partialThreshold { return (.partial, judgement.reason(verdict: .partial)) }
    return (.notAnswered, judgement.reason(verdict: .notAnswered))
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

  /// A concrete problem reported without a question: the block's first turn that is negative or
  /// says it is still broken, with enough words to be more than venting.
  func implicitRequest(in block: Range<Int>, _ conversation: AnalyzedConversation) -> CustomerQuestion? {
    for index in block where conversation.turns[index].role == .customer {
      let text = conversation.texts[index]
      let words = text.tokens.filter { $0.kind == .word }.count
      guard words >= 5 else { continue }
      let stillBroken = !lexicons.unresolved.matches(in: text).isEmpty
      guard stillBroken || conversation.sentiments[index].compound <= -0.3 else { continue }
      let sentence = text.sentences.first { !$0.tokenRange.isEmpty }
      return CustomerQuestion(
        turn: index, byteRange: sentence?.byteRange ?? 0..<text.bytes.count,
        tokenRange: sentence?.tokenRange ?? 0..<text.tokens.count, type: .request)
    }
    return nil
  }
}
