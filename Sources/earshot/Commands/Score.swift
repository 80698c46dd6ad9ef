import ArgumentParser
import EarshotEngine
import EarshotModel
import EarshotReporters
import EarshotScoring
import Foundation

extension Earshot {
  /// `earshot score FILE`: one transcript, scored and explained.
  struct Score: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score one transcript file and show why it scored as it did.",
      discussion: """
        Prints the turns, every finding with the words that triggered it, and the listening score \
        with its breakdown. With --format json, prints the versioned JSON result instead (an array \
        when the file holds several conversations).

        \(ExitCodes.helpText)
        """)

    @Argument(help: "The transcript file.", completion: .file())
    var file: String

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ScoreOutputFormat = .text

    @Option(help: "Read the file as this format instead of detecting it.")
    var inputFormat: String?

    @Option(help: "Show only the conversation with this id.")
    var conversation: String?

    @OptionGroup var configurationOptions: ConfigurationOptions

    func validate() throws {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
        throw ValidationError("\(file): no such file")
      }
      if isDirectory.boolValue {
        throw ValidationError("\(file) is a folder; score one file, or use `earshot batch \(file) --out DIR`")
      }
    }

    func run() async throws {
      let configuration = try configurationOptions.load()
      let run: PreparedRun
      do {
        run = try PreparedRun(inputs: [file], configuration: configuration, forcedFormat: inputFormat)
      } catch let diagnostic as InputDiagnostic {
        Console.error(diagnostic.description)
        throw ExitCode(EarshotExitCode.usage.rawValue)
      } catch {
        Console.error("error: \(error)")
        throw ExitCode(EarshotExitCode.usage.rawValue)
      }
      var problems = run.diagnostics
      var scored: [(result: ConversationResult, conversation: Conversation)] = []
      try await run.process(jobs: 1) { outcome in
        problems += outcome.diagnostics
        scored += outcome.results
      }
      if let conversation { scored = scored.filter { $0.conversation.id == conversation } }
      for problem in problems { Console.error(problem.description) }
      scored = scored.map { run.pipeline.shown($0.result, conversation: $0.conversation, in: .terminal) }
      switch format {
      case .json:
        if scored.count == 1 {
          Console.output(try JSONResultEncoder.pretty(scored[0].result))
        } else {
          Console.output(try JSONResultEncoder.prettyArray(scored.map(\.result)))
        }
      case .text:
        let reporter = TerminalReporter(colors: Console.useColors)
        Console.output(scored.map { reporter.render($0.result, conversation: $0.conversation) }.joined(separator: "\n"))
      }
      if scored.isEmpty && problems.isEmpty, let conversation {
        Console.error("error: no conversation with id '\(conversation)' in \(file)")
        throw ExitCode(EarshotExitCode.failure.rawValue)
      }
      if !problems.isEmpty { throw ExitCode(EarshotExitCode.someInputsUnreadable.rawValue) }
    }
  }
}
