import EarshotModel
import Foundation

/// Reads the "Customer Support on Twitter" CSV (Kaggle twcs: `tweet_id, author_id, inbound,
/// created_at, text, response_tweet_id, in_response_to_tweet_id`).
///
/// Conversations are rebuilt from the reply links: every connected set of tweets (through
/// `in_response_to_tweet_id` and `response_tweet_id`, links to tweets absent from the file being
/// ignored) is one `social` conversation, its turns in time order, its id the id of its earliest
/// tweet. Company accounts (`inbound` False) are the agent side and the conversation's company; a
/// sign-off at the end of a company tweet (`^JK`, `-Becky`) names the individual agent, whose
/// participant id is `Company/JK`, and unsigned company tweets speak as the account itself.
///
/// Memory: a conversation is complete only when its last linked tweet has been read, and links
/// point both ways across the whole file, so the file is read twice. The first pass keeps only the
/// reply graph as integers (`TweetGraph`: ids and links, no text); the second pass re-reads the
/// records, collects the tweets of the conversations that are still open and emits each one as soon
/// as its last tweet is read (in order of first tweets, as before). Memory is the graph plus the
/// open conversations' tweets, not the file's text: on twcs, whose conversations are close
/// together in the file, a few hundred tweets at a time.
public struct TwitterCSVReader: TranscriptReader {
  public var format: String { "twitter-csv" }
  public var summary: String { "Customer Support on Twitter CSV (twcs): conversations rebuilt from reply links" }

  let options: ExportReaderOptions

  /// Creates the reader; `options.twitterSignOffs` turns agent sign-off detection on or off.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  static let required = ["tweet_id", "author_id", "inbound", "created_at", "text"]

