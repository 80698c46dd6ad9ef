import ArgumentParser
import EarshotEngine
import Foundation

/// `--config PATH`, shared by every command that scores.
struct ConfigurationOptions: ParsableArguments {
  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "The configuration file.", discussion: "Default: ./earshot.yml when it exists, else built-in defaults."),
    completion: .file(extensions: ["yml", "yaml"]))
  var config: String?

  /// Loads the configuration, or exits 64 with every problem listed.
  func load() throws -> EarshotConfiguration {
    let path = config ?? (FileManager.default.fileExists(atPath: "earshot.yml") ? "earshot.yml" : nil)
    guard let path else { return EarshotConfiguration() }
    do {
      return try ConfigurationLoader.load(path: path)
    } catch let errors as ConfigurationErrors {
      for error in errors.errors { Console.error(error.description) }
      throw ExitCode(EarshotExitCode.usage.rawValue)
    }
  }
}
