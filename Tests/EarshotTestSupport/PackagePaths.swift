import Foundation

/// Paths in the source tree, for tests that run the built binary on the bundled sample corpora.
public enum PackagePaths {
  /// The package root (the folder holding Package.swift).
  public static var root: URL {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }

  /// The bundled sample corpora.
  public static var corpora: URL { root.appendingPathComponent("corpora") }

  /// The built `earshot` executable beside the test bundle.
  public static var earshotBinary: URL? {
    var candidates = [Bundle.main.bundleURL.appendingPathComponent("earshot")]
    let argumentDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    candidates.append(argumentDirectory.appendingPathComponent("earshot"))
    candidates.append(argumentDirectory.deletingLastPathComponent().appendingPathComponent("earshot"))
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("earshot"))
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }
}
