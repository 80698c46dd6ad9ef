import EarshotLexicons
import EarshotScoring
import EarshotStore
import Foundation

/// The fingerprint stored with every result of a nightly run: when it changes, everything is
/// scored again.
///
/// It is a SHA-256 over the configuration's raw text, the name and contents of every default
/// lexicon file, the tool version and the result schema version. The raw text (not the parsed
/// values) is hashed on purpose: it is what a reviewer sees change, and a comment-only edit costing
/// one full re-score is cheaper than a missed change.
public enum NightlyFingerprint {
  /// The fingerprint for `configuration` with the lexicons this binary loads.
  public static func compute(configuration: EarshotConfiguration) -> String {
    compute(
      configurationText: configuration.rawText,
      lexicons: LexiconResources.allNames().map { name in
        (name, FileManager.default.contents(atPath: LexiconResources.url(named: name).path) ?? Data())
      }, toolVersion: EarshotVersion.current, schemaVersion: ConversationResult.schemaVersion)
  }

  /// The fingerprint of explicit parts (for tests and tools).
  public static func compute(
    configurationText: String, lexicons: [(name: String, contents: Data)], toolVersion: String, schemaVersion: Int
  ) -> String {
    var builder = FingerprintBuilder()
    builder.add("configuration", configurationText)
    for (name, contents) in lexicons.sorted(by: { $0.name < $1.name }) {
      builder.add("lexicon:" + name, contents)
    }
    builder.add("tool_version", toolVersion)
    builder.add("schema_version", String(schemaVersion))
    return builder.finalize()
  }
}
