import Foundation
import Testing

@testable import EarshotScoring

/// The day tables' `utcDay` computes days by arithmetic; it must name the same day as
/// Foundation's Gregorian calendar in UTC for every instant it handles that way.
@Suite struct UTCDayTests {
  private func foundationDay(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year ?? -1, parts.month ?? -1, parts.day ?? -1)
  }

  @Test func agreesWithFoundationAcrossCenturies() {
    // Every 7,001 seconds short of a day from 1600 to 2400: each weekday, leap days, century years
    // (1700, 1800, 1900 not leap; 2000 leap) and the instants on either side of midnight.
    var seconds = -11_676_096_000.0
    var checked = 0
    while seconds < 13_569_465_600 {
      for offset in [0.0, -0.5, 0.5, 86_399.999] {
        let date = Date(timeIntervalSince1970: seconds + offset)
        #expect(Aggregation.utcDay(date) == foundationDay(date), "at \(seconds + offset)")
        checked += 1
      }
      seconds += 79_399
    }
    #expect(checked > 40_000)
  }

  @Test func knownDays() {
    #expect(Aggregation.utcDay(Date(timeIntervalSince1970: 0)) == "1970-01-01")
    #expect(Aggregation.utcDay(Date(timeIntervalSince1970: -1)) == "1969-12-31")
    #expect(Aggregation.utcDay(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29")
    #expect(Aggregation.utcDay(Date(timeIntervalSince1970: 1_709_251_199)) == "2024-02-29")
    // Outside the arithmetic range Foundation answers.
    let early = Date(timeIntervalSince1970: -20_000_000_000)
    #expect(Aggregation.utcDay(early) == foundationDay(early))
  }
}
