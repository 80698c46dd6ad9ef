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

    @Option(
      help:
        "Also count what is replaced in real transcripts (a file or folder; repeatable), e.g. ../shared/corpora/twcs/twcs_dev.csv"
    )
    var corpus: [String] = []

    @Flag(
      help: "With --corpus, print every replacement with the words around it (shows personal data: for review only).")
    var showMatches = false

    func run() throws {
      let redactor = try RedactionEvaluation.defaultRedactor()
      let samples = RedactionCorpus.generate(count: count, seed: seed)
      let result = RedactionEvaluation.evaluate(samples, redactor: redactor)
      Console.output(RedactionEvaluation.report(result, seed: seed))
      if showErrors && !result.errors.isEmpty { Console.output(result.errors.joined(separator: "\n") + "\n") }
      for path in corpus {
        let check = RedactionCorpusCheck.check(RedactionCorpusCheck.turnTexts(at: [path]), redactor: redactor)
        Console.output("\n" + RedactionCorpusCheck.report(check, paths: [path]))
        if showMatches {
          Console.output(check.contexts.map { "  \($0.kind)\t\($0.context)" }.joined(separator: "\n") + "\n")
        }
      }
    }
  }
}
