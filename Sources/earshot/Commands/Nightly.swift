import ArgumentParser

extension Earshot {
  /// `earshot nightly` (being written).
  struct Nightly: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not available yet.")

    func run() async throws {
      throw ValidationError("not implemented yet")
    }
  }
}
