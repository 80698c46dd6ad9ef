import EarshotModel
import Foundation

/// One STC-3 DCH-1 customer–helpdesk dialogue as an Earshot conversation, with its panel's labels
/// (`../shared/corpora/stc3-dch1/SOURCE.md`).
public struct STC3Dialogue: Sendable {
  /// The dialogue as an Earshot conversation: id = the dialogue id, channel `social`, participants
  /// `customer` and `helpdesk`, one turn per sender turn (non-empty utterances joined by a space).
  public var conversation: Conversation
  /// Number of annotators.
  public var annotators: Int
  /// Mean A (task accomplishment), S (customer satisfaction), E (dialogue effectiveness), −2…+2.
  public var accomplishment: Double
  public var satisfaction: Double
  public var effectiveness: Double
  /// Per turn, the share of annotators who found the turn useful: `HNUG`/`HNUG*` for a helpdesk turn;
  /// nil for a customer turn.
  public var usefulness: [Double?]
  /// Per turn, the share of annotators who marked it as the solution: `HNUG*` (helpdesk states it)
  /// or `CNUG*` (customer confirms it).
  public var solution: [Double]

  /// The first turn at least `threshold` of the panel marked as the solution, if any.
  public func solutionTurn(threshold: Double = 0.5) -> Int? {
    solution.firstIndex { $0 >= threshold }
  }
}

/// Reads the STC-3 DCH-1 JSON (a JSON array of dialogues) into `STC3Dialogue`s.
public enum STC3Dialogues {
  /// The corpus file relative to the project root, where tests and commands look by default.
  public static let defaultPath = "../shared/corpora/stc3-dch1/stc3_dev_en.json"

  /// Loads every dialogue of `path`.
  ///
  /// - Throws: `InputDiagnostic` naming the file and the dialogue (by position) when the JSON does
  ///   not have the published schema.
  public static func load(_ path: String) throws -> [STC3Dialogue] {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw InputDiagnostic(file: path, "cannot read the file: \(error.localizedDescription)")
    }
    return try parse(data, file: path)
  }

  /// Parses STC-3 JSON `data`; `file` names it in diagnostics.
  ///
  /// - Throws: `InputDiagnostic` when the JSON does not have the published schema.
  public static func parse(_ data: Data, file: String) throws -> [STC3Dialogue] {
    let raw: [RawDialogue]
    do {
      raw = try JSONDecoder().decode([RawDialogue].self, from: data)
    } catch let DecodingError.dataCorrupted(context) {
      throw InputDiagnostic(file: file, "expected JSON: \(context.debugDescription)")
    } catch {
      throw InputDiagnostic(
        file: file,
        "expected an array of dialogues with id, turns[{sender, utterances}] and annotations[{quality, nugget}] "
          + "(\(describe(error)))")
    }
    return try raw.enumerated().map { position, dialogue in try convert(dialogue, position: position, file: file) }
  }

  private static func convert(_ raw: RawDialogue, position: Int, file: String) throws -> STC3Dialogue {
    let participants = [Participant(id: "customer", role: .customer), Participant(id: "helpdesk", role: .agent)]
    var turns: [Turn] = []
    for (index, turn) in raw.turns.enumerated() {
      guard turn.sender == "customer" || turn.sender == "helpdesk" else {
        throw InputDiagnostic(
          file: file, "dialogue \(raw.id) (#\(position + 1)), turn \(index): expected sender customer or helpdesk")
      }
      let text = turn.utterances.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        .joined(separator: " ")
      turns.append(
        Turn(index: index, speaker: turn.sender, role: turn.sender == "customer" ? .customer : .agent, text: text))
    }
    let count = Double(max(raw.annotations.count, 1))
    var useful = Array(repeating: 0.0, count: turns.count)
    var solution = Array(repeating: 0.0, count: turns.count)
    for annotation in raw.annotations {
      for (index, nugget) in annotation.nugget.enumerated() where index < turns.count {
        if nugget == "HNUG" || nugget == "HNUG*" { useful[index] += 1 }
        if nugget == "HNUG*" || nugget == "CNUG*" { solution[index] += 1 }
      }
    }
    func mean(_ value: (RawAnnotation.Quality) -> Int) -> Double {
      raw.annotations.isEmpty ? 0 : Double(raw.annotations.reduce(0) { $0 + value($1.quality) }) / count
    }
    let conversation = Conversation(
      id: raw.id, channel: .social, sourceFile: file, participants: participants, turns: turns,
      metadata: ["corpus": "stc3-dch1"])
    return STC3Dialogue(
      conversation: conversation, annotators: raw.annotations.count, accomplishment: mean(\.A),
      satisfaction: mean(\.S), effectiveness: mean(\.E),
      usefulness: turns.map { $0.role == .agent ? useful[$0.index] / count : nil },
      solution: solution.map { $0 / count })
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return "missing \(key.stringValue) at \(path(context))"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "\(context.debugDescription) at \(path(context))"
    default:
      return String(describing: error)
    }
  }

  private static func path(_ context: DecodingError.Context) -> String {
    context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
  }

  private struct RawDialogue: Decodable {
    var id: String
    var turns: [RawTurn]
    var annotations: [RawAnnotation]
  }

  private struct RawTurn: Decodable {
    var sender: String
    var utterances: [String]
  }

  private struct RawAnnotation: Decodable {
    struct Quality: Decodable {
      // The corpus spells the scores as single capitals.
      // swift-format-ignore: AlwaysUseLowerCamelCase
      var A: Int
      // swift-format-ignore: AlwaysUseLowerCamelCase
      var S: Int
      // swift-format-ignore: AlwaysUseLowerCamelCase
      var E: Int
    }
    var quality: Quality
    var nugget: [String]
  }
}
