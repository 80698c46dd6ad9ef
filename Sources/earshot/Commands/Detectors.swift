import ArgumentParser
import EarshotDetectors

extension Earshot {
  /// `earshot detectors`: what each detector finds and how to configure it.
  struct Detectors: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the detectors, their score categories and settings.")

    @Flag(help: "Print the full Markdown reference (docs/detectors.md).")
    var markdown = false

    func run() throws {
      if markdown {
        Console.output(DetectorDocumentation.markdown())
        return
      }
      for factory in DetectorRegistry.builtIn {
        let description = factory.description
        let identifier = description.identifier.padding(toLength: 20, withPad: " ", startingAt: 0)
        let category = description.category.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
        Console.output("\(identifier) \(category) \(description.rationale)\n")
      }
    }
  }
}
