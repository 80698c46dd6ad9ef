import Foundation
import Testing

@testable import EarshotReporters

/// Result lines write dates by arithmetic; they must be the bytes Foundation's `.iso8601` style
/// writes (the format `JSONEncoder`'s `.iso8601` strategy uses) for every instant.
@Suite struct ISO8601TextTests {
  @Test func agreesWithFoundationFrom1600To2400() {
    var seconds = -11_676_096_000.0
    var checked = 0
    while seconds < 13_569_465_600 {
      for offset in [0.0, 0.25, 0.999, -0.001, 59.5, 3_599.75, 86_399.999] {
        let date = Date(timeIntervalSince1970: seconds + offset)
        #expect(JSONText.iso8601(date) == date.formatted(.iso8601), "at \(seconds + offset)")
        checked += 1
      }
      seconds += 93_307
    }
    #expect(checked > 50_000)
  }

  @Test func knownInstantsAndOutOfRange() {
    #expect(JSONText.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    #expect(JSONText.iso8601(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    #expect(JSONText.iso8601(Date(timeIntervalSince1970: 1_709_251_199.9)) == "2024-02-29T23:59:59Z")
    let far = Date(timeIntervalSince1970: 300_000_000_000)
    #expect(JSONText.iso8601(far) == far.formatted(.iso8601))
  }
}
