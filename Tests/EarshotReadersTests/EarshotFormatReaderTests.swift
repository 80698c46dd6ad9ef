import EarshotModel
import EarshotReaders
import Foundation
import Testing

/// Fixture files of Earshot's own formats.
enum EarshotFixtures {
  static func file(_ name: String) throws -> InputFile {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return InputFile(path: folder.appendingPathComponent("earshot/\(name)").path)
  }
}

@Suite struct EarshotJSONReaderTests {
  @Test func readsAConversation() throws {
    let (conversations, diagnostics) = try EarshotJSONReader().readAll(EarshotFixtures.file("valid.json"))
    #expect(diagnostics.isEmpty)
    let conversation = try #require(conversations.first)
    #expect(conversation.id == "globex-mail-009")
    #expect(conversation.channel == .email)
    #expect(conversation.company == "Globex Mobile")
    #expect(conversation.turns.map(\.role) == [.customer, .agent, .customer])
    #expect(conversation.participant(withID: "nadia@globex-support.example")?.name == "Nadia")
    let first = try #require(conversation.turns.first?.timestamp)
    #expect(first == Date(timeIntervalSince1970: 1_709_799_120))
  }

  @Test func syntaxErrorNamesLineAndColumn() throws {
    let file = try EarshotFixtures.file("malformed-syntax.json")
    #expect(throws: InputDiagnostic.self) { try EarshotJSONReader().readAll(file) }
    do {
      _ = try EarshotJSONReader().readAll(file)
    } catch let diagnostic as InputDiagnostic {
      #expect(diagnostic.location.file == file.path)
      #expect(diagnostic.location.line == 5)
      #expect(diagnostic.message.hasPrefix("invalid JSON"))
    }
  }

  @Test func unknownRoleNamesTheKeyPath() throws {
    do {
      _ = try EarshotJSONReader().readAll(EarshotFixtures.file("malformed-role.json"))
      Issue.record("expected a diagnostic")
    } catch let diagnostic as InputDiagnostic {
      #expect(diagnostic.message.contains("at turns[1].role"))
      #expect(diagnostic.message.contains("found 'manager'"))
    }
  }

  @Test func missingTurnsIsReported() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("no-turns.json", #"{"id": "x", "participants": []}"#)
    do {
      _ = try EarshotJSONReader().readAll(InputFile(path: path))
      Issue.record("expected a diagnostic")
    } catch let diagnostic as InputDiagnostic {
      #expect(diagnostic.description.contains("expected key \"turns\""))
    }
  }
}

@Suite struct EarshotJSONLinesReaderTests {
  @Test func readsEveryLine() throws {
    let (conversations, diagnostics) = try EarshotJSONLinesReader().readAll(EarshotFixtures.file("two.jsonl"))
    #expect(diagnostics.isEmpty)
    #expect(conversations.map(\.id) == ["initech-chat-011", "initech-chat-012"])
    #expect(conversations[0].turns[1].role == .bot)
  }

  @Test func badLineIsReportedAndTheRestIsRead() throws {
    let file = try EarshotFixtures.file("malformed-line.jsonl")
    let (conversations, diagnostics) = try EarshotJSONLinesReader().readAll(file)
    #expect(conversations.map(\.id) == ["ok-1", "ok-2"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.line == 2)
    #expect(diagnostics.first?.message.contains("turns[0]") == true)
  }
}

@Suite struct ChatLogReaderTests {
  @Test func readsHeadersStampsAndRoles() throws {
    let (conversations, diagnostics) = try ChatLogReader().readAll(EarshotFixtures.file("chat.txt"))
    #expect(diagnostics.isEmpty)
    let conversation = try #require(conversations.first)
    #expect(conversation.id == "acme-chat-004")
    #expect(conversation.company == "Acme Broadband")
    #expect(conversation.turns.count == 5)
    #expect(conversation.turns[0].speaker == "lena park")
    #expect(conversation.participant(withID: "lena park")?.name == "Lena Park")
    #expect(conversation.turns[1].role == .agent)
    // [11:02] on the header date 2024-03-01, UTC.
    #expect(conversation.turns[1].timestamp == Date(timeIntervalSince1970: 1_709_290_920))
    #expect(conversation.turns[2].location?.line == 7)
    #expect(conversation.metadata["roles"] == nil)
  }

  @Test func continuationLinesJoinThePreviousTurn() throws {
    let conversations = try ChatLogReader().parse(text: "Customer: first line\nsecond line\nAgent: reply")
    #expect(conversations.first?.turns.first?.text == "first line\nsecond line")
    #expect(conversations.first?.turns.count == 2)
  }

