import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

@Suite struct TwitterCSVStreamingTests {
  static let header = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"

  static func row(
    _ id: Int, _ author: String, inbound: Bool, minute: Int, _ text: String, responses: String = "",
    parent: String = ""
  ) -> String {
    let time = String(format: "Tue Oct 31 22:%02d:00 +0000 2017", minute)
    return "\(id),\(author),\(inbound ? "True" : "False"),\(time),\"\(text)\",\(responses),\(parent)\n"
  }

  @Test func aConversationSpreadOverTheFileKeepsItsPlaceAndAllItsTweets() throws {
    // Conversation 1 opens the file and closes it; conversations 3 and 5 lie in between, and the
    // reply to 1 names its parent only through a link to a later tweet.
    let text =
      Self.header + Self.row(1, "115712", inbound: true, minute: 1, "@sprintcare my phone is dead", responses: "9")
      + Self.row(3, "200", inbound: true, minute: 2, "@AskPayPal refund please", responses: "4")
      + Self.row(4, "AskPayPal", inbound: false, minute: 3, "@200 Sorry to hear that ^JK", parent: "3")
      + Self.row(5, "300", inbound: true, minute: 4, "@Delta lost bag")
      + Self.row(9, "sprintcare", inbound: false, minute: 5, "@115712 Please DM us -Becky", parent: "1.0")
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "spread.csv", text)
    let (conversations, diagnostics) = try TwitterCSVReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.map(\.id) == ["1", "3", "5"])
    #expect(conversations[0].turns.map { $0.attributes["tweet_id"] ?? "" } == ["1", "9"])
    #expect(conversations[0].turns.map(\.speaker) == ["115712", "sprintcare/Becky"])
    #expect(conversations[0].turns.map(\.location?.line) == [2, 6])
    #expect(conversations[1].agents.map(\.id) == ["AskPayPal/JK"])
  }

  @Test func conversationsAreEmittedBeforeTheFileEnds() throws {
    var text = Self.header
    for index in 0..<2_000 {
      let (question, answer): (Int, Int) = (2 * index + 1, 2 * index + 2)
      text += Self.row(question, "c\(index)", inbound: true, minute: 1, "@Acme help \(index)", responses: "\(answer)")
      text += Self.row(answer, "Acme", inbound: false, minute: 2, "@c\(index) on it", parent: "\(question)")
    }
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "many.csv", text)
    var ids: [String] = []
    try TwitterCSVReader().read(
      file,
      emit: { conversation in
        ids.append(conversation.id)
        #expect(conversation.turns.count == 2)
      }, diagnose: { Issue.record("unexpected \($0)") })
    let expected: [String] = (0..<2_000).map { (index: Int) -> String in String(2 * index + 1) }
    #expect(ids == expected)
  }

  @Test func hostileRecordsAreDiagnosedAndTheRestRead() throws {
    let text =
      Self.header + Self.row(1, "a", inbound: true, minute: 1, "@Acme hi")
      + "2,Acme,False,Tue Oct 31 22:10:47 +0000 99999999999999,\"@a hello\",,1\n"
      + "3,Acme,False,Tue Oct 31 99999999999999999999:10:47 +0000 2017,\"@a again\",,1\n"
      + Self.row(1, "b", inbound: true, minute: 3, "@Acme repeated id")
      + "4,short\n"
      + "5,Acme,False,Tue Oct 31 22:10:47 +9999 2017,\"@a zone\",,1\n"
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "hostile.csv", text)
    let (conversations, diagnostics) = try TwitterCSVReader().readAll(file)
    #expect(conversations.map(\.id) == ["1"])
    #expect(conversations[0].turns.count == 4)
    #expect(conversations[0].turns.dropFirst().allSatisfy { $0.timestamp == nil })
    #expect(diagnostics.map(\.location.line) == [3, 4, 5, 6, 7])
    #expect(diagnostics[0].message.contains("time left empty"))
    #expect(diagnostics[2].message.contains("repeated tweet_id"))
  }

  @Test func aFileCutInsideAQuotedFieldKeepsItsDiagnostic() throws {
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(
      folder, "cut.csv", Self.header + "1,a,True,Tue Oct 31 22:10:47 +0000 2017,\"@Acme hel")
    let diagnostic = try #require(StreamingInput.thrown { _ = try TwitterCSVReader().readAll(file) })
    #expect(diagnostic.location.line == 2)
  }
}

@Suite struct GenericCSVStreamingTests {
  let reader = GenericCSVReader(
    options: ExportReaderOptions(csvColumns: CSVColumnMapping(conversationID: "id", speaker: "who", text: "text")))

  @Test func interleavedConversationsComeOutWholeInOrderOfTheirFirstRow() throws {
    let text = "id,who,text\nA,ann,hi\nB,bob,hello\nA,agent,yes?\nC,cy,hey\nB,agent,sure\nA,ann,thanks\n"
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "mixed.csv", text)
    var order: [(String, Int)] = []
    try reader.read(file, emit: { order.append(($0.id, $0.turns.count)) }, diagnose: { _ in })
    #expect(order.map(\.0) == ["A", "B", "C"])
    #expect(order.map(\.1) == [3, 2, 1])
  }

  @Test func badRowsAreDiagnosedOnceWithTheirLine() throws {
    let text = "id,who,text\nA,ann,hi\nA,,no speaker\nA,ann,\"cut\n"
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "bad.csv", text)
    var diagnostics: [InputDiagnostic] = []
    let thrown = StreamingInput.thrown {
      try reader.read(file, emit: { _ in }, diagnose: { diagnostics.append($0) })
    }
    #expect(thrown?.location.line == 4)
    #expect(diagnostics.isEmpty)
    let fixed = try StreamingInput.write(folder, "fixed.csv", "id,who,text\nA,ann,hi\nA,,no speaker\nA,ann,bye\n")
    let read = try reader.readAll(fixed)
    #expect(read.conversations.map(\.turns.count) == [2])
    #expect(read.diagnostics.map(\.location.line) == [3])
  }

  @Test func hugeEpochTimestampsAreRefusedNotConverted() throws {
    let mapped = GenericCSVReader(
      options: ExportReaderOptions(
        csvColumns: CSVColumnMapping(conversationID: "id", speaker: "who", timestamp: "at", text: "text")))
    let text = "id,who,at,text\nA,ann,99999999999999999999999,hi\nA,bob,1709542920,hello\n"
    let folder = try TemporaryFolder()
    let (conversations, diagnostics) = try mapped.readAll(StreamingInput.write(folder, "t.csv", text))
    #expect(conversations.first?.turns.map(\.timestamp) == [nil, Date(timeIntervalSince1970: 1_709_542_920)])
    #expect(diagnostics.map(\.location.line) == [2])
  }
}

