import Foundation

/// A varied, deterministic corpus of a few hundred conversations written into a folder: Earshot
/// JSON Lines files packing many conversations each (so one work unit holds many), single chat
/// logs, a file with a syntax error, a README that is skipped and a file no reader recognizes.
///
/// Companies, agents, channels, days (some timestamps a fraction of a second before midnight),
/// returning customers (forty e-mail addresses) and wording vary with a seeded generator, so the aggregate tables have many rows with unequal
/// sums: what a test of sharding or merging needs to catch an order or rounding difference.
public enum GeneratedCorpus {
  static let companies = ["Acme Broadband", "Globex Mobile", "Initech Software", "Umbrella Energy", "Hooli Cloud"]
  static let agents = ["alice", "bob", "carl", "dana", "eve", "femi", "gus", "hana", "ivo", "jun", "kai", "lena"]
  static let questions = [
    "Why does my router keep dropping the connection every evening?",
    "How do I change the PIN of my SIM card?",
    "My invoice shows a charge twice this month. Can you refund one?",
    "When will the engineer arrive? I took the day off for this.",
    "Can you reset my licence key? It says invalid after I moved laptops.",
    "Where is my parcel? The tracking page has not changed since Monday.",
  ]
  static let answers = [
    "The firmware was outdated; I pushed an update, please restart the router and it will stay connected.",
    "Open the app, go to My SIM and tap Change PIN; you need your current PIN or the PUK from the card.",
    "You are right, the second charge was an error. I refunded it today; it shows within 3 working days.",
    "The engineer is booked between 8 and 12 tomorrow and will call you 30 minutes before arriving.",
    "I reset the key on our side; enter it again on the new laptop and it will activate.",
    "The parcel is at the local depot and goes out for delivery tomorrow before noon.",
  ]
  static let pitches = [
    "Did you know we also have a Premium plan with priority support? You can upgrade today for 20% off.",
    "Before we continue, have you seen our new annual bundle? It saves you two months.",
  ]
  static let vague = ["Let me look into it.", "I will check and get back to you soon.", "Please bear with us."]
  static let closings = ["Thanks, that fixed it.", "OK, thank you.", "This still does not answer my question."]

  /// Writes the corpus into `folder` (created if missing).
  ///
  /// - Parameters:
  ///   - folder: where the files go.
  ///   - conversations: how many conversations in all (about; the chat logs take one each).
  ///   - packedFiles: how many JSON Lines files share most of them.
  /// - Returns: the number of conversations written that a reader can score (the broken file's not counted).
  @discardableResult
  public static func write(into folder: URL, conversations: Int = 300, packedFiles: Int = 6, seed: UInt64 = 7)
    throws -> Int
  {
    var random = SplitMix(seed: seed)
    let chatLogs = max(1, conversations / 10)
    let packed = conversations - chatLogs
    var written = 0
    for file in 0..<packedFiles {
      var lines: [String] = []
      let count = packed / packedFiles + (file < packed % packedFiles ? 1 : 0)
      for index in 0..<count {
        lines.append(jsonConversation(id: "gen-\(file)-\(index)", random: &random))
      }
      try write(lines.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("packed/batch-\(file).jsonl"))
      written += count
    }
    for index in 0..<chatLogs {
      try write(
        chatLog(id: "log-\(index)", random: &random),
        to: folder.appendingPathComponent("logs/\(index % 4)/chat-\(index).txt"))
      written += 1
    }
    try write(
      "{\"id\": \"broken\", \"turns\": [{\"role\": \"customer\" \"text\": \"hi\"}]}\n",
      to: folder.appendingPathComponent("packed/broken.json"))
    try write("Generated corpus for the merge tests.\n", to: folder.appendingPathComponent("README.md"))
    try write("\u{0}\u{1}binary noise, no transcript\u{2}\n", to: folder.appendingPathComponent("logs/noise.bin"))
    return written
  }

  static func jsonConversation(id: String, random: inout SplitMix) -> String {
    let company = companies[random.below(companies.count)]
    let agent = agents[random.below(agents.count)]
    let channel = random.below(3) == 0 ? "email" : "chat"
    let day = 1 + random.below(28)
    // Some conversations start a fraction of a second before midnight: the day tables use the UTC day.
    let start = random.below(9) == 0 ? 86_399.5 - Double(random.below(3) * 60) : Double(28_800 + random.below(36_000))
    var at = start
    func stamp() -> String {
      let base = Date(timeIntervalSince1970: 1_709_251_200 + Double(day - 1) * 86_400 + at)
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      at += Double(30 + random.below(900))
      return formatter.string(from: base)
    }
    var turns: [String] = []
    let topic = random.below(questions.count)
    // Forty customers by e-mail address: many come back within days, some about the same problem.
    let customer = "customer\(random.below(40))@example.com"
    turns.append(turn(customer, stamp(), questions[topic]))
    switch random.below(4) {
    case 0: turns.append(turn(agent, stamp(), pitches[random.below(pitches.count)]))
    case 1: turns.append(turn(agent, stamp(), vague[random.below(vague.count)]))
    default: break
    }
    if random.below(5) != 0 { turns.append(turn(agent, stamp(), answers[topic])) }
    turns.append(turn(customer, stamp(), closings[random.below(closings.count)]))
    return """
      {"id": "\(id)", "channel": "\(channel)", "company": "\(company)", "participants": [\
      {"id": "\(customer)", "role": "customer"}, {"id": "\(agent)", "role": "agent", "name": "\(agent.capitalized)"}], \
      "turns": [\(turns.joined(separator: ", "))]}
      """
  }

  static func turn(_ speaker: String, _ at: String, _ text: String) -> String {
    "{\"speaker\": \"\(speaker)\", \"at\": \"\(at)\", \"text\": \"\(text)\"}"
  }

  static func chatLog(id: String, random: inout SplitMix) -> String {
    let company = companies[random.below(companies.count)]
    let agent = agents[random.below(agents.count)].capitalized
    let topic = random.below(questions.count)
    let minute = 10 + random.below(40)
    var text =
      "# id: \(id)\n# channel: chat\n# company: \(company)\n# date: 2024-03-\(String(format: "%02d", 1 + random.below(28)))\n"
    text += "[10:\(minute)] Customer Sam: \(questions[topic])\n"
    if random.below(3) == 0 { text += "[10:\(minute + 2)] Agent \(agent): \(pitches[random.below(pitches.count)])\n" }
    text += "[10:\(minute + 5)] Agent \(agent): \(answers[topic])\n"
    text += "[10:\(minute + 7)] Customer Sam: \(closings[random.below(closings.count)])\n"
    return text
  }

  static func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }
}
