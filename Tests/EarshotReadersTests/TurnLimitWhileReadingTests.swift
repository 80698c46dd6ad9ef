import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// `input.max_turns` applied while reading: turns past the limit are read and checked but not kept,
/// and what comes out is what `ConversationLimits.admit` makes of the whole conversation.
@Suite struct TurnLimitWhileReadingTests {
  /// A chat log of `turns` turns: labeled customer and agent turns with continuation lines, and after
  /// `lateSpeakerFrom` an unlabeled speaker heard nowhere earlier and a customer relabeled as agent.
  func chatLog(turns: Int, lateSpeakerFrom: Int) -> String {
    var lines = ["# id: long-chat", "# date: 2024-03-04", "# agents: Bob"]
    for turn in 0..<turns {
      let stamp = String(format: "[%02d:%02d:%02d] ", (turn / 3600) % 24, (turn / 60) % 60, turn % 60)
      if turn >= lateSpeakerFrom && turn % 5 == 0 {
        lines.append(stamp + "Zed: I am joining late, turn \(turn)")
      } else if turn >= lateSpeakerFrom && turn % 7 == 0 {
        lines.append(stamp + "Agent Dana: now speaking as an agent, turn \(turn)")
      } else if turn % 2 == 0 {
        lines.append(stamp + "Customer Dana: where is parcel \(turn)?")
        lines.append("it was due on Monday")
      } else {
        lines.append(stamp + "Bob: checking parcel \(turn) for you")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func theChatLogReaderKeepsTheFirstTurnsAndNamesTheFirstLeftOut() throws {
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "long.txt", chatLog(turns: 2_500, lateSpeakerFrom: 1_500))
    let limits = ConversationLimits(maxTurns: 1_000)
    let (conversations, diagnostics) = try ChatLogReader(limits: limits).readAll(file)
    let conversation = try #require(conversations.first)
    #expect(conversations.count == 1)
    #expect(conversation.turns.count == 1_000)
    #expect(diagnostics.count == 1)
    // Turn 1,001 is on line 3 (headers) + 1,000 message lines + 500 continuation lines + 1.
    #expect(diagnostics.first?.location == SourceLocation(file: file.path, line: 1_504))
    #expect(diagnostics.first?.message.contains("has 2500 turns, more than the limit of 1000") == true)

    // The same as reading everything and applying the limit afterwards.
    let whole = try #require(
      try ChatLogReader(limits: ConversationLimits(maxTurns: .max)).readAll(file).conversations.first)
    #expect(whole.turns.count == 2_500)
    var admitDiagnostics: [InputDiagnostic] = []
    let admitted = limits.admit(whole) { admitDiagnostics.append($0) }
    #expect(admitted == conversation)
    #expect(admitDiagnostics == diagnostics)
    // The speaker heard only after the limit is still a participant, as before.
    #expect(conversation.participants.map(\.id).contains("zed"))
  }

  @Test func aChatLogUnderTheLimitIsReadAsBefore() throws {
    let folder = try TemporaryFolder()
    let text = chatLog(turns: 300, lateSpeakerFrom: 100)
    let file = try StreamingInput.write(folder, "short.txt", text)
    let (conversations, diagnostics) = try ChatLogReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations == (try ChatLogReader().parse(text: text, path: file.path)))
    #expect(conversations.first?.turns.count == 300)
  }

  @Test func aChatLogWithInvalidUTF8IsRefusedAtItsLine() throws {
    let folder = try TemporaryFolder()
    let bytes = Array("# id: x\nCustomer: hello\n".utf8) + [0x41, 0xFF, 0x0A] + Array("Agent: hi\n".utf8)
    let file = try StreamingInput.write(folder, "bad.txt", bytes)
    let problem = StreamingInput.thrown { _ = try ChatLogReader().readAll(file) }
    #expect(problem?.location.line == 3)
    #expect(problem?.location.byteOffset == 24)
    #expect(problem?.message.contains("not valid UTF-8") == true)
  }

