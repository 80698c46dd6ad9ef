import EarshotModel
import EarshotPrivacy
import EarshotReaders
import Foundation

/// The redactor on real transcripts, where nothing is labeled: what it replaced, by kind, with the
/// words around each replacement so a person can judge precision (`earshot evaluate redaction
/// --corpus`), and its throughput (`earshot-bench redaction`).
public enum RedactionCorpusCheck {
  /// Turn texts of every conversation in `paths` (files, or folders read recursively), as the
  /// readers deliver them; files no reader recognizes are skipped.
  public static func turnTexts(at paths: [String]) -> [String] {
    let registry = ReaderRegistry.builtIn()
    var texts: [String] = []
    for path in paths {
      for file in files(at: path) {
        let input = InputFile(path: file)
        guard let reader = try? registry.detect(input) else { continue }
        try? reader.read(input, emit: { texts += $0.turns.map(\.text) }, diagnose: { _ in })
      }
    }
    return texts
  }

  private static func files(at path: String) -> [String] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
    guard isFolder.boolValue else { return [path] }
    let url = URL(fileURLWithPath: path)
    let entries = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
    var found: [String] = []
    while let entry = entries?.nextObject() as? URL {
      if (try? entry.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { found.append(entry.path) }
    }
    return found.sorted()
  }

  /// What the redactor replaced in `texts`.
  public struct Result: Sendable {
    /// Texts and UTF-8 bytes read.
    public var texts = 0
    public var bytes = 0
    /// Replacements by kind.
    public var counts: [String: Int] = [:]
    /// Each replacement with up to 40 bytes of context either side, in order.
    public var contexts: [(kind: String, context: String)] = []
  }

  /// Runs `redactor` over `texts`.
  public static func check(_ texts: [String], redactor: Redactor) -> Result {
    var result = Result()
    for text in texts {
      result.texts += 1
      result.bytes += text.utf8.count
      let matches = redactor.matches(in: text)
      guard !matches.isEmpty else { continue }
      let bytes = Array(text.utf8)
      for match in matches {
        result.counts[match.kind.description, default: 0] += 1
        let before = String(
          decoding: bytes[max(0, match.range.lowerBound - 40)..<match.range.lowerBound], as: UTF8.self)
        let value = String(decoding: bytes[match.range], as: UTF8.self)
        let after = String(
          decoding: bytes[match.range.upperBound..<min(bytes.count, match.range.upperBound + 40)], as: UTF8.self)
        let context = (before + "⟦" + value + "⟧" + after).replacingOccurrences(of: "\n", with: " ")
        result.contexts.append((match.kind.description, context))
      }
    }
    return result
  }

  /// Counts per kind, for the printed report.
  public static func report(_ result: Result, paths: [String]) -> String {
    var lines = ["Redaction on \(paths.joined(separator: ", ")): \(result.texts) turns, \(result.bytes) bytes"]
    for kind in PIIKind.builtIn.map(\.description) + result.counts.keys.sorted()
    where kind == "email" || kind == "phone" || kind == "card" || kind == "iban" || result.counts[kind] != nil {
      if lines.contains(where: { $0.hasPrefix("  \(kind) ") }) { continue }
      lines.append("  \(kind) \(result.counts[kind] ?? 0) replaced")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Throughput of `redact(_:)` over `texts` on the calling thread, run for at least `minimumSeconds`:
  /// (passes, seconds, megabytes per second, where a megabyte is 10⁶ bytes of UTF-8).
  public static func throughput(_ texts: [String], redactor: Redactor, minimumSeconds: Double) -> (
    passes: Int, seconds: Double, megabytesPerSecond: Double
  ) {
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    var passes = 0
    var checksum = 0
    let clock = ContinuousClock()
    let start = clock.now
    var elapsed = 0.0
    repeat {
      for text in texts { checksum &+= redactor.redact(text).utf8.count }
      passes += 1
      let duration = clock.now - start
      elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    } while elapsed < minimumSeconds
    // Keep the optimizer from dropping the work.
    if checksum == 42 { print("") }
    return (passes, elapsed, Double(bytes * passes) / elapsed / 1_000_000)
  }
}
