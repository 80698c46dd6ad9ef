import ArgumentParser

extension Earshot {
  /// `earshot report` (being written).
  struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not available yet.")

    func run() async throws {
      throw ValidationError("not implemented yet")
    }
  }
}
