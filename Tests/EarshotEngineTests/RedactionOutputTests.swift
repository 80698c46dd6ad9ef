import EarshotEngine
import EarshotTestSupport
import Foundation
import Testing

/// Personal data is redacted in what a batch writes, by default, and only there: detectors still
/// read the original text.
@Suite struct RedactionOutputTests {
  static let chat = """
    # id: privacy-1
    # company: Acme
    [10:00] Customer Dana: My card 4111 1111 1111 1111 was charged twice, call me on +44 20 7946 0958 or write to dana.reyes@example.com. Order #112-4455667 is the one.
    [10:02] Agent Bob: Sorry about that. What is your order number?
    [10:03] Customer Dana: I already gave it: #112-4455667.

    """

  func batch(_ configuration: EarshotConfiguration) async throws -> String {
    let folder = try TemporaryDirectory()
    let input = try folder.write("in/chat.txt", Self.chat)
    _ = try await BatchJob(
      inputs: [input], outputDirectory: folder.path("out"), configuration: configuration, jobs: 1
    ).run(report: { _ in })
    return try String(contentsOfFile: folder.path("out/conversations.jsonl"), encoding: .utf8)
  }

  @Test func evidenceIsRedactedByDefaultAndDetectorsStillSeeTheOriginal() async throws {
    let line = try await batch(EarshotConfiguration())
    #expect(!line.contains("dana.reyes@example.com"))
    #expect(!line.contains("4111 1111 1111 1111"))
    #expect(!line.contains("7946 0958"))
    #expect(line.contains("[EMAIL]") || line.contains("[CARD]") || line.contains("[PHONE]"))
    // Asking again for a number the customer gave is still found: detectors read the original.
    #expect(line.contains("repeated_ask"))
  }

  @Test func evidenceKeepsTheTextWhenRedactionIsOffForIt() async throws {
    var configuration = EarshotConfiguration()
    configuration.privacy.evidence = false
    let line = try await batch(configuration)
    #expect(line.contains("4111 1111 1111 1111"))
  }
}
