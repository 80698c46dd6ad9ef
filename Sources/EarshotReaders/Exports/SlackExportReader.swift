import EarshotModel
import Foundation

/// Reads an unzipped Slack export folder: `users.json`, `channels.json` and one folder per channel
/// of `YYYY-MM-DD.json` day files. The files of one export form one group (key: the export folder).
///
/// Conversations: each thread (`thread_ts`) is one conversation, id `channel/thread_ts`; messages
/// outside threads form one conversation per channel and day, id `channel/YYYY-MM-DD`. Roles: bots
/// (`users[].is_bot`, `bot_message`, `bot_id`) are bots; join/leave/topic subtypes are system turns;
/// users listed in `agentNames` (id, name or real name) are agents and everyone else a customer;
/// without that list, Slack Connect users from another team (`user_team`) or restricted guests are
/// customers and the workspace's own members agents; with no such signal the first speaker is the
/// customer and `metadata["roles"]` says `guessed`. Mentions and links are turned into plain text.
public struct SlackExportReader: GroupedTranscriptReader {
  public var format: String { "slack-export" }
  public var summary: String { "Slack export folder (users.json + channel folders of day files)" }

  let options: ExportReaderOptions

  /// Creates the reader.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  static let metadataFiles: Set<String> = [
    "users.json", "channels.json", "groups.json", "dms.json", "mpims.json", "integration_logs.json",
    "org_users.json", "canvases.json",
  ]

  /// Whether `name` looks like `2024-03-01.json`.
  static func isDayFile(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard bytes.count == 15, name.hasSuffix(".json") else { return false }
    return bytes.prefix(10).enumerated().allSatisfy { index, byte in
      index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (byte >= 0x30 && byte <= 0x39)
    }
  }

  public func groupKey(for file: InputFile) -> String {
    let folder = file.url.deletingLastPathComponent()
    return Self.isDayFile(file.url.lastPathComponent) ? folder.deletingLastPathComponent().path : folder.path
  }

  public func sniff(_ sample: InputSample) -> Bool {
    let name = sample.file.url.lastPathComponent
    // Names first: the file-system checks below run only for files shaped like an export's.
    guard Self.metadataFiles.contains(name) || Self.isDayFile(name) else { return false }
    let root = URL(fileURLWithPath: groupKey(for: sample.file))
    guard FileManager.default.fileExists(atPath: root.appendingPathComponent("users.json").path) else { return false }
    if Self.metadataFiles.contains(name) {
      return FileManager.default.fileExists(atPath: root.appendingPathComponent("channels.json").path)
    }
    return Self.isDayFile(name) && sample.firstSignificantByte == UInt8(ascii: "[") && sample.text.contains("\"ts\"")
  }

  public func read(
    group files: [InputFile], emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    guard let first = files.first else { return }
    let root = URL(fileURLWithPath: groupKey(for: first))
    let usersFile = InputFile(path: root.appendingPathComponent("users.json").path)
    var users: [String: SlackUser] = [:]
    do {
      let list = try ExportJSON.decode(
        [SlackUser].self, from: try usersFile.contents(), file: usersFile, keys: .snakeCase)
      for user in list { if let id = user.id { users[id] = user } }
    } catch let diagnostic as InputDiagnostic {
      diagnose(diagnostic)
    }
    let homeTeam = Self.mostCommon(users.values.compactMap(\.teamId))
    var channels: [String: [InputFile]] = [:]
    for file in files where Self.isDayFile(file.url.lastPathComponent) {
      channels[file.url.deletingLastPathComponent().lastPathComponent, default: []].append(file)
    }
    for channel in channels.keys.sorted() {
      var order: [String] = []
      var threads: [String: [(SlackMessage, InputFile, String)]] = [:]
      for file in (channels[channel] ?? []).sorted(by: { $0.url.lastPathComponent < $1.url.lastPathComponent }) {
        let day = String(file.url.lastPathComponent.prefix(10))
        let messages: [SlackMessage]
        do {
          let data = try file.contents()
          messages = try ExportJSON.decode([SlackMessage].self, from: data, file: file, keys: .snakeCase)
          for (index, message) in messages.enumerated() where message.ts != nil && Self.seconds(message.ts) == nil {
            diagnose(
              DecodingErrorText.diagnostic(
                JSONValueProblem(
                  [.index(index), .key("ts")],
                  "expected epoch seconds between years 1 and 9999, found '\(message.ts ?? "")'; time left empty"),
                file: file, bytes: [UInt8](data), start: .start))
          }
        } catch let diagnostic as InputDiagnostic {
          diagnose(diagnostic)
          continue
        }
        for message in messages {
          let key = message.threadTs.map { "\(channel)/\($0)" } ?? "\(channel)/\(day)"
          if threads[key] == nil { order.append(key) }
          threads[key, default: []].append((message, file, day))
        }
      }
      for key in order {
        guard let messages = threads[key] else { continue }
        try emit(conversation(id: key, channel: channel, messages: messages, users: users, homeTeam: homeTeam))
      }
    }
  }

  private func conversation(
    id: String, channel: String, messages: [(SlackMessage, InputFile, String)], users: [String: SlackUser],
    homeTeam: String?
  ) -> Conversation {
    let sorted = messages.sorted { (Self.seconds($0.0.ts) ?? 0) < (Self.seconds($1.0.ts) ?? 0) }
    let configured = !options.agentNames.isEmpty
    let external = sorted.contains { entry in
      let user = entry.0.user.flatMap { users[$0] }
      return Self.isExternal(entry.0, user: user, homeTeam: homeTeam)
    }
    var assembler = ConversationAssembler()
    var firstHuman: String?
    for (message, file, _) in sorted {
      let userID = message.user ?? message.botId ?? message.username ?? "unknown"
      let user = message.user.flatMap { users[$0] }
      let name =
        user?.profile?.displayName.flatMap { $0.isEmpty ? nil : $0 } ?? user?.realName ?? user?.name
        ?? message.userProfile?.realName ?? message.username
      var role: ParticipantRole
      if user?.isBot == true || message.subtype == "bot_message" || (message.botId != nil && message.user == nil) {
        role = .bot
      } else if let subtype = message.subtype, subtype.hasPrefix("channel_") || subtype.hasPrefix("group_") {
        role = .system
      } else if configured {
        let names = [userID, user?.name, user?.realName].compactMap { $0 }
        role = names.contains(where: options.isAgentName) ? .agent : .customer
      } else if external {
        role = Self.isExternal(message, user: user, homeTeam: homeTeam) ? .customer : .agent
      } else {
        if firstHuman == nil { firstHuman = userID }
        role = userID == firstHuman ? .customer : .agent
      }
      if let known = assembler.role(of: userID), role != .system { role = known }
      var attributes: [String: String] = [:]
      attributes["ts"] = message.ts
      attributes["subtype"] = message.subtype
      let seconds = Self.seconds(message.ts)
      assembler.add(
        speaker: userID, role: role, name: name, timestamp: seconds.map { Date(timeIntervalSince1970: $0) },
        text: Self.plainText(message.text ?? "", users: users), location: SourceLocation(file: file.path),
        attributes: attributes)
    }
    var metadata = ["slack_channel": channel]
    if !configured && !external { metadata["roles"] = "guessed" }
    return assembler.conversation(
      id: id, channel: .chat, company: options.company, file: sorted[0].1, metadata: metadata)
  }

  /// A message's `ts` as epoch seconds, or nil when it is missing, not a number, not finite or
  /// outside years 1–9999 (checked before any date arithmetic).
  static func seconds(_ ts: String?) -> Double? {
    guard let ts, let value = Double(ts), value.isFinite, TimestampParser.epochRange.contains(value) else {
      return nil
    }
    return value
  }

  static func isExternal(_ message: SlackMessage, user: SlackUser?, homeTeam: String?) -> Bool {
    if user?.isRestricted == true || user?.isUltraRestricted == true { return true }
    if let team = message.userTeam, let homeTeam, team != homeTeam { return true }
    return false
  }

  static func mostCommon(_ values: [String]) -> String? {
    var counts: [String: Int] = [:]
    for value in values { counts[value, default: 0] += 1 }
    return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
  }

  /// Slack mrkdwn to plain text: `<@U1>` → `@name`, `<#C1|general>` → `#general`, `<url|label>` → label.
  static func plainText(_ text: String, users: [String: SlackUser]) -> String {
    guard text.contains("<") else { return ExportText.decodeEntities(text) }
    var result = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
      result += rest[..<open]
      let inner = rest[rest.index(after: open)..<close]
      let parts = inner.split(separator: "|", maxSplits: 1).map(String.init)
      let target = parts.first ?? ""
      if target.hasPrefix("@") {
        let id = String(target.dropFirst())
        result += "@" + (parts.count > 1 ? parts[1] : users[id]?.name ?? id)
      } else if target.hasPrefix("#") {
        result += "#" + (parts.count > 1 ? parts[1] : String(target.dropFirst()))
      } else if target.hasPrefix("!") {
        result += "@" + (parts.count > 1 ? parts[1] : String(target.dropFirst()))
      } else {
        result += parts.count > 1 ? parts[1] : target
      }
      rest = rest[rest.index(after: close)...]
    }
    result += rest
    return ExportText.decodeEntities(result)
  }
}

/// A user in `users.json`.
struct SlackUser: Decodable {
  struct Profile: Decodable {
    var displayName: String?
    var realName: String?
  }

  var id: String?
  var teamId: String?
  var name: String?
  var realName: String?
  var isBot: Bool?
  var isRestricted: Bool?
  var isUltraRestricted: Bool?
  var profile: Profile?
}

/// A message in a day file.
struct SlackMessage: Decodable {
  var type: String?
  var subtype: String?
  var user: String?
  var botId: String?
  var username: String?
  var text: String?
  var ts: String?
  var threadTs: String?
  var userTeam: String?
  var userProfile: SlackUser.Profile?
}
