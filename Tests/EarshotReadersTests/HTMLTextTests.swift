import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// One HTML-to-text converter for HTML mail and vendor exports: the same markup reads the same.
@Suite struct HTMLTextTests {
  static let html = """
    <html><head><style>p { color: red }</style><script>var token = "secret";</script></head>
    <body><p>Your&nbsp;order&#160;ships&nbsp;today.</p><noscript>enable js</noscript>
    <p>Track it <a href="https://t.example/1">here</a> &amp; reply if late.</p></body></html>
    """

  @Test func scriptAndStyleContentsAreDroppedAndNoBreakSpacesArePlain() {
    let text = HTMLText.text(Self.html)
    #expect(text == "Your order ships today.\n\nTrack it here & reply if late.")
    #expect(!text.unicodeScalars.contains("\u{A0}"))
  }

  @Test func exportsAndMailReadTheSameMarkupTheSameWay() throws {
    #expect(ExportText.stripHTML(Self.html) == HTMLText.text(Self.html))
    let message = """
      From: Dana <dana@example.com>
      Subject: order
      Content-Type: text/html; charset=utf-8

      \(Self.html)
      """
    let (conversations, _) = try EmailMessageReader().readAll(EmailFixtures.temporary(message))
    #expect(conversations.first?.turns.first?.text == HTMLText.text(Self.html))
  }

  @Test func intercomBodyDropsScriptAndKeepsSpaces() throws {
    let json = """
      {"type": "conversation", "id": "77", "created_at": 1700000000,
       "source": {"type": "conversation", "id": "s1", "delivered_as": "customer_initiated",
         "body": "<p>Hi&nbsp;there</p><script>alert(1)</script>", "author": {"type": "user", "id": "u1"}},
       "conversation_parts": {"type": "conversation_part.list", "conversation_parts": [
         {"type": "conversation_part", "id": "p1", "part_type": "comment", "created_at": 1700000060,
          "body": "<style>.x{}</style><p>Hello&nbsp;&amp;&nbsp;welcome</p>", "author": {"type": "admin", "id": "a1"}}]}}
      """
    let file = try EmailFixtures.temporary(json, name: "intercom.json")
    let (conversations, _) = try IntercomJSONReader().readAll(file)
    #expect(conversations.first?.turns.map(\.text) == ["Hi there", "Hello & welcome"])
  }

  @Test func plainTextEntitiesShareTheTable() {
    #expect(ExportText.decodeEntities("a&nbsp;b &eacute; &#x1F600; &bogus; &") == "a b é 😀 &bogus; &")
    #expect(ExportText.decodeEntities("&#99999999999;") == "&#99999999999;")
  }
}
