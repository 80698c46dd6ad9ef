import EarshotModel
import EarshotText

/// Finds conversations where the customer's name is known but the agent never uses it.
public struct CustomerNameDetector: Detector {
  /// Settings for the name check.
  public struct Configuration: DetectorConfiguration {
    /// Whether the detector runs.
    public var enabled = true
    /// Agent turns needed before the absence of the name counts (a one-line reply is not a lapse).
    public var minimumAgentTurns = 2.0
    /// Creates the defaults.
    public init() {}
  }

  public static let description = DetectorDescription(
    identifier: "customer_name_unused",
    name: "Customer's name never used",
    rationale: "Using the name the customer gave is the cheapest sign that the agent sees a person, not a ticket.",
    category: .knowing,
    triggeringExamples: [
      """
      Customer: Hi, my name is Jolene and my bill doubled this month.
      Agent: Thank you for contacting us. I can see a roaming charge on the bill.
      Customer: I was never abroad.
      Agent: I have removed the roaming charge; the corrected bill arrives tomorrow.
      """
    ],
    nonTriggeringExamples: [
      """
      Customer: Hi, my name is Jolene and my bill doubled this month.
      Agent: Hi Jolene, I can see a roaming charge on the bill.
      Customer: I was never abroad.
      Agent: I have removed it; the corrected bill arrives tomorrow.
      """
    ])

  public let configuration: Configuration

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  public func findings(in conversation: AnalyzedConversation) -> [Finding] {
    let agentTurns = conversation.turns.filter { $0.role == .agent }
    guard Double(agentTurns.count) >= configuration.minimumAgentTurns,
      let name = CustomerName.find(in: conversation)
    else { return [] }
    let lowered = name.first.lowercased()
    if agentTurns.contains(where: { $0.text.lowercased().contains(lowered) }) { return [] }
    var evidence: [Evidence] = []
    if let given = name.given {
      evidence.append(Evidence(turn: conversation.turns[given.turn], range: given.range, note: "the customer's name"))
    }
    let firstText = conversation.texts[agentTurns[0].index]
    evidence.append(
      Evidence(
        turn: agentTurns[0], range: firstText.sentences.first?.byteRange ?? 0..<firstText.bytes.count,
        note: "first agent reply"))
    return [
      finding(
        .minor, "The customer's name (\(name.first)) is known but no agent turn uses it.", evidence,
        ["name": name.first])
    ]
  }
}

/// The customer's first name, from a self-introduction or a participant name that looks like one.
enum CustomerName {
  struct Found {
    var first: String
    var given: (turn: Int, range: Range<Int>)?
  }

  static let introductions = ["my name is ", "my name's ", "this is ", "i am ", "i'm "]
  static let notNames: Set<String> = [
    "customer", "client", "visitor", "user", "guest", "unknown", "anonymous", "having", "trying", "not", "still", "so",
    "very", "really", "calling", "writing", "a", "an", "the", "just", "sorry", "here", "on", "in", "at", "unable",
  ]

  static func find(in conversation: AnalyzedConversation) -> Found? {
    for turn in conversation.turns where turn.role == .customer {
      let bytes = conversation.texts[turn.index].bytes
      for phrase in introductions {
        guard let range = ByteSearch.firstRange(of: phrase, in: bytes) else { continue }
        // The name is read from the bytes after the phrase, so its offsets are the text's own; it
        // ends at the first ASCII byte that is not a letter or a hyphen.
        let wordEnd = bytes[range.upperBound...].firstIndex { $0 < 0x80 && !ASCII.isLetter($0) && $0 != 0x2D }
        let after = String(decoding: bytes[range.upperBound..<(wordEnd ?? bytes.count)], as: UTF8.self)
        let word = after.prefix { $0.isLetter || $0 == "-" }
        guard let firstLetter = word.first, firstLetter.isUppercase, word.count >= 2,
          !notNames.contains(word.lowercased())
        else { continue }
        let start = range.upperBound
        return Found(first: String(word), given: (turn.index, start..<(start + word.utf8.count)))
      }
    }
    guard let customer = conversation.conversation.participants.first(where: { $0.role == .customer }),
      let name = customer.name, looksLikeName(name)
    else { return nil }
    return Found(first: String(name.split(separator: " ")[0]), given: nil)
  }

  /// A display name such as "Dana Reyes": capitalized letters only, not an address, handle or number.
  static func looksLikeName(_ name: String) -> Bool {
    let parts = name.split(separator: " ")
    guard let first = parts.first, parts.count <= 4, first.count >= 2, first.first?.isUppercase == true else {
      return false
    }
    return first.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" } && !notNames.contains(first.lowercased())
  }
}
