import EarshotModel
import Foundation

/// Reads SemEval-2016 Task 3 community question answering XML (Qatar Living forum threads).
///
/// Each `<Thread>` becomes a `forum` conversation: the related question's author is the customer,
/// every other commenter answers as an agent (the asker's own comments stay customer turns). The
/// relevance labels stay available for evaluation: each comment turn carries
/// `attributes["relevance"]` (`RELC_RELEVANCE2RELQ`: Good, PotentiallyUseful, Bad),
/// `attributes["relevance_orgq"]` and `attributes["comment_id"]`; the conversation's metadata holds
/// the original and related question ids and subjects.
public struct SemEvalXMLReader: TranscriptReader {
  public var format: String { "semeval-cqa-xml" }
  public var summary: String { "SemEval-2016 Task 3 community QA XML: one forum conversation per <Thread>" }

  let options: ExportReaderOptions

  /// Creates the reader; `options.company` names the forum's owner when wanted.
  public init(options: ExportReaderOptions = ExportReaderOptions()) {
    self.options = options
  }

  public func sniff(_ sample: InputSample) -> Bool {
    XMLSniffing.matches(sample, roots: ["xml", "root"], markers: ["<RelQuestion"])
      || XMLSniffing.matches(sample, roots: ["xml", "root"], markers: ["<OrgQuestion"])
  }

  public func read(
    _ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void
  ) throws {
    let xml = try XMLStreamReader(file: file, limits: options.xmlLimits)
    var orgQuestion: [String: String] = [:]
    var thread: ThreadBuilder?
    while let event = try xml.next() {
      guard case .start(let tag) = event else {
        if case .end(name: "Thread") = event, let finished = thread {
          thread = nil
          do {
            try emit(try finished.conversation(file: file, company: options.company, parser: options.timestampParser))
          } catch let error as InputDiagnostic {
            diagnose(error)
          }
        }
        continue
      }
      switch tag.name {
      case "OrgQuestion":
        orgQuestion = ["org_question_id": tag["ORGQ_ID"] ?? ""]
      case "OrgQSubject":
        orgQuestion["org_question_subject"] = try xml.text(ofElementAt: tag.depth).exportTrimmed
      case "OrgQBody":
        orgQuestion["org_question_body"] = try xml.text(ofElementAt: tag.depth).exportTrimmed
      case "Thread":
        var builder = ThreadBuilder(tag: tag, path: file.path)
        builder.metadata.merge(orgQuestion) { current, _ in current }
        if let same = tag["SubtaskA_Skip_Because_Same_As_RelQuestion_ID"] { builder.metadata["same_as_thread"] = same }
        thread = builder
      case "RelQuestion":
        thread?.question = tag
      case "RelQSubject":
        thread?.subject = try xml.text(ofElementAt: tag.depth).exportTrimmed
      case "RelQBody":
        thread?.body = try xml.text(ofElementAt: tag.depth).exportTrimmed
      case "RelComment":
        thread?.pendingComment = tag
      case "RelCText":
        let text = try xml.text(ofElementAt: tag.depth).exportTrimmed
        guard let comment = thread?.pendingComment else {
          throw xml.diagnostic(at: tag, "expected <RelCText> inside <RelComment>")
        }
        thread?.comments.append((comment, text))
        thread?.pendingComment = nil
      default:
        break
      }
    }
  }
}

/// Accumulates one `<Thread>`.
private struct ThreadBuilder {
  var tag: XMLStartTag
  var path: String
  var metadata: [String: String] = [:]
  var question: XMLStartTag?
  var subject = ""
  var body = ""
  var pendingComment: XMLStartTag?
  var comments: [(XMLStartTag, String)] = []

  init(tag: XMLStartTag, path: String) {
    self.tag = tag
    self.path = path
  }

  func conversation(file: InputFile, company: String?, parser: TimestampParser) throws -> Conversation {
    guard let question, let asker = question["RELQ_USERID"] else {
      throw InputDiagnostic(
        file: path, line: tag.line, column: tag.column,
        "<Thread>: expected a <RelQuestion> with a RELQ_USERID attribute")
    }
    var participants = [Participant(id: asker, role: .customer, name: question["RELQ_USERNAME"])]
    var known: Set<String> = [asker]
    var questionText = subject
    if !body.isEmpty && body != subject { questionText += questionText.isEmpty ? body : "\n" + body }
    var turns = [
      Turn(
        index: 0, speaker: asker, role: .customer, timestamp: question["RELQ_DATE"].flatMap(parser.parse),
        text: questionText, location: SourceLocation(file: path, line: question.line),
        attributes: ["question_id": question["RELQ_ID"] ?? ""])
    ]
    for (comment, text) in comments {
      let user = comment["RELC_USERID"] ?? "unknown"
      let role: ParticipantRole = user == asker ? .customer : .agent
      if !known.contains(user) {
        known.insert(user)
        participants.append(Participant(id: user, role: role, name: comment["RELC_USERNAME"]))
      }
      var attributes: [String: String] = [:]
      attributes["comment_id"] = comment["RELC_ID"]
      attributes["relevance"] = comment["RELC_RELEVANCE2RELQ"]
      attributes["relevance_orgq"] = comment["RELC_RELEVANCE2ORGQ"]
      turns.append(
        Turn(
          index: turns.count, speaker: user, role: role, timestamp: comment["RELC_DATE"].flatMap(parser.parse),
          text: text, location: SourceLocation(file: path, line: comment.line), attributes: attributes))
    }
    var metadata = self.metadata
    metadata["rel_question_id"] = question["RELQ_ID"]
    metadata["rel_question_subject"] = subject
    metadata["category"] = question["RELQ_CATEGORY"]
    metadata["rel_question_relevance_orgq"] = question["RELQ_RELEVANCE2ORGQ"]
    metadata["rel_question_ranking_order"] = question["RELQ_RANKING_ORDER"]
    metadata["roles"] = "derived"
    return Conversation(
      id: tag["THREAD_SEQUENCE"] ?? question["RELQ_ID"] ?? "thread-\(tag.line)", channel: .forum, company: company,
      sourceFile: file.path, participants: participants, turns: turns, metadata: metadata)
  }
}
