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
struct EarshotJSONConverter {
  let file: InputFile
  let parser = TimestampParser()

  /// Converts `document`; `line` locates it in a JSON Lines file, `ordinal` names it when it has no id.
  func conversation(from document: EarshotJSONDocument, line: Int?, ordinal: Int) throws -> Conversation {
    func fail(_ path: String, _ message: String) -> InputDiagnostic {
      InputDiagnostic(file: file.path, line: line, "at \(path): \(message)")
    }
    var participants: [Participant] = []
    var roles: [String: ParticipantRole] = [:]
    for (index, entry) in (document.participants ?? []).enumerated() {
      let role = try parseRole(entry.role, path: "participants[\(index)].role", fail: fail)
      participants.append(Participant(id: entry.id, role: role, name: entry.name))
      roles[entry.id] = role
    }
    var turns: [Turn] = []
    for (index, entry) in document.turns.enumerated() {
      let path = "turns[\(index)]"
      let declared = try entry.role.map { try parseRole($0, path: path + ".role", fail: fail) }
      guard let speaker = entry.speaker ?? entry.role else {
        throw fail(path, "expected \"speaker\" (a participant id) or \"role\"")
      }
      let role: ParticipantRole
      if let known = roles[speaker] {
        role = declared ?? known
      } else {
        guard let declared else {
          throw fail(path + ".speaker", "'\(speaker)' is not among the participants and the turn has no \"role\"")
        }
        role = declared
        roles[speaker] = declared
        participants.append(Participant(id: speaker, role: declared, name: entry.name))
      }
      var timestamp: Date?
      switch entry.at {
      case .text(let text)?:
        guard let date = parser.parse(text) else {
          throw fail(path + ".at", "expected an ISO 8601 timestamp such as 2024-03-01T10:32:00Z, found '\(text)'")
        }
        timestamp = date
      case .number(let seconds)?:
        timestamp = parser.epoch(seconds)
      case nil:
        timestamp = nil
      }
      turns.append(
        Turn(
          index: index, speaker: speaker, role: role, timestamp: timestamp, text: entry.text,
          location: SourceLocation(file: file.path, line: line)))
    }
    let fallbackID = file.url.deletingPathExtension().lastPathComponent + (line.map { "#\($0)" } ?? "")
    return Conversation(
      id: document.id ?? (ordinal == 0 ? fallbackID : "\(fallbackID)-\(ordinal)"),
      channel: Channel(rawValue: document.channel ?? "chat"),
      company: document.company,
      sourceFile: file.path,
      participants: participants,
      turns: turns,
      metadata: document.metadata ?? [:])
  }

  private func parseRole(
    _ text: String?, path: String, fail: (String, String) -> InputDiagnostic
  ) throws -> ParticipantRole {
    guard let text else { return .unknown }
    guard let role = ParticipantRole(rawValue: text.lowercased()) else {
      let allowed = ParticipantRole.allCases.map(\.rawValue).joined(separator: ", ")
      throw fail(path, "expected one of \(allowed), found '\(text)'")
    }
    return role
  }
}

/// Renders a `DecodingError` as "at path: what was expected", plus line and column for syntax errors.
enum DecodingErrorText {
  static func diagnostic(_ error: any Error, file: InputFile, line: Int?, data: Data) -> InputDiagnostic {
    guard let error = error as? DecodingError else {
      return InputDiagnostic(file: file.path, line: line, "invalid JSON: \(error)")
    }
    switch error {
    case .dataCorrupted(let context) where context.codingPath.isEmpty:
      guard let problem = JSONSyntaxLocator.locate([UInt8](data)) else {
        return InputDiagnostic(file: file.path, line: line, "invalid JSON: \(context.debugDescription)")
      }
      return InputDiagnostic(
        file: file.path, line: (line ?? 1) + problem.line - 1, column: problem.column,
        "invalid JSON: \(problem.message)")
    case .keyNotFound(let key, let context):
      return InputDiagnostic(
        file: file.path, line: line, "at \(path(context.codingPath)): expected key \"\(key.stringValue)\"")
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      return InputDiagnostic(
        file: file.path, line: line, "at \(path(context.codingPath)): expected \(describe(type))")
    case .dataCorrupted(let context):
      return InputDiagnostic(
        file: file.path, line: line, "at \(path(context.codingPath)): \(context.debugDescription)")
    @unknown default:
      return InputDiagnostic(file: file.path, line: line, "invalid JSON: \(error)")
    }
  }

  static func path(_ codingPath: [any CodingKey]) -> String {
    guard !codingPath.isEmpty else { return "the top level" }
    var text = ""
    for key in codingPath {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += text.isEmpty ? key.stringValue : "." + key.stringValue
      }
    }
    return text
  }

  static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Double.Type, is Int.Type: "a number"
    case is [Any].Type: "an array"
    default: "\(type)".contains("Array") ? "an array" : "an object (\(type))"
    }
  }
}
