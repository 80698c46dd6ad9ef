import ArgumentParser

extension Earshot {
  /// `earshot score FILE`.
  struct Score: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Score one transcript file and explain the score.")
    @Argument(help: "The transcript file.") var file: String
    func run() async throws {}
  }
}
