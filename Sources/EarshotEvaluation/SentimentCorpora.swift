import EarshotSentiment
import Foundation

/// One sentence of a human-rated gold file: the mean of the raters' valences (-4 … +4).
public struct SentimentGoldItem: Sendable, Hashable {
  /// The item's id (first column).
  public var id: String
  /// The mean human rating.
  public var mean: Double
  /// The text.
  public var text: String

  /// Creates an item.
  public init(id: String, mean: Double, text: String) {
    self.id = id
    self.mean = mean
    self.text = text
  }

  /// The gold polarity: the sign of the mean (exactly 0 is neutral).
  public var polarity: Polarity { mean > 0 ? .positive : mean < 0 ? .negative : .neutral }
}

/// A text with a categorical sentiment label (the airline tweets).
public struct LabeledSentimentItem: Sendable, Hashable {
  /// The item's id.
  public var id: String
  /// The label.
  public var label: Polarity
  /// The text.
  public var text: String

  /// Creates an item.
  public init(id: String, label: Polarity, text: String) {
    self.id = id
    self.label = label
    self.text = text
  }
}

/// A problem reading an evaluation file, with its location.
public struct CorpusError: Error, Sendable, CustomStringConvertible {
  /// The file.
  public var file: String
  /// The 1-based line, when known.
  public var line: Int?
  /// What was expected.
  public var message: String

  /// Creates an error.
  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): error: \(message)" }
}

/// Readers for the sentiment evaluation formats.
public enum SentimentCorpora {
  /// Parses a VADER gold file: `ID<TAB>MEAN<TAB>TEXT` per line, LF or CRLF, no header.
  ///
  /// - Throws: `CorpusError` naming the line when a line has fewer than three columns or a mean
  ///   that is not a number.
  public static func parseGold(_ text: String, name: String) throws -> [SentimentGoldItem] {
    var items: [SentimentGoldItem] = []
    var lineNumber = 0
    // "\r\n" is one Character in Swift, so split on both spellings of a line end.
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      let columns = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
      guard columns.count == 3 else {
        throw CorpusError(file: name, line: lineNumber, message: "expected ID<TAB>MEAN<TAB>TEXT")
      }
      guard let mean = Double(columns[1].trimmingCharacters(in: .whitespaces)) else {
        throw CorpusError(
          file: name, line: lineNumber, message: "expected a number as mean rating, found '\(columns[1])'")
      }
      items.append(SentimentGoldItem(id: String(columns[0]), mean: mean, text: String(columns[2])))
    }
    return items
  }

  /// Parses CSV (RFC 4180: quoted fields with `""` escapes, commas and line breaks inside quotes).
  ///
  /// - Throws: `CorpusError` for a quote left open at the end of the input.
  public static func parseCSV(_ text: String, name: String) throws -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var line = 1
    var rowLine = 1
    let bytes = Array(text.utf8)
    var index = 0
    func endField() {
      row.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
    }
    while index < bytes.count {
      let byte = bytes[index]
      if inQuotes {
        if byte == 0x22 {
          if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
            field.append(0x22)
            index += 1
          } else {
            inQuotes = false
          }
        } else {
          if byte == 0x0A { line += 1 }
          field.append(byte)
        }
      } else {
        switch byte {
        case 0x22 where field.isEmpty: inQuotes = true
        case 0x2C: endField()
        case 0x0D: break
        case 0x0A:
          endField()
          rows.append(row)
          row = []
          line += 1
          rowLine = line
        default: field.append(byte)
        }
      }
      index += 1
    }
    if inQuotes { throw CorpusError(file: name, line: rowLine, message: "quoted field is not closed") }
    if !field.isEmpty || !row.isEmpty {
      endField()
      rows.append(row)
    }
    return rows
  }

  /// Parses the airline-tweets CSV: a header naming `airline_sentiment` and `text` (and `tweet_id`).
  ///
  /// - Throws: `CorpusError` when a column is missing, a row is short, or a label is not
  ///   positive/neutral/negative.
  public static func parseLabeledCSV(_ text: String, name: String) throws -> [LabeledSentimentItem] {
    let rows = try parseCSV(text, name: name)
    guard let header = rows.first else { return [] }
    guard let labelColumn = header.firstIndex(of: "airline_sentiment") ?? header.firstIndex(of: "label"),
      let textColumn = header.firstIndex(of: "text")
    else {
      throw CorpusError(file: name, line: 1, message: "expected a header with 'airline_sentiment' and 'text'")
    }
    let idColumn = header.firstIndex(of: "tweet_id")
    var items: [LabeledSentimentItem] = []
    for (offset, row) in rows.dropFirst().enumerated() {
      if row.count == 1, row[0].isEmpty { continue }
      guard row.count > max(labelColumn, textColumn) else {
        throw CorpusError(file: name, line: nil, message: "record \(offset + 1) has \(row.count) fields")
      }
      guard let label = Polarity(rawValue: row[labelColumn]) else {
        throw CorpusError(
          file: name, line: nil,
          message: "record \(offset + 1): expected positive, neutral or negative, found '\(row[labelColumn])'")
      }
      let id = idColumn.map { $0 < row.count ? row[$0] : "" } ?? String(offset + 1)
      items.append(LabeledSentimentItem(id: id, label: label, text: row[textColumn]))
    }
    return items
  }

  /// The evaluation files under `paths`: files as given, and in folders every `*_GroundTruth.txt`
  /// and `*.csv`, sorted by name.
  ///
  /// - Throws: `CorpusError` for a path that does not exist.
  public static func expand(_ paths: [String]) throws -> [URL] {
    var urls: [URL] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CorpusError(file: path, line: nil, message: "no such file or folder")
      }
      if isDirectory.boolValue {
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        for name in names where name.hasSuffix("_GroundTruth.txt") || name.hasSuffix(".csv") {
          urls.append(URL(fileURLWithPath: path).appendingPathComponent(name))
        }
      } else {
        urls.append(URL(fileURLWithPath: path))
      }
    }
    return urls
  }

  /// Reads a file as UTF-8.
  static func read(_ url: URL) throws -> String {
    do {
      return try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw CorpusError(file: url.path, line: nil, message: "cannot read: \(error.localizedDescription)")
    }
  }
}
