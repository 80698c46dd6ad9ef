/// A byte range inside one turn's text, with the words it covers.
public struct TextSpan: Codable, Sendable, Hashable {
  /// UTF-8 byte offset of the first byte, from the start of the turn's text.
  public var start: Int
  /// UTF-8 byte offset one past the last byte.
  public var end: Int
  /// The covered text, so a reader of the output needs no second lookup.
  public var text: String

  /// Creates a span.
  public init(start: Int, end: Int, text: String) {
    self.start = start
    self.end = end
    self.text = text
  }

  /// The span covering `range` of `turnText`'s UTF-8 bytes.
  public init(range: Range<Int>, in turnText: String) {
    let bytes = Array(turnText.utf8)
    let lower = max(0, min(range.lowerBound, bytes.count))
    let upper = max(lower, min(range.upperBound, bytes.count))
    self.init(start: lower, end: upper, text: String(decoding: bytes[lower..<upper], as: UTF8.self))
  }
}

/// Where a finding points: a turn, its speaker and the words.
public struct Evidence: Codable, Sendable, Hashable {
  /// Index of the turn in the conversation.
  public var turn: Int
  /// The `Participant.id` of the speaker.
  public var speaker: String
  /// The speaker's role.
  public var role: ParticipantRole
  /// The words that triggered the finding.
  public var span: TextSpan
  /// What this piece of evidence shows ("the question", "the reply").
  public var note: String?
  /// The id of the turn's source record (``Turn/sourceID``), so the original can be opened.
  public var sourceId: String?

  /// Creates evidence.
  public init(
    turn: Int, speaker: String, role: ParticipantRole, span: TextSpan, note: String? = nil, sourceId: String? = nil
  ) {
    self.turn = turn
    self.speaker = speaker
    self.role = role
    self.span = span
    self.note = note
    self.sourceId = sourceId
  }

  /// Evidence covering `range` (UTF-8 bytes) of `turn`'s text.
  public init(turn: Turn, range: Range<Int>, note: String? = nil) {
    self.init(
      turn: turn.index, speaker: turn.speaker, role: turn.role, span: TextSpan(range: range, in: turn.text),
      note: note, sourceId: turn.sourceID)
  }
}

/// How much a finding weighs.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
  /// A fact worth showing that costs no points (a question was asked).
  case info
  /// A lapse in listening.
  case minor
  /// A clear failure to listen.
  case major

  private var rank: Int {
    switch self {
    case .info: 0
    case .minor: 1
    case .major: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing a detector found, always with evidence.
public struct Finding: Codable, Sendable, Hashable {
  /// The detector's snake_case identifier (`premature_pitch`).
  public var detector: String
  /// The score category the finding counts against (`answers`, `timing`).
  public var category: ScoreCategory
  /// How much the finding weighs.
  public var severity: Severity
  /// A short explanation a team lead can read.
  public var reason: String
  /// The turns and words behind the finding; the first is the primary one.
  public var evidence: [Evidence]
  /// Named facts with the finding (question type, wait in seconds, promise deadline).
  public var attributes: [String: String]

  /// Creates a finding.
  public init(
    detector: String, category: ScoreCategory, severity: Severity, reason: String, evidence: [Evidence],
    attributes: [String: String] = [:]
  ) {
    self.detector = detector
    self.category = category
    self.severity = severity
    self.reason = reason
    self.evidence = evidence
    self.attributes = attributes
  }
}
