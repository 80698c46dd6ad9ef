import EarshotModel
import EarshotScoring
import Foundation

extension ConversationResult {
  /// The result as one line of compact JSON, byte for byte what `JSONEncoder` writes with
  /// snake_case keys, sorted keys, ISO 8601 dates, unescaped slashes and "inf"/"-inf"/"nan" for
  /// non-finite numbers (the format of `conversations.jsonl` and of the store).
  ///
  /// Written by hand because it runs once per conversation of every batch: `JSONEncoder` spent
  /// about a quarter of a batch run converting keys and boxing values. Tests compare the two
  /// encoders on real and adversarial results; a new field must be added here in sorted position.
  public func compactJSON() -> String {
    compactJSONText().text
  }

  /// The UTF-8 bytes of ``compactJSON()``, without making a `String` of them (the store compresses
  /// the bytes).
  public func compactJSONBytes() -> [UInt8] {
    compactJSONText().utf8
  }

  private func compactJSONText() -> JSONText {
    var json = JSONText()
    json.object {
      $0.key("agents")
      $0.array(agents) { $0.string($1) }
      if let center {
        $0.key("center")
        $0.string(center)
      }
      $0.key("channel")
      $0.string(channel)
      if let company {
        $0.key("company")
        $0.string(company)
      }
      $0.key("conversation_id")
      $0.string(conversationId)
      if let customerKey {
        $0.key("customer_key")
        $0.string(customerKey)
      }
      $0.key("findings")
      $0.array(findings) { $0.finding($1) }
      $0.key("metrics")
      $0.metrics(metrics)
      if let problemTerms {
        $0.key("problem_terms")
        $0.array(problemTerms) { $0.int(Int($1)) }
      }
      if let problemTurn {
        $0.key("problem_turn")
        $0.int(problemTurn)
      }
      $0.key("questions")
      $0.array(questions) { $0.question($1) }
      if let resolution {
        $0.key("resolution")
        $0.string(resolution)
      }
      if let resolvedTurn {
        $0.key("resolved_turn")
        $0.int(resolvedTurn)
      }
      $0.key("roles_guessed")
      $0.bool(rolesGuessed)
      $0.key("schema_version")
      $0.int(schemaVersion)
      $0.key("score")
      $0.object {
        $0.key("breakdown")
        $0.array(score.breakdown) { $0.component($1) }
        $0.key("value")
        $0.number(score.value)
      }
      $0.key("source_file")
      $0.string(sourceFile)
      if let startedAt {
        $0.key("started_at")
        $0.date(startedAt)
      }
      $0.key("tool_version")
      $0.string(toolVersion)
      $0.key("turn_count")
      $0.int(turnCount)
    }
    return json
  }
}

/// Compact JSON written into one byte buffer, with the value formats `JSONEncoder` uses.
struct JSONText {
  private var bytes: [UInt8] = []
  private var needsComma = false

  init() { bytes.reserveCapacity(2048) }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  var utf8: [UInt8] { bytes }

  mutating func object(_ body: (inout JSONText) -> Void) {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
    body(&self)
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  mutating func array<Element>(_ elements: [Element], _ body: (inout JSONText, Element) -> Void) {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
    for element in elements { body(&self, element) }
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// An object key that may need escaping (a finding's attribute name); the value written next
  /// belongs to it.
  mutating func dynamicKey(_ name: String) {
    string(name)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// A key of the schema; the value written next belongs to it. Keys are snake_case ASCII, which needs no escaping, so its bytes are copied as
  /// they are (scanning each of a result's ~200 keys for escapes was a tenth of the encoding).
  mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  mutating func string(_ value: String) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { utf8 in
      // Runs that need no escaping are copied whole.
      var runStart = 0
      for index in 0..<utf8.count {
        let byte = utf8[index]
        if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        escape(byte)
        runStart = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }
    bytes.append(UInt8(ascii: "\""))
    needsComma = true
  }

  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
    case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
    case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
    case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
    case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
    case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
    case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
    default:
      let hex = Array("0123456789abcdef".utf8)
      bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
    }
  }

  /// An integer's decimal digits, written in place rather than through a `String`.
  mutating func int(_ value: Int) {
    separate()
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    let start = bytes.count
    repeat {
      bytes.append(UInt8(truncatingIfNeeded: magnitude % 10) + UInt8(ascii: "0"))
      magnitude /= 10
    } while magnitude > 0
    bytes[start...].reverse()
    needsComma = true
  }

  mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

  /// A number as `JSONEncoder` writes it: the shortest round-trip form without a trailing ".0".
  mutating func number(_ value: Double) {
    if value.isNaN { return string("nan") }
    if value.isInfinite { return string(value > 0 ? "inf" : "-inf") }
    // Whole numbers below 10^15 (most weights, counts and scores) are `description` without its
    // ".0": written as integers. Negative zero keeps its sign ("-0"), so it takes the general path.
    if value.magnitude < 1e15, value == value.rounded(.towardZero), value != 0 || value.sign == .plus {
      return int(Int(value))
    }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    raw(text)
  }

  /// ISO 8601 in UTC to the second ("2024-03-01T09:00:00Z"), as `.iso8601` writes dates.
  mutating func date(_ value: Date) {
    string(Self.iso8601(value))
  }

  /// `value.formatted(.iso8601)` by arithmetic for 1600…9999 (Foundation's formatter costs more
  /// than the rest of a result's line); Foundation outside that range.
  static func iso8601(_ value: Date) -> String {
    let seconds = value.timeIntervalSince1970
    guard seconds >= -11_676_096_000, seconds < 253_402_300_800 else { return value.formatted(.iso8601) }
    let whole = Int(seconds.rounded(.down))
    let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
    let time = whole - days * 86_400
    func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
    return "\(Aggregation.civilDay(days))T\(two(time / 3_600)):\(two(time / 60 % 60)):\(two(time % 60))Z"
  }

  private mutating func raw(_ text: String) {
    separate()
    bytes += text.utf8
    needsComma = true
  }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  // MARK: - The result's nested types, keys in sorted order

  mutating func finding(_ finding: Finding) {
    object {
      $0.key("attributes")
      $0.object {
        for (name, value) in finding.attributes.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
          $0.dynamicKey(name)
          $0.string(value)
        }
      }
      $0.key("category")
      $0.string(finding.category.rawValue)
      $0.key("detector")
      $0.string(finding.detector)
      $0.key("evidence")
      $0.array(finding.evidence) { $0.evidence($1) }
      $0.key("reason")
      $0.string(finding.reason)
      $0.key("severity")
      $0.string(finding.severity.rawValue)
    }
  }