  public func sniff(_ sample: InputSample) -> Bool {
    guard let header = sample.text.split(separator: "\n", maxSplits: 1).first else { return false }
    let columns = Set(header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    return Self.required.allSatisfy(columns.contains) && columns.contains("in_response_to_tweet_id")
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    // Pass 1: validate records (diagnostics come from here only) and build the reply graph.
    var csv = try CSVStreamReader(file: file)
    defer { csv.close() }
    let columns = try header(&csv, file: file)
    var graph = TweetGraph()
    var accepted: [Bool] = []
    var calendars = TwitterCalendars()
    while let record = try csv.next() {
      guard let id = acceptedID(record, columns: columns, graph: &graph, file: file, diagnose: diagnose) else {
        accepted.append(false)
        continue
      }
      accepted.append(true)
      let created = columns.field(record, "created_at")
      if !created.isEmpty && calendars.date(created) == nil {
        diagnose(
          InputDiagnostic(
            file: file.path, line: record.line,
            "expected created_at like 'Tue Oct 31 22:10:47 +0000 2017', found '\(created)'; time left empty"))
      }
      let links =
        Self.ids(columns.field(record, "in_response_to_tweet_id")).prefix(1)
        + Self.ids(columns.field(record, "response_tweet_id"))
      graph.add(id: id, links: Array(links))
    }
    let (root, last) = graph.components()

    // Pass 2: collect the tweets of open conversations; emit each when its last tweet is read.
    var again = try CSVStreamReader(file: file)
    defer { again.close() }
    _ = try header(&again, file: file)
    var open: [Int32: [Tweet]] = [:]
    var complete = Set<Int32>()
    var nextRoot: Int32 = 0
    var tweetIndex = 0
    var recordIndex = 0
    func changed(_ line: Int?) -> InputDiagnostic {
      InputDiagnostic(file: file.path, line: line, "the file changed while it was being read; read it again")
    }
    while let record = try again.next() {
      defer { recordIndex += 1 }
      guard recordIndex < accepted.count else { throw changed(record.line) }
      guard accepted[recordIndex] else { continue }
      let tweet = Tweet(record, columns: columns, calendars: &calendars)
      guard tweetIndex < graph.count, graph.existingKey(tweet.id) == graph.keys[tweetIndex] else {
        throw changed(record.line)
      }
      let top = root[tweetIndex]
      open[top, default: []].append(tweet)
      if last[Int(top)] == Int32(tweetIndex) { complete.insert(top) }
      tweetIndex += 1
      while complete.contains(nextRoot) {
        complete.remove(nextRoot)
        if let members = open.removeValue(forKey: nextRoot) { try emit(conversation(members, file: file)) }
        nextRoot += 1
        while Int(nextRoot) < root.count, root[Int(nextRoot)] != nextRoot { nextRoot += 1 }
      }
    }
    guard tweetIndex == graph.count, open.isEmpty else { throw changed(nil) }
  }

  /// Reads the header row and finds the columns.
  private func header(_ csv: inout CSVStreamReader, file: InputFile) throws -> TwitterColumns {
    guard let header = try csv.next() else { throw InputDiagnostic(file: file.path, line: 1, "the file is empty") }
    let names = header.fields.map { String(decoding: $0, as: UTF8.self).exportTrimmed }
    var column: [String: Int] = [:]
    for (index, name) in names.enumerated() where column[name] == nil { column[name] = index }
    let missing = Self.required.filter { column[$0] == nil }
    guard missing.isEmpty else {
      throw InputDiagnostic(
        file: file.path, line: 1, "expected the twcs header columns; missing \(missing.joined(separator: ", "))")
    }
    return TwitterColumns(count: names.count, index: column)
  }

  /// The record's tweet id when the record is read (enough fields, a new id); otherwise diagnoses
  /// why it is skipped (blank records are skipped silently).
  private func acceptedID(
    _ record: CSVRecord, columns: TwitterColumns, graph: inout TweetGraph, file: InputFile,
    diagnose: (InputDiagnostic) -> Void
  ) -> String? {
    if record.fields.count == 1 && record.fields[0].isEmpty { return nil }
    guard record.fields.count >= columns.count else {
      diagnose(
        InputDiagnostic(
          file: file.path, line: record.line,
          "expected \(columns.count) fields, found \(record.fields.count); record skipped"))
      return nil
    }
    let id = columns.field(record, "tweet_id")
    guard !id.isEmpty, !graph.contains(id) else {
      diagnose(
        InputDiagnostic(file: file.path, line: record.line, "missing or repeated tweet_id '\(id)'; record skipped"))
      return nil
    }
    return id
  }

  /// Tweet ids from `"9,6,10"` or a float-formatted `"3.0"`.
  static func ids(_ text: String) -> [String] {
    if let ids = asciiIDs(text) { return ids }
    return text.split(separator: ",").compactMap { part in
      var id = part.trimmingCharacters(in: .whitespaces)
      if id.hasSuffix(".0") { id.removeLast(2) }
      return id.isEmpty ? nil : id
    }
  }

  /// `ids` on bytes when the field holds only digits, dots, commas, spaces and tabs (every real
  /// export); nil otherwise, for the general path (which trims Unicode spaces as well).
  static func asciiIDs(_ text: String) -> [String]? {
    let bytes = text.utf8
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    guard bytes.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2C || $0 == 0x2E || isSpace($0) }) else {
      return nil
    }
    var ids: [String] = []
    for part in bytes.split(separator: 0x2C) {
      var id = part.drop(while: isSpace)
      while let last = id.last, isSpace(last) { id = id.dropLast() }
      if id.count >= 2, id.last == 0x30, id[id.index(id.endIndex, offsetBy: -2)] == 0x2E { id = id.dropLast(2) }
      if !id.isEmpty { ids.append(String(decoding: id, as: UTF8.self)) }
    }
    return ids
  }

  private func conversation(_ members: [Tweet], file: InputFile) -> Conversation {
    let ordered = members.sorted { lhs, rhs in
      switch (lhs.date, rhs.date) {
      case (let left?, let right?) where left != right: return left < right
      default: return (Int64(lhs.id) ?? 0, lhs.id) < (Int64(rhs.id) ?? 0, rhs.id)
      }
    }
    var participants: [Participant] = []
    var known: Set<String> = []
    var companies: [String] = []
    var turns: [Turn] = []
    for tweet in ordered {
      var speaker = tweet.author
      var role = ParticipantRole.customer
      var name: String?
      var attributes = ["tweet_id": tweet.id]
      if let parent = tweet.parent { attributes["in_reply_to"] = parent }
      if !tweet.inbound {
        role = .agent
        if !companies.contains(tweet.author) { companies.append(tweet.author) }
        if options.twitterSignOffs, let agent = TwitterSignOff.agent(in: tweet.text) {
          speaker = tweet.author + "/" + agent
          name = agent
          attributes["signoff"] = agent
        }
      }
      if !known.contains(speaker) {
        known.insert(speaker)
        participants.append(Participant(id: speaker, role: role, name: name))
      }
      turns.append(
        Turn(
          index: turns.count, speaker: speaker, role: role, timestamp: tweet.date,
          text: ExportText.decodeEntities(tweet.text), location: SourceLocation(file: file.path, line: tweet.line),
          attributes: attributes))
    }
    var metadata: [String: String] = ["tweets": String(ordered.count)]
    if companies.count > 1 { metadata["companies"] = companies.joined(separator: ",") }
    return Conversation(
      id: ordered.first?.id ?? "", channel: .social, company: companies.first ?? options.company,
      sourceFile: file.path, participants: participants, turns: turns, metadata: metadata)
  }
}

/// Where the twcs columns are.
private struct TwitterColumns {
  /// The number of header columns.
  var count: Int
  var index: [String: Int]

  func field(_ record: CSVRecord, _ name: String) -> String {
    index[name].map { record.string($0) } ?? ""
  }
}

/// One tweet as read from the CSV.
private struct Tweet {
  var id: String
  var author: String
  var inbound: Bool
  var date: Date?
  var text: String
  var responses: [String]
  var parent: String?
  var line: Int

