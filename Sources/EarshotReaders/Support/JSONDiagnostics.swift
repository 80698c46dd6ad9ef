import EarshotModel
import Foundation

/// A problem a reader found in one value of a decoded JSON element (an unknown role, a timestamp
/// out of range), named by its path so that the diagnostic can give its line and column.
struct JSONValueProblem: Error {
  /// Where the value is, from the element's top level.
  var path: [JSONPathComponent]
  /// What was expected and what was found.
  var message: String

  init(_ path: [JSONPathComponent], _ message: String) {
    self.path = path
    self.message = message
  }
}

/// Turns JSON decoding problems into diagnostics with a line, a column, a byte offset and what was
/// expected: syntax errors and invalid UTF-8 through `JSONSyntaxLocator`, type and value errors by
/// finding their key path in the element's bytes.
enum DecodingErrorText {
  /// The diagnostic for `error`, raised while decoding `bytes`, which start at `start` in `file`.
  static func diagnostic(_ error: any Error, file: InputFile, bytes: [UInt8], start: JSONPosition) -> InputDiagnostic {
    if let diagnostic = error as? InputDiagnostic { return diagnostic }
    if let problem = error as? JSONValueProblem {
      return located(problem.path, "at \(JSONPathComponent.text(problem.path)): \(problem.message)", file, bytes, start)
    }
    guard let error = error as? DecodingError else {
      return syntax(bytes, file: file, start: start)
        ?? InputDiagnostic(start.location(file.path), "invalid JSON: \(error)")
    }
    switch error {
    case .dataCorrupted(let context) where context.codingPath.isEmpty:
      return syntax(bytes, file: file, start: start)
        ?? InputDiagnostic(start.location(file.path), "invalid JSON: \(context.debugDescription)")
    case .keyNotFound(let key, let context):
      let path = JSONPathComponent.path(context.codingPath)
      return located(
        path, "at \(JSONPathComponent.text(path)): expected key \"\(key.stringValue)\"", file, bytes, start)
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      let path = JSONPathComponent.path(context.codingPath)
      return located(path, "at \(JSONPathComponent.text(path)): expected \(describe(type))", file, bytes, start)
    case .dataCorrupted(let context):
      let path = JSONPathComponent.path(context.codingPath)
      return located(
        path, "at \(JSONPathComponent.text(path)): \(context.debugDescription)", file, bytes, start)
    @unknown default:
      return InputDiagnostic(start.location(file.path), "invalid JSON: \(error)")
    }
  }

  /// The diagnostic for a syntax error or invalid UTF-8 in `bytes`, or nil when they are valid.
  static func syntax(_ bytes: [UInt8], file: InputFile, start: JSONPosition) -> InputDiagnostic? {
    guard let problem = JSONSyntaxLocator.locate(bytes) else { return nil }
    let position = start.advanced(by: problem.offset, in: bytes)
    return InputDiagnostic(position.location(file.path), "invalid JSON: \(problem.message)")
  }

  /// The diagnostic for a stream problem (between elements, or a file cut short inside one).
  static func diagnostic(_ problem: JSONStreamProblem, file: InputFile) -> InputDiagnostic {
    if let partial = problem.partial, let located = syntax(partial.bytes, file: file, start: partial.start) {
      return located
    }
    return InputDiagnostic(problem.position.location(file.path), "invalid JSON: \(problem.message)")
  }

  private static func located(
    _ path: [JSONPathComponent], _ message: String, _ file: InputFile, _ bytes: [UInt8], _ start: JSONPosition
  ) -> InputDiagnostic {
    let position = start.advanced(by: JSONPathLocator.offset(of: path, in: bytes), in: bytes)
    return InputDiagnostic(position.location(file.path), message)
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
