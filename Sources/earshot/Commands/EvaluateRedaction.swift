import ArgumentParser
import EarshotEvaluation

extension Earshot.Evaluate {
  /// `earshot evaluate redaction`: recall and false positives of PII redaction on a generated labeled set.
  struct EvaluateRedaction: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "redaction",
      abstract: "Recall and false positives of PII redaction on generated support messages with known spans.")

    @Option(help: "Messages to generate.")
    var count = 5000

    @Option(help: "Seed of the generator (the same seed gives the same messages).")
    var seed: UInt64 = 15

    @Flag(help: "List every missed span, false positive and damaged hard negative.")
    var showErrors = false

    func run() throws {
      let samples = RedactionCorpus.generate(count: count, seed: seed)
      let result = RedactionEvaluation.evaluate(samples, redactor: try RedactionEvaluation.defaultRedactor())
      Console.output(RedactionEvaluation.report(result, seed: seed))
      if showErrors && !result.errors.isEmpty { Console.output(result.errors.joined(separator: "\n") + "\n") }
    }
  }
}