@Suite struct VendorJSONNumberTests {
  @Test func zendeskNDJSONBadLinesAreLocatedAndTheOthersRead() throws {
    let ticket = #"{"id":1,"requester_id":7,"via":{"channel":"email"},"comments":[{"author_id":7,"body":"hi"}]}"#
    var bytes = Array((ticket + "\n").utf8)
    bytes += Array(#"{"id":2,"requester_id":7,"via":{"channel":"email"},"comments":[{"author_id":7,"body":"h"#.utf8)
    bytes += [0xFF] + Array("\"}]}\n".utf8)
    bytes += Array(#"{"id":3,"requester_id":7,"via":{"channel":"email"},"comments":"none"}"#.utf8) + [0x0A]
    bytes += Array((ticket.replacingOccurrences(of: #""id":1"#, with: #""id":4"#) + "\n").utf8)
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "tickets.ndjson", bytes)
    let (conversations, diagnostics) = try ZendeskJSONReader().readAll(file)
    #expect(conversations.map(\.id) == ["1", "4"])
    #expect(diagnostics.map(\.location.line) == [2, 3])
    #expect(diagnostics[0].message.contains("UTF-8"))
    #expect(diagnostics[1].message.contains("at comments: expected an array"))
    #expect(diagnostics[1].location.column == 63)  // the column of "none"
  }

  @Test func intercomArrayStreamsAndOutOfRangeTimesAreLocated() throws {
    func conversation(_ id: Int, _ created: String) -> String {
      #"{"id":"\#(id)","created_at":\#(created),"source":{"body":"<p>Charged twice</p>","#
        + #""author":{"type":"user","id":"u\#(id)"}},"conversation_parts":{"conversation_parts":["#
        + #"{"part_type":"comment","body":"Refunded","created_at":\#(created),"author":{"type":"admin","id":"a"}}]}}"#
    }
    let text = "[\n" + conversation(1, "1663597223") + ",\n" + conversation(2, "1e300") + "\n]"
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "list.json", text)
    let (conversations, diagnostics) = try IntercomJSONReader().readAll(file)
    #expect(conversations.map(\.id) == ["1", "2"])
    let created = Date(timeIntervalSince1970: 1_663_597_223)
    #expect(conversations[0].turns.map(\.timestamp) == [created, created])
    #expect(conversations[1].turns.map(\.timestamp) == [nil, nil])
    #expect(diagnostics.count == 2)
    #expect(diagnostics.allSatisfy { $0.location.line == 3 && $0.message.contains("time left empty") })
    #expect(diagnostics[0].location.column == 24)  // the column of the first 1e300
    #expect(diagnostics[1].message.contains("conversation_parts[0].created_at"))
  }

  @Test func slackTimestampsBeyondRangeAreReportedAndLeftEmpty() throws {
    let folder = try TemporaryFolder()
    _ = try folder.write("export/users.json", #"[{"id":"U1","name":"ann"},{"id":"U2","name":"bob"}]"#)
    _ = try folder.write("export/channels.json", #"[{"id":"C1","name":"help"}]"#)
    let day = try folder.write(
      "export/help/2024-03-01.json",
      "[\n" + #"{"type":"message","user":"U1","text":"hi","ts":"1709283600.000100"},"# + "\n"
        + #"{"type":"message","user":"U2","text":"hello","ts":"1e400"},"# + "\n"
        + #"{"type":"message","user":"U1","text":"thanks","ts":"nan"}"# + "\n]")
    let (conversations, diagnostics) = try SlackExportReader().readAll(InputFile(path: day))
    #expect(conversations.map(\.turns.count) == [3])
    #expect(conversations.first?.turns.compactMap(\.timestamp).count == 1)
    #expect(diagnostics.map(\.location.line) == [3, 4])
    #expect(diagnostics.allSatisfy { $0.message.contains("time left empty") && $0.location.column != nil })
  }

  @Test func ccaiMicrosecondsBeyondRangeAreReported() throws {
    let text =
      #"{"entries":[{"text":"hi","role":"CUSTOMER","user_id":1,"start_timestamp_usec":1e300},"#
      + #"{"text":"hello","role":"AGENT","user_id":2,"start_timestamp_usec":1709283600000000}]}"#
    let folder = try TemporaryFolder()
    let (conversations, diagnostics) = try CCAIInsightsReader().readAll(
      StreamingInput.write(folder, "upload.json", text))
    #expect(conversations.first?.turns.map(\.timestamp) == [nil, Date(timeIntervalSince1970: 1_709_283_600)])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.message.contains("entries[0].start_timestamp_usec") == true)
    #expect(diagnostics.first?.location.column == 79)  // the column of 1e300
  }
}
