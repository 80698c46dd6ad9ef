import EarshotModel

extension AnalyzedConversation {
  /// The reply-verdict model's features (`VerdictFeatures.names` order) for the question record on
  /// customer turn `questionTurn`, against its reply burst; nil when no record starts there or it
  /// has no reply. For dumping features to refit the model (`Scripts/fit-reply-verdicts.py`).
  public func verdictFeatures(forQuestionAt questionTurn: Int) -> [Double]? {
    verdictInputs(forQuestionAt: questionTurn)?.features
  }

  /// The model's features and the reply burst's terms (`TermBag`, spelled out and sorted) for the
  /// question record on customer turn `questionTurn`; nil as for ``verdictFeatures(forQuestionAt:)``.
  public func verdictInputs(forQuestionAt questionTurn: Int) -> (features: [Double], terms: [String])? {
    let verdicts = QuestionVerdicts(lexicons: resources.lexicons)
    guard let block = verdicts.customerBlocks(self).first(where: { $0.contains(questionTurn) }),
      let (question, explicit) = verdicts.item(in: block, self), question.turn == questionTurn
    else { return nil }
    let replies = replies(to: block.upperBound - 1)
    guard !replies.isEmpty else { return nil }
    return (
      verdicts.features(question, explicit: explicit, block: block, replies: replies, self).0,
      TermBag.strings(replies, in: self)
    )
  }

  /// The features of the company turn `replyTurn` alone, judged against the run of customer turns
  /// just before it (its question if one is found there, else the whole first turn of that run as
  /// a question of type `other`); nil when no customer turn comes before it. For judging helpdesk
  /// turns one by one, as the STC-3 panel did.
  public func verdictFeatures(forReplyAt replyTurn: Int) -> [Double]? {
    guard turns.indices.contains(replyTurn), turns[replyTurn].role.isCompanySide,
      let last = turns[..<replyTurn].last(where: { $0.role == .customer })?.index
    else { return nil }
    var first = last
    while first > 0, turns[first - 1].role == .customer { first -= 1 }
    let block = first..<(last + 1)
    let verdicts = QuestionVerdicts(lexicons: resources.lexicons)
    let found = verdicts.item(in: block, self)
    let text = texts[first]
    let question =
      found?.0
      ?? CustomerQuestion(turn: first, byteRange: 0..<text.bytes.count, tokenRange: 0..<text.tokens.count, type: .other)
    return verdicts.features(
      question, explicit: found?.explicit ?? false, block: block, replies: [turns[replyTurn]], self
    ).0
  }

  /// The terms of the company turn `replyTurn` alone, as ``verdictFeatures(forReplyAt:)`` judges it.
  public func verdictTerms(forReplyAt replyTurn: Int) -> [String]? {
    guard turns.indices.contains(replyTurn), turns[replyTurn].role.isCompanySide else { return nil }
    return TermBag.strings([turns[replyTurn]], in: self)
  }

  /// The term hashes of the company turn `replyTurn` alone, for ``VerdictModel/predict(_:terms:)``.
  public func verdictTermHashes(forReplyAt replyTurn: Int) -> [Int] {
    guard turns.indices.contains(replyTurn) else { return [] }
    return TermBag.hashes([turns[replyTurn]], in: self)
  }
}
