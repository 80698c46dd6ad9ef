import ArgumentParser

extension Earshot {
  /// `earshot evaluate …`: detector accuracy on labeled data.
  struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure detector accuracy on labeled corpora.",
      subcommands: [
        EvaluateSentiment.self, EvaluateAnswers.self, EvaluateListening.self, EvaluateRedaction.self,
        EvaluateSelfInterest.self, EvaluateQuality.self, EvaluateHelpdeskTurns.self,
      ]
    )
  }
}
