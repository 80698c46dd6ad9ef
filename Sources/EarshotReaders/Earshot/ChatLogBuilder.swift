import EarshotModel
import EarshotText
import Foundation

/// Accumulates the lines of one chat-log conversation.
struct ChatLogBuilder {
  struct PendingTurn {
    var speaker: String
    var role: ParticipantRole?
    var name: String?
    var timestamp: Date?
    var text: String
    var line: Int
  }

  let file: InputFile
  let ordinal: Int
  /// Headers that carry over to the next conversation in the same file (company, channel, zone, agents).
  var sharedHeaders: [String: String]
  var headers: [String: String] = [:]
  var turns: [PendingTurn] = []
  var lastDate: Date?
  /// The most turns kept (`input.max_turns`); later ones are read and checked but not kept.
  let maxTurns: Int
  /// Message lines read, kept or not.
  private(set) var turnCount = 0
  /// The line of the first turn left out, once the limit was passed.
  private(set) var firstLeftOut: Int?
  /// Whether the last message line was left out (its continuation lines are then left out too).
  private var leavingOut = false
  /// What the turns left out say about their speakers: roles and participants come out as if every
  /// turn had been kept.
  private var leftOut = LeftOutSpeakers()

  init(
    file: InputFile, ordinal: Int = 0, headers: [String: String] = [:],
    maxTurns: Int = ConversationLimits.defaultMaxTurns
  ) {
    self.file = file
    self.ordinal = ordinal
    self.sharedHeaders = headers
    self.headers = headers
    self.maxTurns = maxTurns
  }

  /// The speakers of turns past the limit, summed up: who spoke first (in order), with the name of
  /// their first turn, the role of their last turn and the last role any of their turns stated.
  struct LeftOutSpeakers {
    var kept: Set<String>?
    var order: [String] = []
    var firstName: [String: String?] = [:]
    var lastRole: [String: ParticipantRole?] = [:]
    var lastStatedRole: [String: ParticipantRole] = [:]

    mutating func add(speaker: String, role: ParticipantRole?, name: String?, keptTurns: [PendingTurn]) {
      if kept == nil { kept = Set(keptTurns.map(\.speaker)) }
      if kept?.contains(speaker) == false && firstName[speaker] == nil {
        order.append(speaker)
        firstName[speaker] = .some(name)
      }
      lastRole[speaker] = .some(role)
      if let role { lastStatedRole[speaker] = role }
    }
  }

  static let knownHeaders: Set<String> = [
    "id", "channel", "company", "date", "timezone", "agents", "customer", "subject", "queue",
  ]

  mutating func consume(line: String, number: Int) throws {
    let trimmed = line.trimmingSpaces()
    if trimmed.isEmpty {
      if !turns.isEmpty && !leavingOut { turns[turns.count - 1].text += "\n" }
      return
    }
    if trimmed.hasPrefix("#") {
      try consumeHeader(trimmed, number: number)
      return
    }
    guard let parsed = ChatLine.parse(trimmed) else {
      guard turnCount > 0 else {
        throw InputDiagnostic(
          file: file.path, line: number,
          "expected a message line such as '[10:32] Agent Bob: text' or 'Customer: text', found '\(String(trimmed.prefix(40)))'"
        )
      }
      if !leavingOut { turns[turns.count - 1].text += "\n" + trimmed }
      return
    }
    var timestamp: Date?
    if let stamp = parsed.stamp {
      guard let date = parseStamp(stamp) else {
        throw InputDiagnostic(
          file: file.path, line: number, column: 2,
          "expected a time such as 10:32, 10:32:05, 10:32 PM or 2024-03-01 10:32 inside [ ], found '\(stamp.prefix(40))'"
        )
      }
      guard TimestampBounds.contains(date) else {
        throw InputDiagnostic(
          file: file.path, line: number, column: 2,
          "expected \(TimestampBounds.description) inside [ ], found '\(stamp.prefix(40))'")
      }
      timestamp = date
      lastDate = date
    }
    let name = parsed.name
    // Ids are lowercase so "Sam" here and "sam" in another export are the same agent.
    let speaker = (name ?? parsed.role?.rawValue ?? "unknown").lowercased()
    turnCount += 1
    leavingOut = turns.count >= maxTurns
    if leavingOut {
      if firstLeftOut == nil { firstLeftOut = number }
      leftOut.add(speaker: speaker, role: parsed.role, name: name, keptTurns: turns)
      return
    }
    turns.append(
      PendingTurn(
        speaker: speaker, role: parsed.role, name: name, timestamp: timestamp, text: parsed.text, line: number))
  }