  @Test func unlabeledSpeakersAreGuessedAndSaidSo() throws {
    let conversations = try ChatLogReader().parse(text: "[10:00] Ann: help please\n[10:01] Bo: hello, what happened?")
    let conversation = try #require(conversations.first)
    #expect(conversation.turns.map(\.role) == [.customer, .agent])
    #expect(conversation.metadata["roles"] == "guessed")
  }

  @Test func agentsHeaderSetsRoles() throws {
    let text = "# agents: Sam\nHana: hi\nSam: hello"
    #expect(try ChatLogReader().parse(text: text).first?.turns.map(\.role) == [.customer, .agent])
  }

  @Test func timesRollOverMidnightAndTwelveHourClock() throws {
    let text = "# date: 2024-03-01\n[11:58 PM] Customer: late\n[12:03 AM] Agent: still here"
    let turns = try #require(try ChatLogReader().parse(text: text).first?.turns)
    let first = try #require(turns[0].timestamp)
    let second = try #require(turns[1].timestamp)
    #expect(second.timeIntervalSince(first) == 300)
  }

  @Test func separatorStartsANewConversation() throws {
    let text = "# company: Acme\nCustomer: one\n---\nCustomer: two\nAgent: reply"
    let conversations = try ChatLogReader().parse(text: text, path: "log.txt")
    #expect(conversations.map(\.id) == ["log", "log-2"])
    #expect(conversations.map(\.company) == ["Acme", "Acme"])
  }

  @Test func badTimestampNamesLineAndWhatWasExpected() throws {
    let file = try EarshotFixtures.file("malformed-chat.txt")
    do {
      _ = try ChatLogReader().readAll(file)
      Issue.record("expected a diagnostic")
    } catch let diagnostic as InputDiagnostic {
      #expect(diagnostic.location.line == 3)
      #expect(diagnostic.message.contains("expected a time such as 10:32"))
      #expect(diagnostic.message.contains("'25:99'"))
    }
  }

  @Test func prosewithoutLabelsIsRejected() throws {
    #expect(throws: InputDiagnostic.self) {
      try ChatLogReader().parse(text: "This is just a paragraph of prose with no speaker.")
    }
  }
}

@Suite struct ReaderRegistryTests {
  @Test func detectsEachEarshotFormat() throws {
    let registry = ReaderRegistry.builtIn()
    #expect(try registry.detect(EarshotFixtures.file("valid.json")).format == "earshot-json")
    #expect(try registry.detect(EarshotFixtures.file("two.jsonl")).format == "earshot-jsonl")
    #expect(try registry.detect(EarshotFixtures.file("chat.txt")).format == "chat-log")
  }

  @Test func unknownFormatNamesWhatWasSeen() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("mystery.bin", "%PDF-1.4 binary stuff")
    do {
      _ = try ReaderRegistry.builtIn().detect(InputFile(path: path))
      Issue.record("expected a diagnostic")
    } catch let diagnostic as InputDiagnostic {
      #expect(diagnostic.message.contains("unknown transcript format"))
      #expect(diagnostic.message.contains("%PDF-1.4"))
    }
  }

  @Test func emptyFileIsReported() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("empty.txt", "")
    #expect(throws: InputDiagnostic.self) { try ReaderRegistry.builtIn().detect(InputFile(path: path)) }
  }
}

@Suite struct TimestampParserTests {
  let parser = TimestampParser()

  @Test func isoForms() {
    #expect(parser.parse("2024-03-01T10:32:00Z") == Date(timeIntervalSince1970: 1_709_289_120))
    #expect(parser.parse("2024-03-01T12:32:00+02:00") == Date(timeIntervalSince1970: 1_709_289_120))
    #expect(parser.parse("2024-03-01 10:32") == Date(timeIntervalSince1970: 1_709_289_120))
    #expect(parser.parse("2024-03-01T10:32:00.250Z") == Date(timeIntervalSince1970: 1_709_289_120.25))
  }

  @Test func epochSecondsAndMilliseconds() {
    #expect(parser.parse("1709289120") == Date(timeIntervalSince1970: 1_709_289_120))
    #expect(parser.parse("1709289120000") == Date(timeIntervalSince1970: 1_709_289_120))
  }

  @Test func rejectsNonsense() {
    #expect(parser.parse("yesterday") == nil)
    #expect(parser.parse("2024-13-01") == nil)
    #expect(parser.parse("2024-03-01T10:32:00Zjunk") == nil)
  }
}

@Suite struct ChatLogLineEndingTests {
  @Test func crlfChatLogReadsLineByLine() throws {
    let conversations = try ChatLogReader().parse(text: "# id: w\r\nCustomer: hi\r\nAgent: hello\r\n")
    #expect(conversations.first?.turns.map(\.text) == ["hi", "hello"])
    #expect(conversations.first?.id == "w")
  }
}
