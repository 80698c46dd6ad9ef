import ArgumentParser

extension Earshot.Evaluate {
  /// `earshot evaluate sentiment`: the sentiment scorer against human-rated gold sets.
  struct EvaluateSentiment: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sentiment", abstract: "Sentiment against human-rated gold files.")

    func run() async throws {
      throw ValidationError("not implemented yet")
    }
  }
}