  init(_ record: CSVRecord, columns: TwitterColumns, calendars: inout TwitterCalendars) {
    id = columns.field(record, "tweet_id")
    author = columns.field(record, "author_id")
    inbound = columns.field(record, "inbound").lowercased() == "true"
    date = calendars.date(columns.field(record, "created_at"))
    text = columns.field(record, "text")
    responses = TwitterCSVReader.ids(columns.field(record, "response_tweet_id"))
    parent = TwitterCSVReader.ids(columns.field(record, "in_response_to_tweet_id")).first
    self.line = record.line
  }
}

/// Parses Twitter's `created_at` format, `Tue Oct 31 22:10:47 +0000 2017`, on bytes.
enum TwitterDate {
  private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// The parts of a stamp, every number range-checked (a 14-digit year would overflow date
  /// arithmetic), or nil when `text` is not in that format.
  static func components(_ text: String) -> (date: DateComponents, offset: Int)? {
    let parts = text.split(separator: " ")
    guard parts.count == 6, let month = months.firstIndex(of: String(parts[1])), let day = Int(parts[2]),
      let year = Int(parts[5]), (1...9999).contains(year), (1...31).contains(day)
    else { return nil }
    let clock = parts[3].split(separator: ":").compactMap { Int($0) }
    let zone = parts[4]
    guard clock.count == 3, (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2]),
      zone.count == 5, let offset = Int(zone.dropFirst()), offset >= 0
    else { return nil }
    let sign = zone.hasPrefix("-") ? -1 : 1
    let seconds = sign * ((offset / 100) * 3600 + (offset % 100) * 60)
    return (
      DateComponents(year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2]),
      seconds
    )
  }

  /// The instant of a stamp in Twitter's exact 30-byte layout, by arithmetic, when the general
  /// path would give the same: a year after 1582 (Foundation's Gregorian calendar is Julian
  /// before its cutover), a day that exists in its month and a second below 60 (the general path
  /// leaves Foundation to roll those over). Nil sends the stamp to the general path.
  static func fixedLayoutInstant(_ text: String) -> Date? {
    let utf8 = text.utf8
    return utf8.withContiguousStorageIfAvailable { bytes -> Date? in
      guard bytes.count == 30, bytes[0] != 0x20, bytes[1] != 0x20, bytes[2] != 0x20, bytes[3] == 0x20, bytes[7] == 0x20,
        bytes[10] == 0x20, bytes[13] == 0x3A,
        bytes[16] == 0x3A, bytes[19] == 0x20, bytes[25] == 0x20
      else { return nil }
      func number(_ start: Int, _ count: Int) -> Int? {
        var value = 0
        for position in start..<(start + count) {
          let digit = Int(bytes[position]) - 0x30
          guard (0...9).contains(digit) else { return nil }
          value = value * 10 + digit
        }
        return value
      }
      guard let month = monthBytes.firstIndex(where: { $0 == (bytes[4], bytes[5], bytes[6]) }).map({ $0 + 1 }),
        let day = number(8, 2), let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
        let offset = number(21, 4), let year = number(26, 4),
        year > 1582, day >= 1, day <= CivilDays.inMonth(month, of: year), hour <= 23, minute <= 59, second <= 59
      else { return nil }
      let sign = bytes[20] == 0x2D ? -1 : 1
      let zone = sign * ((offset / 100) * 3600 + (offset % 100) * 60)
      // The general path asks Foundation for a zone at this offset and fails when there is none.
      guard abs(zone) <= 18 * 3600 else { return nil }
      let days = CivilDays.since1970(year: year, month: month, day: day)
      return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second - zone))
    } ?? nil
  }

  private static let monthBytes: [(UInt8, UInt8, UInt8)] = months.map { name in
    let bytes = Array(name.utf8)
    return (bytes[0], bytes[1], bytes[2])
  }

  /// The instant, or nil when `text` is not in that format.
  static func parse(_ text: String) -> Date? {
    var calendars = TwitterCalendars()
    return calendars.date(text)
  }
}

/// Parses `created_at` stamps with one calendar per zone offset, made once per file instead of once
/// per tweet.
struct TwitterCalendars {
  private var byOffset: [Int: Calendar] = [:]

  /// The instant `text` names, or nil when it is not a Twitter stamp.
  mutating func date(_ text: String) -> Date? {
    TwitterDate.fixedLayoutInstant(text) ?? calendarDate(text)
  }

  /// The instant by Foundation's calendar: every stamp `TwitterDate.components` reads.
  mutating func calendarDate(_ text: String) -> Date? {
    guard let stamp = TwitterDate.components(text) else { return nil }
    let (components, offset) = stamp
    if byOffset[offset] == nil {
      guard let timeZone = TimeZone(secondsFromGMT: offset) else { return nil }
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = timeZone
      byOffset[offset] = calendar
    }
    return byOffset[offset]?.date(from: components)
  }
}
