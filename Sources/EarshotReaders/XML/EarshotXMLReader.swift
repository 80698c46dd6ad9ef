import EarshotModel
import Foundation

/// Reads Earshot's own transcript XML, the element-for-key mirror of Earshot JSON
/// (schema: `docs/schemas/earshot-transcript.rng`, described in `docs/formats-xml-chat.md`):
///
/// ```xml
/// <conversations xmlns="urn:earshot:transcript:1">
///   <conversation id="demo-1" channel="chat" company="Acme">
///     <metadata><entry key="subject">Missing parcel</entry></metadata>
///     <participants><participant id="dana" role="customer" name="Dana"/></participants>
///     <turns><turn speaker="dana" at="2024-03-01T10:32:00Z">Where is my parcel?</turn></turns>
///   </conversation>
/// </conversations>
/// ```
///
/// Each conversation is emitted when its end tag is read, so a file of many conversations streams.
/// Roles and timestamps are checked exactly as in Earshot JSON.
public struct EarshotXMLReader: TranscriptReader {
  public var format: String { "earshot-xml" }
  public var summary: String { "Earshot transcript XML: <conversation> elements with <participants> and <turns>" }

  let options: ExportReaderOptions

  /// Creates the reader.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    XMLSniffing.matches(sample, roots: ["conversation", "conversations"], markers: ["<turn"])
      || XMLSniffing.matches(sample, roots: ["conversation", "conversations"], markers: ["urn:earshot:transcript"])
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let xml = try XMLStreamReader(file: file, limits: options.xmlLimits)
    let converter = EarshotJSONConverter(file: file)
    var document: EarshotJSONDocument?
    var start: XMLStartTag?
    var turnLines: [Int] = []
    var ordinal = 0
    var sawRoot = false
    while let event = try xml.next() {
      switch event {
      case .start(let tag):
        if tag.depth == 0 {
          guard tag.name == "conversation" || tag.name == "conversations" else {
            throw xml.diagnostic(at: tag, "expected <conversation> or <conversations> as the root element")
          }
          sawRoot = true
        }
        switch tag.name {
        case "conversation":
          document = EarshotJSONDocument(
            id: tag["id"], channel: tag["channel"], company: tag["company"], participants: [], turns: [],
            metadata: nil)
          start = tag
          turnLines = []
        case "entry":
          guard let key = tag["key"] else { throw xml.diagnostic(at: tag, "expected a 'key' attribute") }
          let value = try xml.text(ofElementAt: tag.depth)
          var metadata = document?.metadata ?? [:]
          metadata[key] = value
          document?.metadata = metadata
        case "participant":
          guard let id = tag["id"] else { throw xml.diagnostic(at: tag, "expected an 'id' attribute") }
          document?.participants?.append(.init(id: id, role: tag["role"], name: tag["name"]))
        case "turn":
          let text = try xml.text(ofElementAt: tag.depth).exportTrimmed
          document?.turns.append(
            .init(
              speaker: tag["speaker"], role: tag["role"], name: tag["name"], at: tag["at"].map { .text($0) }, text: text
            ))
          turnLines.append(tag.line)
        default:
          break
        }
      case .end(name: "conversation"):
        guard let finished = document, let tag = start else { continue }
        document = nil
        do {
          var conversation = try converter.conversation(from: finished, line: tag.line, ordinal: ordinal)
          for index in conversation.turns.indices where index < turnLines.count {
            conversation.turns[index].location = SourceLocation(file: file.path, line: turnLines[index])
          }
          try emit(conversation)
        } catch let error as InputDiagnostic {
          diagnose(error)
        }
        ordinal += 1
      default:
        break
      }
    }
    if !sawRoot { throw InputDiagnostic(file: file.path, line: 1, "expected a <conversation> element") }
  }
}
