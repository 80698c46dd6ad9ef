import EarshotDetectors
import EarshotModel
import Foundation

/// One value in a detector's section: detectors take flags, numbers and words.
public enum DetectorSettingValue: Codable, Sendable, Hashable {
  /// `true` / `false`.
  case flag(Bool)
  /// A number.
  case number(Double)
  /// Anything else, as written.
  case text(String)

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let flag = try? container.decode(Bool.self) {
      self = .flag(flag)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else {
      self = .text(try container.decode(String.self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .flag(let flag): try container.encode(flag)
    case .number(let number): try container.encode(YAMLNumber(number))
    case .text(let text): try container.encode(text)
    }
  }
}

/// A setting read leniently: values that are not single flags, numbers or words are left out.
private struct LenientSettingValue: Decodable {
  var value: DetectorSettingValue?
  init(from decoder: any Decoder) throws { value = try? DetectorSettingValue(from: decoder) }
}

/// Every detector's settings, defaults included, keyed by detector identifier and setting name.
public struct DetectorSettings: Codable, Sendable, Hashable {
  /// Settings by detector identifier, then by snake_case key.
  public var values: [String: [String: DetectorSettingValue]]

  /// Settings that keep their own top-level section instead of `detectors.<id>`.
  static let sectionsElsewhere: [String: Set<String>] = ["response_time": ["standards"]]

  /// Every built-in detector with its documented defaults.
  public init() {
    values = [:]
    for factory in DetectorRegistry.builtIn {
      values[factory.description.identifier] = Self.settings(fromJSON: factory.makeDefault().configurationJSON)
        .filter { !(Self.sectionsElsewhere[factory.description.identifier]?.contains($0.key) ?? false) }
    }
  }

  public init(from decoder: any Decoder) throws {
    self.init()
    let container = try decoder.container(keyedBy: NamedKey.self)
    for key in container.allKeys {
      let given: [String: DetectorSettingValue]
      do {
        given = try container.decode([String: DetectorSettingValue].self, forKey: key)
      } catch {
        try decoder.report(error)
        continue
      }
      guard let factory = DetectorRegistry.factory(for: key.stringValue) else { continue }
      let merged = (values[key.stringValue] ?? [:]).merging(given) { _, new in new }
      do {
        _ = try factory.make(configurationJSON: Self.json(merged))
        values[key.stringValue] = merged
      } catch let error as DecodingError {
        try decoder.report(
          DecodingError.dataCorruptedError(
            forKey: key, in: container, debugDescription: "wrong type: \(Self.describe(error))"))
      } catch {
        try decoder.report(
          DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(error)"))
      }
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: NamedKey.self)
    for factory in DetectorRegistry.builtIn {
      let identifier = factory.description.identifier
      try container.encode(SortedMapping(entries: values[identifier] ?? [:]), forKey: NamedKey(identifier))
    }
  }

  static func json(_ settings: [String: DetectorSettingValue]) throws -> Data {
    try JSONCoding.encoder(.compact, snakeCase: false).encode(settings)
  }

  static func settings(fromJSON data: Data) -> [String: DetectorSettingValue] {
    let lenient =
      (try? JSONCoding.decoder(snakeCase: false).decode([String: LenientSettingValue].self, from: data)) ?? [:]
    return lenient.compactMapValues(\.value)
  }

  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      let key = context.codingPath.last?.stringValue ?? "value"
      return "'\(key)' expected \(type == Bool.self ? "true or false" : type == Double.self ? "a number" : "\(type)")"
    default:
      return "\(error)"
    }
  }
}
