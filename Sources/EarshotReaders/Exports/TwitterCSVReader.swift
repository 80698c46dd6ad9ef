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
/// The reply graph can only be closed at the end of the file, so the reader keeps every tweet of
/// the file in memory (about 250 bytes per tweet plus its text).
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
    var csv = try CSVStreamReader(file: file)
    defer { csv.close() }
    guard let header = try csv.next() else { throw InputDiagnostic(file: file.path, line: 1, "the file is empty") }
    let names = header.fields.map { String(decoding: $0, as: UTF8.self).exportTrimmed }
    var column: [String: Int] = [:]
    for (index, name) in names.enumerated() where column[name] == nil { column[name] = index }
    let missing = Self.required.filter { column[$0] == nil }
    guard missing.isEmpty else {
      throw InputDiagnostic(
        file: file.path, line: 1, "expected the twcs header columns; missing \(missing.joined(separator: ", "))")
    }
    var tweets: [Tweet] = []
    var indexByID: [String: Int] = [:]
    while let record = try csv.next() {
      if record.fields.count == 1 && record.fields[0].isEmpty { continue }
      guard record.fields.count >= names.count else {
        diagnose(
          InputDiagnostic(
            file: file.path, line: record.line,
            "expected \(names.count) fields, found \(record.fields.count); record skipped"))
        continue
      }
      func field(_ name: String) -> String { column[name].map { record.string($0) } ?? "" }
      let id = field("tweet_id")
      guard !id.isEmpty, indexByID[id] == nil else {
        diagnose(
          InputDiagnostic(file: file.path, line: record.line, "missing or repeated tweet_id '\(id)'; record skipped"))
        continue
      }
      let created = field("created_at")
      let date = TwitterDate.parse(created)
      if date == nil && !created.isEmpty {
        diagnose(
          InputDiagnostic(
            file: file.path, line: record.line,
            "expected created_at like 'Tue Oct 31 22:10:47 +0000 2017', found '\(created)'; time left empty"))
      }
      indexByID[id] = tweets.count
      tweets.append(
        Tweet(
          id: id, author: field("author_id"), inbound: field("inbound").lowercased() == "true", date: date,
          text: field("text"), responses: Self.ids(field("response_tweet_id")),
          parent: Self.ids(field("in_response_to_tweet_id")).first, line: record.line))
    }
    for conversation in conversations(tweets, indexByID: indexByID, file: file) { try emit(conversation) }
  }

  /// Tweet ids from `"9,6,10"` or a float-formatted `"3.0"`.
  static func ids(_ text: String) -> [String] {
    text.split(separator: ",").compactMap { part in
      var id = part.trimmingCharacters(in: .whitespaces)
      if id.hasSuffix(".0") { id.removeLast(2) }
      return id.isEmpty ? nil : id
    }
  }

  private func conversations(_ tweets: [Tweet], indexByID: [String: Int], file: InputFile) -> [Conversation] {
    var parent = Array(tweets.indices)
    func root(_ index: Int) -> Int {
      var node = index
      while parent[node] != node {
        parent[node] = parent[parent[node]]
        node = parent[node]
      }
      return node
    }
    func union(_ a: Int, _ b: Int) {
      let (rootA, rootB) = (root(a), root(b))
      if rootA != rootB { parent[max(rootA, rootB)] = min(rootA, rootB) }
    }
    for (index, tweet) in tweets.enumerated() {
      for linked in (tweet.parent.map { [$0] } ?? []) + tweet.responses {
        if let other = indexByID[linked] { union(index, other) }
      }
    }
    var groups: [Int: [Int]] = [:]
    for index in tweets.indices { groups[root(index), default: []].append(index) }
    return groups.keys.sorted().compactMap { key in
      guard let members = groups[key] else { return nil }
      return conversation(members.map { tweets[$0] }, file: file)
    }
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
}

/// Parses Twitter's `created_at` format, `Tue Oct 31 22:10:47 +0000 2017`, on bytes.
enum TwitterDate {
  private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// The instant, or nil when `text` is not in that format.
  static func parse(_ text: String) -> Date? {
    let parts = text.split(separator: " ")
    guard parts.count == 6, let month = months.firstIndex(of: String(parts[1])), let day = Int(parts[2]),
      let year = Int(parts[5])
    else { return nil }
    let clock = parts[3].split(separator: ":").compactMap { Int($0) }
    let zone = parts[4]
    guard clock.count == 3, zone.count == 5, let offset = Int(zone.dropFirst()) else { return nil }
    let sign = zone.hasPrefix("-") ? -1 : 1
    let seconds = sign * ((offset / 100) * 3600 + (offset % 100) * 60)
    var calendar = Calendar(identifier: .gregorian)
    guard let timeZone = TimeZone(secondsFromGMT: seconds) else { return nil }
    calendar.timeZone = timeZone
    return calendar.date(
      from: DateComponents(year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2]))
  }
}
