import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// Numbers in chat logs are checked before any arithmetic: times, zones and day roll-overs.
@Suite struct ChatLogNumberTests {
  func read(_ text: String) throws -> Conversation {
    try #require(try ChatLogReader().parse(text: text, path: "log.txt").first)
  }

  @Test(arguments: ["99999999999999999999:00", "10:99999999999999999999", "١٠:٣٠", "+10:30", "10:-5"])
  func aTimeThatIsNotOneIsADiagnosticWithItsLine(_ stamp: String) {
    let text =
      "# id: d\n# date: 2024-03-04\n[10:15] Customer Dana: where is my order?\n[\(stamp)] Agent Bob: checking\n"
    let diagnostic = #expect(throws: InputDiagnostic.self) { try ChatLogReader().parse(text: text, path: "log.txt") }
    #expect(diagnostic?.location == SourceLocation(file: "log.txt", line: 4, column: 2))
  }

  @Test(arguments: ["+999999999999999999", "-99999999999:00", "+19:00", "+١٠:00"])
  func aZoneOffsetOutOfRangeIsADiagnostic(_ zone: String) {
    let text = "# id: d\n# timezone: \(zone)\n[10:15] Customer Dana: where is my order?\n"
    let diagnostic = #expect(throws: InputDiagnostic.self) { try ChatLogReader().parse(text: text, path: "log.txt") }
    #expect(diagnostic?.location.line == 2)
  }

  @Test func aZoneOffsetInRangeIsRead() throws {
    let conversation = try read("# id: d\n# date: 2024-03-04\n# timezone: +05:30\n[10:15] Customer Dana: hi\n")
    #expect(conversation.turns[0].timestamp == Date(timeIntervalSince1970: 1_709_527_500))
  }

  @Test func aFullTimeBeyondTheCalendarIsADiagnostic() {
    let text = "# id: d\n[10:15] Customer Dana: hi\n[99999999999999999999] Agent Bob: checking\n"
    let diagnostic = #expect(throws: InputDiagnostic.self) { try ChatLogReader().parse(text: text, path: "log.txt") }
    #expect(diagnostic?.location.line == 3)
    #expect(diagnostic?.message.contains("expected a time such as 10:32") == true)
  }

  @Test func timesOfDayRollOverMidnightOneDayAtATime() throws {
    let conversation = try read(
      """
      # id: d
      # date: 2024-03-04
      [23:50] Customer Dana: where is my order?
      [00:10] Agent Bob: checking
      [23:59] Customer Dana: still nothing
      [23:59] Agent Bob: the same time stays on the same day
      [00:01] Customer Dana: and now the next day
      """)
    let day = 86_400.0
    let start = 1_709_596_200.0  // 2024-03-04 23:50 UTC
    #expect(
      conversation.turns.map { $0.timestamp?.timeIntervalSince1970 } == [
        start, start + 1_200, start + day + 540, start + day + 540, start + day + 660,
      ])
  }

  @Test func rollingForwardMatchesAddingOneDayAtATime() {
    let base = Date(timeIntervalSince1970: 1_709_510_400)
    for (offset, gap) in [(0.0, 0.0), (30, 86_399), (30, 86_400), (30, 86_401), (3_600, 40 * 86_400 + 0.5), (1, 1e9)] {
      let date = base.addingTimeInterval(offset)
      let target = date.addingTimeInterval(gap)
      var expected = date
      while expected < target { expected = expected.addingTimeInterval(86_400) }
      #expect(ChatLogBuilder.rolledForward(date, toReach: target) == expected, "gap \(gap)")
    }
  }
}
