import EarshotModel
import EarshotScoring

/// Redaction of scored conversations on their way out: detectors have already seen the original
/// text; what is written (results, evidence, turns) gets placeholders.
///
/// What changes: evidence span text (of findings and of question records), finding and question
/// reasons, finding attribute values, turn text, turn attribute values, conversation metadata
/// values, and the ids and names of participants who do not speak for the company (a customer's e-mail address is often their id). What stays: scores,
/// metrics, detectors, severities, verdicts, turn indices, span offsets (they still point into the
/// original transcript), source ids (tweet ids, Message-IDs), agent ids (the report ranks agents by
/// them), conversation ids, companies and file paths.
extension Redactor {
  /// `result` and `conversation` with personal data replaced. Evidence is redacted from its turn's
  /// text, so a phone number cut by the edge of a span is still replaced.
  public func redacting(_ result: ConversationResult, conversation: Conversation) -> (
    result: ConversationResult, conversation: Conversation
  ) {
    guard isActive else { return (result, conversation) }
    let turnMatches = conversation.turns.map { matches(in: $0.text) }
    let redactedResult = redactingResult(result, conversation: conversation) { turnMatches[$0] }
    var redactedConversation = conversation
    for position in redactedConversation.turns.indices {
      var turn = redactedConversation.turns[position]
      turn.text = Self.replacing(turnMatches[position], in: turn.text)
      if !turn.role.isCompanySide { turn.speaker = redact(turn.speaker) }
      turn.attributes = turn.attributes.mapValues(redact)
      redactedConversation.turns[position] = turn
    }
    redactedConversation.participants = conversation.participants.map { participant in
      var copy = participant
      if !participant.role.isCompanySide { copy.id = redact(participant.id) }
      copy.name = participant.name.map(redact)
      return copy
    }
    redactedConversation.metadata = conversation.metadata.mapValues(redact)
    return (redactedResult, redactedConversation)
  }

  /// `result` with personal data replaced, its evidence redacted from its turns' text as
  /// `redacting(_:conversation:)` does, when the redacted turns themselves are not wanted (batch
  /// and nightly write only results): only the turns that evidence quotes are scanned.
  public func redactingResult(_ result: ConversationResult, conversation: Conversation) -> ConversationResult {
    guard isActive else { return result }
    var scanned: [[PIIMatch]?] = Array(repeating: nil, count: conversation.turns.count)
    return redactingResult(result, conversation: conversation) { position in
      if let known = scanned[position] { return known }
      let found = matches(in: conversation.turns[position].text)
      scanned[position] = found
      return found
    }
  }

  /// `result` redacted with the matches of the turn at each position given by `matchesAt`.
  private func redactingResult(
    _ result: ConversationResult, conversation: Conversation, matchesAt: (Int) -> [PIIMatch]
  ) -> ConversationResult {
    var turnPositions: [Int: Int] = [:]
    turnPositions.reserveCapacity(conversation.turns.count)
    for (position, turn) in conversation.turns.enumerated() { turnPositions[turn.index] = position }
    func turn(_ evidence: Evidence) -> (text: String, matches: [PIIMatch])? {
      guard let position = turnPositions[evidence.turn] else { return nil }
      return (conversation.turns[position].text, matchesAt(position))
    }
    var redactedResult = result
    redactedResult.findings = result.findings.map { redacting($0, turn: turn) }
    redactedResult.questions = result.questions.map { redacting($0, turn: turn) }
    return redactedResult
  }

  /// `result` with personal data replaced, when the turns are not at hand: each evidence span is
  /// redacted on its own (prefer `redacting(_:conversation:)`, which also sees across span edges).
  public func redacting(_ result: ConversationResult) -> ConversationResult {
    guard isActive else { return result }
    var copy = result
    copy.findings = result.findings.map { redacting($0) { _ in nil } }
    copy.questions = result.questions.map { redacting($0) { _ in nil } }
    return copy
  }

  private typealias TurnLookup = (Evidence) -> (text: String, matches: [PIIMatch])?

  private func redacting(_ finding: Finding, turn: TurnLookup) -> Finding {
    var copy = finding
    copy.reason = redact(finding.reason)
    copy.attributes = finding.attributes.mapValues(redact)
    copy.evidence = finding.evidence.map { redacting($0, turn: turn) }
    return copy
  }

  private func redacting(_ question: QuestionRecord, turn: TurnLookup) -> QuestionRecord {
    var copy = question
    copy.reason = redact(question.reason)
    copy.evidence = question.evidence.map { redacting($0, turn: turn) }
    return copy
  }

  private func redacting(_ evidence: Evidence, turn: TurnLookup) -> Evidence {
    var redacted = evidence
    if !evidence.role.isCompanySide { redacted.speaker = redact(evidence.speaker) }
    redacted.note = evidence.note.map(redact)
    if let (text, matches) = turn(evidence), let span = Self.clip(evidence.span, of: text, matches: matches) {
      redacted.span.text = span
    } else {
      redacted.span.text = redact(evidence.span.text)
    }
    return redacted
  }

  /// The span's text with the parts of `matches` it covers replaced, or nil when the span's text
  /// is not the turn's text at its offsets (then the span is redacted on its own).
  static func clip(_ span: TextSpan, of text: String, matches: [PIIMatch]) -> String? {
    let bytes = text.utf8
    guard span.start >= 0, span.start <= span.end, span.end <= bytes.count else { return nil }
    guard sameBytes(text, span.start..<span.end, span.text) else { return nil }
    let inside = matches.compactMap { match -> PIIMatch? in
      let start = max(match.range.lowerBound, span.start)
      let end = min(match.range.upperBound, span.end)
      return start < end ? PIIMatch(kind: match.kind, range: (start - span.start)..<(end - span.start)) : nil
    }
    return replacing(inside, in: span.text)
  }

  /// Whether `range` of `text`'s UTF-8 holds exactly `part`'s UTF-8 (compared as memory when both
  /// strings are contiguous, as native strings are).
  private static func sameBytes(_ text: String, _ range: Range<Int>, _ part: String) -> Bool {
    let compared = text.utf8.withContiguousStorageIfAvailable { whole in
      part.utf8.withContiguousStorageIfAvailable { piece in
        piece.count == range.count && piece.elementsEqual(UnsafeBufferPointer(rebasing: whole[range]))
      }
    }
    if let compared, let compared { return compared }
    let bytes = text.utf8
    let lower = bytes.index(bytes.startIndex, offsetBy: range.lowerBound)
    let upper = bytes.index(lower, offsetBy: range.count)
    return bytes[lower..<upper].elementsEqual(part.utf8)
  }
}
