import EarshotModel
import Foundation

/// Reads NPS Chat Corpus session files (`<Session><Posts><Post class user>text<terminals/>`).
///
/// A session is one chat conversation with no company and no support roles: posts whose dialogue
/// act is `System` (joins, parts, nick changes) are system turns, every other speaker's role is
/// `unknown` and the conversation says so in `metadata["roles"] = "none"`. Each turn keeps its
/// dialogue act in `attributes["dialogue_act"]`. The corpus has no timestamps.
public struct NPSChatXMLReader: TranscriptReader {
  public var format: String { "nps-chat-xml" }
  public var summary: String { "NPS Chat Corpus XML: one chat conversation per <Session>" }

  let options: ExportReaderOptions

  /// Creates the reader.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    XMLSniffing.matches(sample, roots: ["Session"], markers: ["<Post"])
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let xml = try XMLStreamReader(file: file, limits: options.xmlLimits)
    var participants: [Participant] = []
    var known: Set<String> = []
    var turns: [Turn] = []
    var sawSession = false
    while let event = try xml.next() {
      guard case .start(let tag) = event else { continue }
      if tag.name == "Session" { sawSession = true }
      guard tag.name == "Post" else { continue }
      guard let user = tag["user"] else {
        diagnose(xml.diagnostic(at: tag, "expected a 'user' attribute; post skipped"))
        try xml.skip(elementAt: tag.depth)
        continue
      }
      let act = tag["class"] ?? ""
      let text = try xml.text(ofElementAt: tag.depth, descendants: false).exportTrimmed
      let role: ParticipantRole = act == "System" ? .system : .unknown
      if !known.contains(user) {
        known.insert(user)
        participants.append(Participant(id: user, role: .unknown))
      }
      turns.append(
        Turn(
          index: turns.count, speaker: user, role: role, text: text,
          location: SourceLocation(file: file.path, line: tag.line), attributes: ["dialogue_act": act]))
    }
    guard sawSession else {
      throw InputDiagnostic(file: file.path, line: 1, "expected a <Session> root element")
    }
    let id = file.url.deletingPathExtension().lastPathComponent
    try emit(
      Conversation(
        id: id, channel: .chat, company: options.company, sourceFile: file.path, participants: participants,
        turns: turns, metadata: ["roles": "none", "corpus": "nps-chat"]))
  }
}
