import ArgumentParser
import EarshotEngine

/// The `earshot` command: listening analytics for customer-support transcripts.
@main
struct Earshot: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "earshot",
    abstract: "Find where support agents did not listen, and score it.",
    discussion: ExitCodes.helpText,
    version: EarshotVersion.current,
    subcommands: [
      Score.self, Batch.self, Merge.self, Nightly.self, Schedule.self, Report.self, Evaluate.self, Detectors.self,
      Config.self,
    ]
  )
}
