import EarshotLexicons
import Foundation

/// One entry of a lexicon file.
public struct LexiconEntry: Sendable, Hashable {
  /// The term: a word or a multi-word phrase.
  public var term: String
  /// The number after the tab, if the second column is one.
  public var value: Double?
  /// The other tab-separated fields after the term (a label such as a category, a note).
  public var extra: [String]
  /// The 1-based line the entry was read from.
  public var line: Int
}

/// A problem in a lexicon file, with its location.
public struct LexiconError: Error, Sendable, CustomStringConvertible {
  /// The file.
  public var file: String
  /// The 1-based line, when the problem is on one line.
  public var line: Int?
  /// What was wrong.
  public var message: String

  /// Creates an error.
  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    "\(file)\(line.map { ":\($0)" } ?? ""): error: \(message)"
  }
}

/// Reads Earshot's lexicon files: `#` comment lines, then `term[<TAB>value or label[<TAB>extra…]]` per line.
public enum LexiconFile {
  /// Parses lexicon text; `name` is used in errors.
  ///
  /// - Throws: `LexiconError` naming the line of an entry without a term.
  public static func parse(_ text: String, name: String) throws -> [LexiconEntry] {
    var entries: [LexiconEntry] = []
    var lineNumber = 0
    // "\r\n" is one Character in Swift: split on both so CRLF files read line by line.
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
      let term = fields[0]
      guard !term.isEmpty else {
        throw LexiconError(file: name, line: lineNumber, message: "expected a term before the tab")
      }
      // The second column is a number (a valence, a weight) or a label (a type, a kind).
      var value: Double?
      var extra = Array(fields.dropFirst(1))
      if let second = extra.first, let number = Double(second) {
        value = number
        extra.removeFirst()
      }
      entries.append(LexiconEntry(term: term, value: value, extra: extra, line: lineNumber))
    }
    return entries
  }

  /// Loads a lexicon file from disk.
  public static func load(_ url: URL) throws -> [LexiconEntry] {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw LexiconError(file: url.path, line: nil, message: "cannot read lexicon: \(error.localizedDescription)")
    }
    return try parse(text, name: url.path)
  }

  /// Loads one of the default lexicons shipped in `Lexicons/data` (for example `sales.tsv`).
  public static func loadDefault(_ name: String) throws -> [LexiconEntry] {
    try load(LexiconResources.url(named: name))
  }

  /// The `#` comment lines at the top of default lexicon file `name`, without the `#` (what a
  /// fitted file says it was fitted on, its cross-validated figures, its license).
  public static func defaultHeader(_ name: String) throws -> [String] {
    let url = LexiconResources.url(named: name)
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw LexiconError(file: url.path, line: nil, message: "cannot read lexicon: \(error.localizedDescription)")
    }
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("#") else { break }
      lines.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces))
    }
    return lines
  }
}
