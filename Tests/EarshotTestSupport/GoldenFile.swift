import Foundation

/// Compares output with a golden file; `EARSHOT_RECORD_GOLDEN=1` rewrites the file instead.
///
/// CI never sets the variable, so a changed output fails until someone records and reviews it.
public enum GoldenFile {
  /// nil when `actual` matches the golden file at `url`, else a description of the first difference.
  public static func mismatch(_ actual: String, golden url: URL) throws -> String? {
    if ProcessInfo.processInfo.environment["EARSHOT_RECORD_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      return nil
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      return "golden file \(url.path) is missing; run the tests with EARSHOT_RECORD_GOLDEN=1 to create it"
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected == actual { return nil }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
      let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
      let got = index < actualLines.count ? String(actualLines[index]) : "<end of output>"
      if want != got {
        return "line \(index + 1) differs from \(url.lastPathComponent):\n  expected: \(want)\n  actual:   \(got)"
      }
    }
    return "outputs differ"
  }
}
