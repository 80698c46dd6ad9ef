import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// Damaged input never crashes a reader: every fixture cut at many places still parses or is diagnosed.
@Suite struct EmailRobustnessTests {
  @Test func everyFixtureCutAnywhereIsReadOrDiagnosed() throws {
    let parser = EmailMessageParser(options: EmailReaderOptions())
    var cuts = 0
    for file in try EmailFixtures.files(under: "") where !file.path.hasSuffix(".md") {
      let bytes = [UInt8](try file.contents())
      let step = max(1, bytes.count / 60)
      for length in stride(from: 0, through: bytes.count, by: step) {
        var issues: [MailIssue] = []
        let message = parser.parse(
          Array(bytes[0..<length]), location: SourceLocation(file: file.path), ordinal: 0, issues: &issues)
        // Either a message, or a reason: nothing is dropped silently.
        #expect(message != nil || !issues.isEmpty)
        cuts += 1
      }
    }
    #expect(cuts > 500)
  }

  @Test func mboxWithCRLFAndBodyFromLines() throws {
    let mbox = [
      "From a@example.com Mon Mar 11 10:00:00 2024", "From: A <a@example.com>", "Subject: one",
      "Message-ID: <one@example.com>", "", "From here the body starts, not a new message.", "",
      "From b@example.com Mon Mar 11 11:00:00 2024", "From: B <b@example.com>", "Subject: Re: one",
      "In-Reply-To: <one@example.com>", "Message-ID: <two@example.com>", "", "Answer.", "",
    ].joined(separator: "\r\n")
    let file = try EmailFixtures.temporary(mbox, name: "archive.mbox")
    let (conversations, diagnostics) = try MboxReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.count == 1)
    #expect(conversations.first?.turns.map(\.text) == ["From here the body starts, not a new message.", "Answer."])
  }

  @Test func emptyAndHeaderlessMboxesAreDiagnosed() throws {
    let empty = try EmailFixtures.temporary("", name: "empty.mbox")
    #expect(throws: InputDiagnostic.self) { try MboxReader().readAll(empty) }
    let prose = try EmailFixtures.temporary("From the start this is prose.\n", name: "prose.mbox")
    #expect(throws: InputDiagnostic.self) { try MboxReader().readAll(prose) }
  }

  @Test func groupWithOneBadFileReadsTheRest() throws {
    let good = try EmailFixtures.file("own/signature-no-dashes.eml")
    let bad = try EmailFixtures.temporary(" \n\n")
    var conversations: [Conversation] = []
    var diagnostics: [InputDiagnostic] = []
    try EmailMessageReader().read(
      group: [good, bad], emit: { conversations.append($0) }, diagnose: { diagnostics.append($0) })
    #expect(conversations.count == 1)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.file == bad.path)
    #expect(diagnostics.first?.severity == .error)
    #expect(diagnostics.first?.message.contains("the message is empty") == true)
  }

  @Test func headerlessFileInAGroupIsReadWithAWarning() throws {
    // As Python's parser does (MissingHeaderBodySeparatorDefect): all of it is the body.
    let good = try EmailFixtures.file("own/signature-no-dashes.eml")
    let headerless = try EmailFixtures.temporary("no headers here\n\njust text\n")
    let (conversations, diagnostics) = try EmailFixtures.readGroup([good, headerless])
    #expect(conversations.count == 2)
    #expect(conversations.contains { $0.turns.first?.text == "no headers here\n\njust text" })
    #expect(diagnostics.map(\.severity) == [.warning])
    #expect(diagnostics.first?.location.file == headerless.path)
    #expect(diagnostics.first?.location.line == 1)
  }

  @Test func headerOnlyMessageInAnMboxIsRead() throws {
    let mbox = [
      "From a@example.com Mon Mar 11 10:00:00 2024", "From: A <a@example.com>", "Message-ID: <one@example.com>",
      "", "Hello.", "", "From b@example.com Mon Mar 11 11:00:00 2024", "X-Empty: yes", "",
    ].joined(separator: "\n")
    let (conversations, diagnostics) = try MboxReader().readAll(EmailFixtures.temporary(mbox, name: "a.mbox"))
    #expect(conversations.count == 2)
    #expect(diagnostics.isEmpty)
  }

  @Test func duplicateMessagesAreCountedOnce() throws {
    let file = try EmailFixtures.file("own/signature-no-dashes.eml")
    let (conversations, _) = try EmailFixtures.readGroup([file, file])
    #expect(conversations.count == 1)
    #expect(conversations.first?.turns.count == 1)
    #expect(conversations.first?.metadata["duplicate_messages"] == "1")
  }

  @Test func missingMessageIDGetsAStableDerivedID() throws {
    let text = "From: a@example.com\nSubject: hi\nDate: Mon, 11 Mar 2024 10:00:00 +0000\n\nhello\n"
    let first = try EmailMessageReader().readAll(EmailFixtures.temporary(text)).conversations.first
    let second = try EmailMessageReader().readAll(EmailFixtures.temporary(text)).conversations.first
    #expect(first?.id.hasPrefix("derived-") == true)
    #expect(first?.id == second?.id)
  }

  @Test func randomlyDamagedFixturesNeverCrash() throws {
    let parser = EmailMessageParser(options: EmailReaderOptions())
    // Bytes that matter to the parsers: delimiters, escapes, brackets, line breaks, high bytes.
    let interesting: [UInt8] = [
      0x3D, 0x3F, 0x3C, 0x3E, 0x2D, 0x0A, 0x0D, 0x3A, 0x22, 0x26, 0x3B, 0x20, 0xC3, 0xFF, 0x00,
    ]
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    var parsed = 0
    for file in try EmailFixtures.files(under: "") where !file.path.hasSuffix(".md") {
      let original = [UInt8](try file.contents())
      guard !original.isEmpty else { continue }
      for _ in 0..<25 {
        var bytes = original
        for _ in 0..<(1 + next() % 8) {
          bytes[next() % bytes.count] = interesting[next() % interesting.count]
        }
        var issues: [MailIssue] = []
        let message = parser.parse(bytes, location: SourceLocation(file: file.path), ordinal: 0, issues: &issues)
        #expect(message != nil || !issues.isEmpty)
        parsed += 1
      }
    }
    #expect(parsed > 300)
  }

  @Test func unansweredThreadBelongsToTheSupportDomainItWasSentTo() throws {
    let options = EmailReaderOptions(agentDomains: ["acme-support.com"])
    let (conversations, _) = try EmailFixtures.read("own/signature-no-dashes.eml", options: options)
    #expect(conversations.first?.company == "acme-support.com")
    #expect(conversations.first?.turns.first?.role == .customer)
  }
}
