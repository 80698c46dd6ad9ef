import Foundation

/// Locates the default lexicon files shipped with Earshot.
///
/// The files live in the top-level `Lexicons/data` folder of the source tree and are copied
/// beside the built binary as a resource bundle, so `earshot` finds them from any directory.
public enum LexiconResources {
  /// The folder holding the default lexicon files.
  ///
  /// `EARSHOT_LEXICONS` overrides it, for a binary installed without its resource bundle.
  public static var directory: URL {
    if let override = ProcessInfo.processInfo.environment["EARSHOT_LEXICONS"], !override.isEmpty {
      return URL(fileURLWithPath: override, isDirectory: true)
    }
    return Bundle.module.bundleURL.appendingPathComponent("data", isDirectory: true)
  }

  /// The URL of the default lexicon file called `name` (for example `sentiment/vader.tsv`).
  public static func url(named name: String) -> URL {
    directory.appendingPathComponent(name)
  }

  /// The names of every default lexicon file, relative to `directory`, sorted.
  public static func allNames() -> [String] {
    let root = directory.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var names: [String] = []
    while let next = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + next, isDirectory: &isDirectory), !isDirectory.boolValue {
        names.append(next)
      }
    }
    return names.sorted()
  }
}
