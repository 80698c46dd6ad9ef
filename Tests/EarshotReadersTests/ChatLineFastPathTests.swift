import Testing

@testable import EarshotReaders

/// The chat-log line parser counts label words and looks for "http" on bytes when a label is
/// ASCII; both must answer as the String operations they replace.
@Suite struct ChatLineFastPathTests {
  static let labels = [
    "Agent Bob", "  Customer   Dana ", "", " ", "a", "Virtual Assistant Max", "see https", "HTTP proxy",
    "ahttpb", "htt", "Agent\tBob", "Café Owner", "ht\u{301}tp x", "Kundin Jürgen Müller", "one two three four five",
    "Agent Bob\r\nX",
  ]

  @Test func wordCountMatchesSplit() {
    for label in Self.labels {
      #expect(ChatLine.spaceSeparatedCount(label) == label.split(separator: " ").count, "\(label.debugDescription)")
    }
  }

  @Test func httpSearchMatchesFoundation() {
    for label in Self.labels {
      #expect(ChatLine.mentionsHTTP(label) == label.contains("http"), "\(label.debugDescription)")
    }
  }
}
