import ArgumentParser

extension Earshot {
  /// `earshot schedule` (being written).
  struct Schedule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not available yet.")

    func run() async throws {
      throw ValidationError("not implemented yet")
    }
  }
}
