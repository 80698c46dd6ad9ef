import EarshotModel
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotReaders

/// `Date` headers: every number is range-checked before the day arithmetic, so a hostile header is
/// a warning (the message is read, its time unknown), never an overflow trap.
@Suite struct EmailDateTests {
  /// The minimal reproducers of `../shared/reliability/crashes/min-date-*.eml`, inline.
  static func message(date: String) -> String {
    """
    From: Dana <dana@example.com>
    To: help@acme.com
    Subject: x
    Date: \(date)
    Message-ID: <a@example.com>

    Where is my order?

    """
  }

  @Test(arguments: [
    ("Wed, 6 Mar 99999999999999 08:00:00 +0000", "year 99999999999999 is out of range"),
    ("Wed, 6 Mar 2024 08:00:00 +9223372036854775807", "zone offset '+9223372036854775807' is not ±HHMM"),
    ("Wed, 6 Mar 99999999999999999999999 08:00:00 +0000", "year 99999999999999999999999 is out of range"),
    ("Wed, 6 Mar 2024 08:00:00 -99999", "zone offset '-99999' is not ±HHMM"),
    ("Wed, 6 Mar 2024 99:00:00 +0000", "is not a time of day"),
  ])
  func hostileDateIsAnErrorOnItsLineAndTheMessageIsStillRead(date: String, reason: String) throws {
    let file = try EmailFixtures.temporary(Self.message(date: date))
    let (conversations, diagnostics) = try EmailMessageReader().readAll(file)
    let turn = try #require(conversations.first?.turns.first)
    #expect(turn.text == "Where is my order?")
    #expect(turn.timestamp == nil)
    #expect(turn.attributes["unparsed_date"] == date)
    #expect(diagnostics.count == 1)
    // Impossible numbers are damage (the reliability reproducers must make the run exit 2).
    let error = try #require(diagnostics.first)
    #expect(error.severity == .error)
    #expect(error.location.file == file.path)
    #expect(error.location.line == 4)
    #expect(error.message.contains(reason), "\(error.message)")
  }

  @Test func reliabilityReproducersAreReadWithAnError() throws {
    let folder = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/reliability/crashes")
    let names = ["min-date-14digit-year.eml", "min-date-huge-offset.eml"]
    guard names.allSatisfy({ FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) })
    else {
      // The inline copies above cover the same bytes; this only checks the shared files are still the same.
      print(
        "EmailDateTests: ../shared/reliability/crashes not found beside the package; checked the inline copies only")
      return
    }
    for name in names {
      let (conversations, diagnostics) = try EmailMessageReader().readAll(
        InputFile(path: folder.appendingPathComponent(name).path))
      #expect(conversations.first?.turns.count == 1)
      #expect(diagnostics.map(\.severity) == [.error])
      #expect(diagnostics.first?.location.line == 4)
    }
  }

  @Test func validDatesStillParse() throws {
    let cases: [(String, TimeInterval)] = [
      ("Tue, 17 Nov 2009 18:04:31 -0800", 1_258_509_871),
      ("17 Nov 2009 18:04 -0800", 1_258_509_840),
      ("Tue, 17 Nov 09 18:04:31 PST", 1_258_509_871),
      ("Tue Nov 17 18:04:31 2009", 1_258_481_071),
      ("01 Jan 2001 00:01+0000", 978_307_260),
      ("Mon, 11 Mar 2024 10:00:00 +05:30", 1_710_131_400),
      ("Sat, 1 Jan 0099 00:00:00 +0000", -59_042_995_200),
    ]
    for (text, seconds) in cases {
      #expect(EmailDate.parse(text)?.timeIntervalSince1970 == seconds, "\(text)")
    }
  }

  @Test func dateWithoutAYearIsNotGuessed() {
    #expect(EmailDate.parse("Tue, 17 Nov 18:04:31 -0800") == nil)
    #expect(EmailDate.read("Thu Jan 01 00:00:10 +0000") == .unusable("it has no year (a year is never guessed)"))
  }
}
