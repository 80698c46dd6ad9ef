import EarshotModel
import Foundation

/// The on-disk shape of Earshot's JSON conversation format (see `docs/formats.md`).
struct EarshotJSONDocument: Decodable {
  struct ParticipantEntry: Decodable {
    var id: String
    var role: String?
    var name: String?
  }

  struct TurnEntry: Decodable {
    var speaker: String?
    var role: String?
    var name: String?
    var at: FlexibleTimestamp?
    var text: String
  }

  var id: String?
  var channel: String?
  var company: String?
  var participants: [ParticipantEntry]?
  var turns: [TurnEntry]
  var metadata: [String: String]?
}

/// A timestamp written as an ISO 8601 string or as epoch seconds.
enum FlexibleTimestamp: Decodable {
  case text(String)
  case number(Double)

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else {
      self = .text(try container.decode(String.self))
    }
  }
}

/// Turns decoded documents into conversations, checking roles and timestamps.
///
/// Problems are thrown as `JSONValueProblem`s naming the value's path, which the reader turns into
/// a diagnostic with the line and column of that value.
struct EarshotJSONConverter {
  let file: InputFile
  let parser = TimestampParser()

  /// Converts `document`; `line` locates it in a JSON Lines file or an XML document, `ordinal` names
  /// it when it has no id.
  ///
  /// - Throws: `InputDiagnostic` on `line` naming the value's path (readers without JSON bytes).
  func conversation(from document: EarshotJSONDocument, line: Int?, ordinal: Int) throws -> Conversation {
    do {
      return try locatedConversation(from: document, line: line, ordinal: ordinal)
    } catch let problem as JSONValueProblem {
      throw InputDiagnostic(
        file: file.path, line: line, "at \(JSONPathComponent.text(problem.path)): \(problem.message)")
    }
  }

  /// Converts `document` like `conversation(from:line:ordinal:)`.
  ///
  /// - Throws: `JSONValueProblem` naming the value's path, for the JSON readers to locate in the bytes.
  func locatedConversation(from document: EarshotJSONDocument, line: Int?, ordinal: Int) throws -> Conversation {
    var participants: [Participant] = []
    var roles: [String: ParticipantRole] = [:]
    for (index, entry) in (document.participants ?? []).enumerated() {
      let role = try parseRole(entry.role, path: [.key("participants"), .index(index), .key("role")])
      participants.append(Participant(id: entry.id, role: role, name: entry.name))
      roles[entry.id] = role
    }
    var turns: [Turn] = []
    for (index, entry) in document.turns.enumerated() {
      let path: [JSONPathComponent] = [.key("turns"), .index(index)]
      let declared = try entry.role.map { try parseRole($0, path: path + [.key("role")]) }
      guard let speaker = entry.speaker ?? entry.role else {
        throw JSONValueProblem(path, "expected \"speaker\" (a participant id) or \"role\"")
      }
      let role: ParticipantRole
      if let known = roles[speaker] {
        role = declared ?? known
      } else {
        guard let declared else {
          throw JSONValueProblem(
            path + [.key("speaker")], "'\(speaker)' is not among the participants and the turn has no \"role\"")
        }
        role = declared
        roles[speaker] = declared
        participants.append(Participant(id: speaker, role: declared, name: entry.name))
      }
      var timestamp: Date?
      switch entry.at {
      case .text(let text)?:
        guard let date = parser.parse(text) else {
          throw JSONValueProblem(
            path + [.key("at")],
            "expected an ISO 8601 timestamp such as 2024-03-01T10:32:00Z (or epoch seconds between years "
              + "1 and 9999), found '\(text)'")
        }
        timestamp = date
      case .number(let seconds)?:
        guard let date = parser.epoch(seconds) else {
          throw JSONValueProblem(
            path + [.key("at")],
            "expected epoch seconds or milliseconds between years 1 and 9999, found \(seconds)")
        }
        timestamp = date
      case nil:
        timestamp = nil
      }
      turns.append(
        Turn(
          index: index, speaker: speaker, role: role, timestamp: timestamp, text: entry.text,
          location: SourceLocation(file: file.path, line: line)))
    }
    // Only a document without an id pays for the file-name work.
    let fallbackID = { file.url.deletingPathExtension().lastPathComponent + (line.map { "#\($0)" } ?? "") }
    return Conversation(
      id: document.id ?? (ordinal == 0 ? fallbackID() : "\(fallbackID())-\(ordinal)"),
      channel: Channel(rawValue: document.channel ?? "chat"),
      company: document.company,
      sourceFile: file.path,
      participants: participants,
      turns: turns,
      metadata: document.metadata ?? [:])
  }

  private func parseRole(_ text: String?, path: [JSONPathComponent]) throws -> ParticipantRole {
    guard let text else { return .unknown }
    guard let role = ParticipantRole(rawValue: text.lowercased()) else {
      let allowed = ParticipantRole.allCases.map(\.rawValue).joined(separator: ", ")
      throw JSONValueProblem(path, "expected one of \(allowed), found '\(text)'")
    }
    return role
  }
}