  /// An Earshot JSON conversation of `turns` turns, one turn per line, with keys after `turns`.
  func jsonConversation(id: String, turns: Int) -> String {
    var lines = [
      "{\"id\": \"\(id)\", \"company\": \"turns\", \"participants\": [{\"id\": \"c\", \"role\": \"customer\"},"
    ]
    lines.append(" {\"id\": \"a\", \"role\": \"agent\"}], \"turns\": [")
    for turn in 0..<turns {
      let speaker = turn % 2 == 0 ? "c" : "a"
      let late = turn >= 1_200 && turn % 9 == 0 ? ", \"role\": \"bot\", \"name\": \"Late\"" : ""
      let who = late.isEmpty ? speaker : "helper"
      lines.append(
        "  {\"speaker\": \"\(who)\"\(late), \"at\": \(1_709_542_920 + turn * 30), \"text\": \"turn \(turn), with a \\\"quote\\\" and [brackets], {braces}\"}"
          + (turn == turns - 1 ? "" : ","))
    }
    lines.append("], \"metadata\": {\"turns\": \"not the turns key\", \"queue\": \"billing\"}}")
    return lines.joined(separator: "\n")
  }

  @Test func theJSONReaderKeepsTheFirstTurnsOfAHugeConversation() throws {
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "long.json", jsonConversation(id: "long", turns: 2_500))
    let limits = ConversationLimits(maxTurns: 1_000)
    let (conversations, diagnostics) = try EarshotJSONReader(limits: limits).readAll(file)
    let conversation = try #require(conversations.first)
    #expect(conversation.turns.count == 1_000)
    #expect(conversation.metadata["queue"] == "billing", "keys after the turns are still read")
    let problem = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    // Turn 1,001 starts on line 2 + 1,001, after its two spaces of indentation.
    #expect(problem.location.line == 1_003)
    #expect(problem.location.column == 3)
    #expect(problem.message.contains("conversation 'long' has 2500 turns, more than the limit of 1000"))

    let whole = try #require(
      try EarshotJSONReader(limits: ConversationLimits(maxTurns: .max)).readAll(file).conversations.first)
    var admitDiagnostics: [InputDiagnostic] = []
    let admitted = limits.admit(whole) { admitDiagnostics.append($0) }
    // Participants named only by turns past the limit are not read (a chat log keeps them): compare
    // what was scored.
    #expect(admitted?.turns == conversation.turns)
    #expect(admitted?.metadata == conversation.metadata)
    #expect(admitDiagnostics.map(\.message) == diagnostics.map(\.message))
  }

  @Test func anArrayOfConversationsIsCutOnlyWhereATurnsArrayIsTooLong() throws {
    let folder = try TemporaryFolder()
    let text =
      "[" + jsonConversation(id: "long", turns: 40) + ",\n" + jsonConversation(id: "short", turns: 3) + "]"
    let file = try StreamingInput.write(folder, "two.json", text)
    let (conversations, diagnostics) = try EarshotJSONReader(limits: ConversationLimits(maxTurns: 10)).readAll(file)
    #expect(conversations.map(\.id) == ["long", "short"])
    #expect(conversations.map(\.turns.count) == [10, 3])
    #expect(diagnostics.count == 1)
  }

  /// The cut is made in the bytes as they stream in: every chunk size gives the same element.
  @Test(arguments: [1, 2, 3, 7, 16, 64, 4096])
  func theCutIsTheSameWhateverTheChunkSize(_ chunkSize: Int) throws {
    let folder = try TemporaryFolder()
    let text =
      "[ {\"id\":\"x\",\"note\":\"turns\",\"turns\" : [ {\"text\":\"a,]\"} ,\n {\"text\":\"b\"} , {\"text\":\"c\"},"
      + "{\"text\":\"d\"}\n ] , \"metadata\":{\"turns\":[1,2,3]}} , {\"turns\":[{\"text\":\"e\"}]} ]"
    let file = try StreamingInput.write(folder, "chunks.json", text)
    var stream = try JSONElementStream(file: file, chunkSize: chunkSize)
    stream.turnLimit = 2
    let first = try #require(try stream.next())
    let object = try #require(try JSONSerialization.jsonObject(with: Data(first.bytes)) as? [String: Any])
    let turns = try #require(object["turns"] as? [[String: String]])
    #expect(turns.map { $0["text"] } == ["a,]", "b"])
    #expect((object["metadata"] as? [String: [Int]])?["turns"] == [1, 2, 3])
    #expect(first.turnCount == 4)
    #expect(first.firstLeftOut?.line == 2)
    let second = try #require(try stream.next())
    #expect(second.turnCount == 1)
    #expect(second.firstLeftOut == nil)
    #expect(try stream.next() == nil)
  }
}
