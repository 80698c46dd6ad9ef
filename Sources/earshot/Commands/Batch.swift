import ArgumentParser

extension Earshot {
  /// `earshot batch DIR --out DIR`.
  struct Batch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Score every transcript under a folder.")
    @Argument(help: "The folder.") var input: String
    func run() async throws {}
  }
}
