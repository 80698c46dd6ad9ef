import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// The checks every conversation passes between its reader and scoring.
@Suite struct ConversationLimitsTests {
  func conversation(turns texts: [String], timestamps: [Date?]? = nil) -> Conversation {
    let turns = texts.enumerated().map { index, text in
      Turn(
        index: index, speaker: index % 2 == 0 ? "c" : "a", role: index % 2 == 0 ? .customer : .agent,
        timestamp: timestamps?[index], text: text, location: SourceLocation(file: "chat.txt", line: index + 3))
    }
    return Conversation(
      id: "x", channel: .chat, sourceFile: "chat.txt",
      participants: [Participant(id: "c", role: .customer), Participant(id: "a", role: .agent)], turns: turns)
  }

  @Test func aTimeBeyondTheCalendarRefusesTheConversationAtItsTurn() {
    var diagnostics: [InputDiagnostic] = []
    let input = conversation(
      turns: ["where is my order?", "it ships today"],
      timestamps: [Date(timeIntervalSince1970: 1_709_542_920), Date(timeIntervalSince1970: 1e300)])
    let admitted = ConversationLimits().admit(input) { diagnostics.append($0) }
    #expect(admitted == nil)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location == SourceLocation(file: "chat.txt", line: 4))
    #expect(diagnostics.first?.message.contains("turn 2: expected a time between the years 1 and 9999") == true)
  }

  @Test(arguments: [Double.infinity, -Double.infinity, Double.nan, -1e19, 253_402_300_800])
  func everyTimeOutsideTheBoundsIsRefused(_ seconds: Double) {
    var diagnostics: [InputDiagnostic] = []
    let input = conversation(turns: ["hello"], timestamps: [Date(timeIntervalSince1970: seconds)])
    #expect(ConversationLimits().admit(input) { diagnostics.append($0) } == nil)
    #expect(diagnostics.count == 1)
  }

  @Test func theEdgesOfTheCalendarAreAccepted() {
    let input = conversation(
      turns: ["first", "last"],
      timestamps: [
        Date(timeIntervalSince1970: TimestampBounds.earliestSeconds),
        Date(timeIntervalSince1970: TimestampBounds.latestSeconds),
      ])
    var diagnostics: [InputDiagnostic] = []
    #expect(ConversationLimits().admit(input) { diagnostics.append($0) } == input)
    #expect(diagnostics.isEmpty)
  }

  @Test func turnsPastTheLimitAreLeftOutAndTheFirstIsNamed() throws {
    var diagnostics: [InputDiagnostic] = []
    let input = conversation(turns: ["one", "two", "three", "four", "five"])
    let admitted = try #require(ConversationLimits(maxTurns: 3).admit(input) { diagnostics.append($0) })
    #expect(admitted.turns.map(\.text) == ["one", "two", "three"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.line == 6)
    #expect(diagnostics.first?.message.contains("has 5 turns, more than the limit of 3") == true)
  }

  @Test func longTurnsAreCutOnACharacterBoundaryWithOneDiagnostic() throws {
    var diagnostics: [InputDiagnostic] = []
    // 1,023 ASCII bytes then "é" (2 bytes): the limit of 1,024 falls inside the "é".
    let long = String(repeating: "a", count: 1_023) + "é" + String(repeating: "b", count: 100)
    let input = conversation(turns: ["short", long, long])
    let admitted = try #require(ConversationLimits(maxTurnBytes: 1_024).admit(input) { diagnostics.append($0) })
    #expect(admitted.turns[1].text == String(repeating: "a", count: 1_023))
    #expect(admitted.turns[2].text == String(repeating: "a", count: 1_023))
    #expect(admitted.turns[0].text == "short")
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.line == 4)
    #expect(diagnostics.first?.message.contains("turn 2: 1125 bytes of text, more than the limit of 1024") == true)
  }

  @Test func turnIndexesBecomeTurnPositions() throws {
    var input = conversation(turns: ["one", "two"])
    input.turns[0].index = 7
    input.turns[1].index = -1
    let admitted = try #require(ConversationLimits().admit(input) { _ in })
    #expect(admitted.turns.map(\.index) == [0, 1])
  }
}