  mutating func consumeHeader(_ line: String, number: Int) throws {
    let body = line.dropFirst().trimmingSpaces()
    guard let colon = body.firstIndex(of: ":") else { return }  // a plain comment
    let key = body[..<colon].trimmingSpaces().lowercased()
    let value = body[body.index(after: colon)...].trimmingSpaces()
    guard ChatLogBuilder.knownHeaders.contains(key) else { return }
    if key == "timezone", timeZone(value) == nil {
      throw InputDiagnostic(
        file: file.path, line: number, "expected a time zone such as +02:00, UTC or Europe/Paris, found '\(value)'")
    }
    if key == "date", TimestampParser().parse(value) == nil {
      throw InputDiagnostic(file: file.path, line: number, "expected a date such as 2024-03-01, found '\(value)'")
    }
    headers[key] = value
    if ["company", "channel", "timezone", "agents", "queue"].contains(key) { sharedHeaders[key] = value }
  }

  func timeZone(_ text: String) -> TimeZone? {
    if let zone = TimeZone(identifier: text) { return zone }
    let sign = text.hasPrefix("-") ? -1 : 1
    let digits = text.drop { $0 == "+" || $0 == "-" }.split(separator: ":")
    // Offsets are checked before any arithmetic: real zones lie within ±18 hours.
    guard text.hasPrefix("+") || text.hasPrefix("-"), let hours = Self.smallNumber(digits.first), hours <= 18
    else { return nil }
    let minutes = digits.count > 1 ? Self.smallNumber(digits[1]) ?? 0 : 0
    return TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60))
  }

  /// ASCII digits as a number below one million; nil for anything else (empty, signs, other
  /// scripts' digits, or so many digits that arithmetic on the value could overflow).
  static func smallNumber(_ text: Substring?) -> Int? {
    guard let text, !text.isEmpty else { return nil }
    var value = 0
    for byte in text.utf8 {
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
      guard value < 1_000_000 else { return nil }
    }
    return value
  }

  var zone: TimeZone { headers["timezone"].flatMap(timeZone) ?? TimeZone(identifier: "UTC") ?? .current }

  /// The parser and the header date's midnight for the current `timezone` and `date` headers, worked
  /// out once per header change rather than per line (a zone look-up and a calendar per line were
  /// most of the cost of reading a long log).
  private var stampContext: (timezone: String?, date: String?, parser: TimestampParser, baseDay: Date)?

  private mutating func currentStampContext() -> (parser: TimestampParser, baseDay: Date) {
    if let context = stampContext, context.timezone == headers["timezone"], context.date == headers["date"] {
      return (context.parser, context.baseDay)
    }
    let parser = TimestampParser(timeZone: zone)
    let baseDay = headers["date"].flatMap { parser.parse($0) } ?? Date(timeIntervalSince1970: 0)
    stampContext = (headers["timezone"], headers["date"], parser, baseDay)
    return (parser, baseDay)
  }

  /// A full timestamp, or a time of day on the header date (rolling past midnight when times go back).
  mutating func parseStamp(_ stamp: String) -> Date? {
    let (parser, baseDay) = currentStampContext()
    if let full = parser.parse(stamp) { return full }
    guard let seconds = secondsOfDay(stamp) else { return nil }
    let date = baseDay.addingTimeInterval(TimeInterval(seconds))
    guard let lastDate else { return date }
    return Self.rolledForward(date, toReach: lastDate.addingTimeInterval(-1))
  }

  /// `date` plus the fewest whole days that bring it to `target` or later. Computed, not counted
  /// a day at a time: after a stamp far in the future the count would be millions per line.
  static func rolledForward(_ date: Date, toReach target: Date) -> Date {
    guard date < target else { return date }
    let gap = target.timeIntervalSince(date)
    guard gap.isFinite, gap < 1e15 else { return date }  // unreachable with bounded times; never loop
    var days = (gap / 86_400).rounded(.up)
    // Floating-point division can land one day short or long of what adding days would give.
    while date.addingTimeInterval(days * 86_400) < target { days += 1 }
    while days > 1, date.addingTimeInterval((days - 1) * 86_400) >= target { days -= 1 }
    return date.addingTimeInterval(days * 86_400)
  }

  func secondsOfDay(_ stamp: String) -> Int? {
    var text = stamp.trimmingSpaces().uppercased()
    var meridiem: Int?
    if text.hasSuffix("AM") || text.hasSuffix("PM") {
      meridiem = text.hasSuffix("PM") ? 12 : 0
      text = String(text.dropLast(2)).trimmingSpaces()
    }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    // ASCII digits only, each part a small number: `[99999999999999999999:00]` is not a time (and
    // `Int(_:)` would return nil for it, leaving fewer numbers than parts).
    let numbers = parts.compactMap { Self.smallNumber($0) }
    guard (2...3).contains(parts.count), numbers.count == parts.count else { return nil }
    var hour = numbers[0]
    if let meridiem {
      guard (1...12).contains(hour) else { return nil }
      hour = hour % 12 + meridiem
    }
    guard hour < 24, numbers[1] < 60, numbers.count < 3 || numbers[2] < 60 else { return nil }
    return hour * 3600 + numbers[1] * 60 + (numbers.count > 2 ? numbers[2] : 0)
  }

  /// The finished conversation, or nil when no message was read.
  mutating func finish() throws -> Conversation? {
    guard !turns.isEmpty else { return nil }
    let declaredAgents = Set(
      (headers["agents"] ?? "").split(separator: ",").map { $0.trimmingSpaces().lowercased() })
    var roles: [String: ParticipantRole] = [:]
    for turn in turns {
      if let role = turn.role {
        roles[turn.speaker] = role
      } else if declaredAgents.contains(turn.speaker.lowercased()) {
        roles[turn.speaker] = .agent
      }
    }
    // Turns left out come after every kept turn: the role of a speaker's last turn wins.
    for (speaker, last) in leftOut.lastRole {
      if let last {
        roles[speaker] = last
      } else if declaredAgents.contains(speaker.lowercased()) {
        roles[speaker] = .agent
      } else if let stated = leftOut.lastStatedRole[speaker] {
        roles[speaker] = stated
      }
    }
    // Unlabeled speakers: the first to speak is the customer, the other side the agent; say it was guessed.
    var guessed = false
    let unlabeled = (turns.map(\.speaker) + leftOut.order).filter { roles[$0] == nil }
    if !unlabeled.isEmpty {
      guessed = true
      // Whether a customer is known so far, kept up to date rather than searched for per speaker.
      var customerKnown = roles.values.contains(.customer)
      for speaker in unlabeled where roles[speaker] == nil {
        roles[speaker] = customerKnown ? .agent : .customer
        customerKnown = true
      }
    }
    var participants: [Participant] = []
    var seen = Set<String>()
    for turn in turns where !seen.contains(turn.speaker) {
      seen.insert(turn.speaker)
      participants.append(Participant(id: turn.speaker, role: roles[turn.speaker] ?? .unknown, name: turn.name))
    }
    for speaker in leftOut.order {
      participants.append(
        Participant(id: speaker, role: roles[speaker] ?? .unknown, name: leftOut.firstName[speaker] ?? nil))
    }
    let modelTurns = turns.enumerated().map { index, turn in
      Turn(
        index: index, speaker: turn.speaker, role: roles[turn.speaker] ?? .unknown, timestamp: turn.timestamp,
        text: turn.text.trimmingSpacesAndNewlines(),
        location: SourceLocation(file: file.path, line: turn.line))
    }
    var metadata: [String: String] = [:]
    for key in ["subject", "queue", "customer"] { if let value = headers[key] { metadata[key] = value } }
    if guessed { metadata["roles"] = "guessed" }
    let base = file.url.deletingPathExtension().lastPathComponent
    return Conversation(
      id: headers["id"] ?? (ordinal == 0 ? base : "\(base)-\(ordinal + 1)"),
      channel: Channel(rawValue: headers["channel"] ?? "chat"),
      company: headers["company"],
      sourceFile: file.path,
      participants: participants,
      turns: modelTurns,
      metadata: metadata)
  }
}
