import EarshotModel
import Foundation
import Testing

@Suite struct ModelTests {
  @Test func locationPrintsCompilerStyle() {
    #expect(SourceLocation(file: "a.txt", line: 3, column: 7).description == "a.txt:3:7")
    #expect(SourceLocation(file: "a.txt", byteOffset: 120).description == "a.txt@120")
    #expect(InputDiagnostic(file: "a.txt", line: 2, "expected x").description == "a.txt:2: error: expected x")
  }

  @Test func spanCutsOnUTF8BytesSafely() {
    let text = "Café ok"
    #expect(TextSpan(range: 0..<5, in: text).text == "Café")
    #expect(TextSpan(range: 6..<99, in: text).text == "ok")
    #expect(TextSpan(range: 6..<99, in: text).end == 8)
  }

  @Test func channelNamesAreLowercase() {
    #expect(Channel(rawValue: "Email") == .email)
  }

  @Test func turnOmitsEmptyAttributesAndRoundTrips() throws {
    let turn = Turn(index: 0, speaker: "dana", role: .customer, timestamp: Date(timeIntervalSince1970: 0), text: "hi")
    let data = try JSONEncoder().encode(turn)
    #expect(!String(decoding: data, as: UTF8.self).contains("attributes"))
    #expect(try JSONDecoder().decode(Turn.self, from: data) == turn)
    var labeled = turn
    labeled.attributes = ["relevance": "Good"]
    #expect(try JSONDecoder().decode(Turn.self, from: try JSONEncoder().encode(labeled)) == labeled)
  }

  @Test func severityOrders() {
    #expect(Severity.info < .minor && Severity.minor < .major)
  }

  @Test func agentsAreListedInOrderOfFirstTurn() {
    let conversation = Conversation(
      id: "c", channel: .chat, sourceFile: "f",
      participants: [
        Participant(id: "a", role: .agent), Participant(id: "b", role: .agent), Participant(id: "c", role: .customer),
      ],
      turns: [
        Turn(index: 0, speaker: "c", role: .customer, text: "x"), Turn(index: 1, speaker: "b", role: .agent, text: "y"),
        Turn(index: 2, speaker: "a", role: .agent, text: "z"), Turn(index: 3, speaker: "b", role: .agent, text: "w"),
      ])
    #expect(conversation.agents.map(\.id) == ["b", "a"])
  }
}
