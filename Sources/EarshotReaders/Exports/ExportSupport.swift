import EarshotModel
import Foundation

/// Collects participants and turns for one conversation while a vendor export is read.
struct ConversationAssembler {
  private(set) var participants: [Participant] = []
  private(set) var turns: [Turn] = []
  private var index: [String: Int] = [:]

  /// The role recorded for `speaker`, if any.
  func role(of speaker: String) -> ParticipantRole? {
    index[speaker].map { participants[$0].role }
  }

  /// Adds a turn; the speaker joins the participants the first time they speak. A later turn may
  /// carry a different role (an internal note by a customer-side id stays as given).
  mutating func add(
    speaker: String, role: ParticipantRole, name: String? = nil, timestamp: Date? = nil, text: String,
    location: SourceLocation? = nil, attributes: [String: String] = [:]
  ) {
    if let position = index[speaker] {
      if participants[position].name == nil, let name, !name.isEmpty { participants[position].name = name }
    } else {
      index[speaker] = participants.count
      participants.append(Participant(id: speaker, role: role, name: name?.isEmpty == true ? nil : name))
    }
    turns.append(
      Turn(
        index: turns.count, speaker: speaker, role: role, timestamp: timestamp, text: text, location: location,
        attributes: attributes))
  }

  /// Declares a participant before (or without) any turn.
  mutating func declare(_ participant: Participant) {
    guard index[participant.id] == nil else { return }
    index[participant.id] = participants.count
    participants.append(participant)
  }

  /// The finished conversation.
  func conversation(
    id: String, channel: Channel, company: String?, file: InputFile, metadata: [String: String] = [:]
  ) -> Conversation {
    Conversation(
      id: id, channel: channel, company: company, sourceFile: file.path, participants: participants,
      turns: turns, metadata: metadata)
  }
}

/// A JSON value that vendors write either as a string or as a number (ids, timestamps).
struct LooseString: Decodable, Hashable {
  var value: String

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      value = text
    } else if let integer = try? container.decode(Int64.self) {
      value = String(integer)
    } else if let number = try? container.decode(Double.self) {
      value = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    } else if let flag = try? container.decode(Bool.self) {
      value = String(flag)
    } else {
      throw DecodingError.typeMismatch(
        String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a string or a number"))
    }
  }

  /// The value as a number, when it is one.
  var number: Double? { Double(value) }
}

/// A PascalCase JSON key seen as its camelCase Swift property name.
struct PascalKey: CodingKey {
  var stringValue: String
  var intValue: Int?

  init(_ key: (any CodingKey)?) {
    let text = key?.stringValue ?? ""
    stringValue = text.prefix(1).lowercased() + text.dropFirst()
    intValue = key?.intValue
  }

  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

/// Helpers shared by the JSON export readers.
enum ExportJSON {
  /// How a vendor spells its keys.
  enum KeyStyle {
    /// `created_at` (Zendesk, Intercom, Google CCAI upload format).
    case snakeCase
    /// `BeginOffsetMillis` (AWS).
    case pascalCase
    /// `createdAt` (Slack-free camelCase vendors).
    case camelCase
  }

  /// Decodes `data` as `type`, turning decoding errors into diagnostics with the JSON path, line and
  /// column. `start` is where `data` begins in the file (a JSON Lines record, an array element).
  static func decode<T: Decodable>(
    _ type: T.Type, from data: Data, file: InputFile, start: JSONPosition = .start, keys: KeyStyle = .camelCase
  ) throws -> T {
    do {
      return try decoder(keys).decode(type, from: data)
    } catch {
      throw DecodingErrorText.diagnostic(error, file: file, bytes: [UInt8](data), start: start)
    }
  }

  /// A decoder for a vendor's key style.
  static func decoder(_ keys: KeyStyle) -> JSONDecoder {
    let decoder = JSONDecoder()
    switch keys {
    case .snakeCase: decoder.keyDecodingStrategy = .convertFromSnakeCase
    case .pascalCase: decoder.keyDecodingStrategy = .custom { path in PascalKey(path.last) }
    case .camelCase: break
    }
    return decoder
  }

  /// Whether the sample starts like JSON and contains every one of `keys` (written `"key"`).
  static func sniff(_ sample: InputSample, all keys: [String], any alternatives: [String] = []) -> Bool {
    guard let first = sample.firstSignificantByte, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
      return false
    }
    let text = sample.text
    // No vendor format has a "turns" key: that is Earshot JSON, whatever else the file holds.
    guard !text.contains("\"turns\""), keys.allSatisfy({ text.contains("\"\($0)\"") }) else { return false }
    return alternatives.isEmpty || alternatives.contains { text.contains("\"\($0)\"") }
  }
}

extension ExportText {
  /// Plain text from a vendor's HTML message body, by the same converter as HTML mail
  /// (`HTMLText`): tags dropped with the contents of `script` and `style`, line breaks kept,
  /// entities decoded.
  static func stripHTML(_ html: String) -> String {
    HTMLText.text(html).exportTrimmed
  }
}