  mutating func question(_ question: QuestionRecord) {
    object {
      $0.key("evidence")
      $0.array(question.evidence) { $0.evidence($1) }
      $0.key("reason")
      $0.string(question.reason)
      if let replyTurn = question.replyTurn {
        $0.key("reply_turn")
        $0.int(replyTurn)
      }
      if let sourceId = question.sourceId {
        $0.key("source_id")
        $0.string(sourceId)
      }
      $0.key("turn")
      $0.int(question.turn)
      $0.key("type")
      $0.string(question.type)
      if let usefulness = question.usefulness {
        $0.key("usefulness")
        $0.number(usefulness)
      }
      $0.key("verdict")
      $0.string(question.verdict.rawValue)
    }
  }

  mutating func evidence(_ evidence: Evidence) {
    object {
      if let note = evidence.note {
        $0.key("note")
        $0.string(note)
      }
      $0.key("role")
      $0.string(evidence.role.rawValue)
      if let sourceId = evidence.sourceId {
        $0.key("source_id")
        $0.string(sourceId)
      }
      $0.key("span")
      $0.object {
        $0.key("end")
        $0.int(evidence.span.end)
        $0.key("start")
        $0.int(evidence.span.start)
        $0.key("text")
        $0.string(evidence.span.text)
      }
      $0.key("speaker")
      $0.string(evidence.speaker)
      $0.key("turn")
      $0.int(evidence.turn)
    }
  }

  mutating func component(_ component: ScoreComponent) {
    object {
      $0.key("category")
      $0.string(component.category.rawValue)
      $0.key("findings")
      $0.int(component.findings)
      $0.key("lapses")
      $0.array(component.lapses) { $0.lapse($1) }
      $0.key("points_lost")
      $0.number(component.pointsLost)
      $0.key("score")
      $0.number(component.score)
      $0.key("weight")
      $0.number(component.weight)
    }
  }

  mutating func lapse(_ share: LapseShare) {
    object {
      $0.key("amount")
      $0.number(share.amount)
      $0.key("findings")
      $0.int(share.findings)
      $0.key("lapse")
      $0.string(share.lapse)
      $0.key("points_lost")
      $0.number(share.pointsLost)
      $0.key("points_per_unit")
      $0.number(share.pointsPerUnit)
    }
  }

  mutating func metrics(_ metrics: ConversationMetrics) {
    object {
      $0.optional("agent_sentiment", metrics.agentSentiment)
      $0.key("agent_turns")
      $0.int(metrics.agentTurns)
      $0.optional("customer_sentiment_end", metrics.customerSentimentEnd)
      $0.optional("customer_sentiment_start", metrics.customerSentimentStart)
      $0.key("customer_turns")
      $0.int(metrics.customerTurns)
      $0.optional("first_response_seconds", metrics.firstResponseSeconds)
      $0.optional("longest_wait_seconds", metrics.longestWaitSeconds)
      $0.key("non_answers")
      $0.int(metrics.nonAnswers)
      $0.key("premature_pitches")
      $0.int(metrics.prematurePitches)
      $0.key("promises_broken")
      $0.int(metrics.promisesBroken)
      $0.key("promises_kept")
      $0.int(metrics.promisesKept)
      $0.key("promises_made")
      $0.int(metrics.promisesMade)
      $0.key("questions")
      $0.int(metrics.questions)
      if let resolution = metrics.resolution {
        $0.key("resolution")
        $0.string(resolution)
      }
    }
  }

  /// A number under `name`, left out when absent (as synthesized `Encodable` does).
  mutating func optional(_ name: StaticString, _ value: Double?) {
    guard let value else { return }
    key(name)
    number(value)
  }
}
