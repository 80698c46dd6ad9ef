import ArgumentParser
import EarshotEngine

extension Earshot {
  /// `earshot config`: check the configuration and print what is in force.
  struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check earshot.yml and print the effective configuration.",
      discussion: """
        Without flags, checks the configuration and reports every problem with its key path (exit 64) \
        or prints "ok". With --effective, prints the merged configuration (file values over defaults) \
        as YAML that loads back to the same settings.
        """)

    @Flag(help: "Print the configuration in force, defaults included.")
    var effective = false

    @OptionGroup var configurationOptions: ConfigurationOptions

    func run() throws {
      let configuration = try configurationOptions.load()
      do {
        if effective {
          Console.output(try configuration.effectiveYAML())
        } else {
          _ = try configuration.detectorsInForce()
          Console.output("ok: \(configuration.source)\n")
        }
      } catch {
        Console.error("error: \(error)")
        throw ExitCode(EarshotExitCode.usage.rawValue)
      }
    }
  }
}
