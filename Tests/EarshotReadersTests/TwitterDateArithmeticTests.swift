import Foundation
import Testing

@testable import EarshotReaders

/// `TwitterDate.fixedLayoutInstant` (arithmetic) must give Foundation's instant for every stamp it
/// takes, and leave to Foundation the ones it cannot match (rollovers, the Julian calendar).
@Suite struct TwitterDateArithmeticTests {
  static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  func stamp(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, zone: String)
    -> String
  {
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let weekday = Self.weekdays[(year + month + day) % 7]
    return "\(weekday) \(Self.months[month - 1]) \(two(day)) \(two(hour)):\(two(minute)):\(two(second)) \(zone) \(year)"
  }

  @Test func arithmeticAgreesWithFoundationAtManyInstants() {
    var calendars = TwitterCalendars()
    var generator = SystemRandomNumberGenerator()
    let zones = ["+0000", "-0130", "+0530", "-1200", "+1400", "+0945", "-0000"]
    var taken = 0
    for _ in 0..<20_000 {
      let year = Int.random(in: 1583...9999, using: &generator)
      let month = Int.random(in: 1...12, using: &generator)
      let day = Int.random(in: 1...CivilDays.inMonth(month, of: year), using: &generator)
      let text = stamp(
        year, month, day, Int.random(in: 0...23, using: &generator), Int.random(in: 0...59, using: &generator),
        Int.random(in: 0...59, using: &generator), zone: zones.randomElement(using: &generator)!)
      let fast = TwitterDate.fixedLayoutInstant(text)
      if fast != nil { taken += 1 }
      #expect(fast == calendars.calendarDate(text), "\(text)")
    }
    #expect(taken == 20_000)
  }

  @Test func edgeStampsAreLeftToFoundationOrAgree() {
    var calendars = TwitterCalendars()
    var texts: [String] = []
    for year in [1582, 1583, 1600, 1900, 2000, 2016, 2017, 2100, 9999] {
      for month in 1...12 {
        for day in [1, 28, 29, 30, 31] {
          texts.append(stamp(year, month, day, 23, 59, 59, zone: "+0000"))
          texts.append(stamp(year, month, day, 0, 0, 60, zone: "-0800"))
        }
      }
    }
    texts += [
      "Tue Oct 31 24:10:47 +0000 2017", "Tue Oct 31 22:60:47 +0000 2017", "Tue Oct 00 22:10:47 +0000 2017",
      "Tue Oct 31 22:10:47 +1900 2017", "Tue Oct 31 22:10:47 +0199 2017", "Tue Foo 31 22:10:47 +0000 2017",
      "T e Oct 31 22:10:47 +0000 2017", "Tue Oct 31 22:10:47 x0130 2017", "Tue Oct 3x 22:10:47 +0000 2017",
      "Tue Oct 31 22:10:47 +0000 0999", "Tue Oct 31 22:10:47 +0000 20177", "Tue Oct 31 22:10:47 +0000 2017 ",
    ]
    for text in texts {
      if let fast = TwitterDate.fixedLayoutInstant(text) {
        #expect(fast == calendars.calendarDate(text), "\(text)")
      }
    }
    // Rollovers and the Julian years go to Foundation.
    #expect(TwitterDate.fixedLayoutInstant("Tue Feb 30 22:10:47 +0000 2017") == nil)
    #expect(TwitterDate.fixedLayoutInstant("Tue Oct 31 22:10:60 +0000 2017") == nil)
    #expect(TwitterDate.fixedLayoutInstant("Tue Oct 31 22:10:47 +0000 1582") == nil)
    #expect(TwitterDate.fixedLayoutInstant("T e Oct 31 22:10:47 +0000 2017") == nil)
    #expect(TwitterDate.fixedLayoutInstant("Tue Oct 31 22:10:47 +0000 2017") != nil)
  }

  @Test func idsOnBytesMatchTheGeneralPath() {
    let fields = [
      "", "3.0", "9,6,10", " 9 , 6 ,10 ", "119237.0", "1,,2", ".0", " , ", "3.0.0", "12\t,\t13.0", "7.00",
    ]
    for field in fields {
      let general = field.split(separator: ",").compactMap { part -> String? in
        var id = part.trimmingCharacters(in: .whitespaces)
        if id.hasSuffix(".0") { id.removeLast(2) }
        return id.isEmpty ? nil : id
      }
      #expect(TwitterCSVReader.asciiIDs(field) == general, "\(field)")
      #expect(TwitterCSVReader.ids(field) == general, "\(field)")
    }
    // A non-breaking space is trimmed by the general path, which such a field goes to.
    #expect(TwitterCSVReader.asciiIDs("\u{00A0}5") == nil)
    #expect(TwitterCSVReader.ids("\u{00A0}5") == ["5"])
  }
}
