import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// A JSON Lines line longer than `streamedLineBytes` is scanned from the file with the turn limit
/// applied while scanning, never held whole; the lines around it are read as usual.
@Suite struct JSONLinesLongLineTests {
  /// One conversation of `turns` turns on one line.
  private func longConversation(_ id: String, turns: Int) -> String {
    let entries = (0..<turns).map { index in
      #"{"speaker":"\#(index % 2 == 0 ? "c" : "a")","text":"message number \#(index)"}"#
    }
    return #"{"id":"\#(id)","participants":[{"id":"c","role":"customer"},{"id":"a","role":"agent"}],"#
      + #""turns":["# + entries.joined(separator: ",") + "]}"
  }

  @Test func longLineKeepsTheFirstTurnsAndNamesTheFirstLeftOut() throws {
    let folder = try TemporaryFolder()
    let long = longConversation("long", turns: 50)
    let text =
      [StreamingInput.conversation("before"), long, StreamingInput.conversation("after")]
      .joined(separator: "\n") + "\n"
    let file = try StreamingInput.write(folder, "mixed.jsonl", text)
    let reader = EarshotJSONLinesReader(limits: ConversationLimits(maxTurns: 10), streamedLineBytes: 200)
    let (conversations, diagnostics) = try reader.readAll(file)
    #expect(conversations.map(\.id) == ["before", "long", "after"])
    #expect(conversations[1].turns.count == 10)
    #expect(conversations[1].turns.last?.text == "message number 9")
    #expect(conversations[1].turns.first?.location?.line == 2)
    #expect(diagnostics.count == 1)
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.message.contains("has 50 turns, more than the limit of 10"))
    #expect(diagnostic.location.line == 2)
    // The column and offset of the eleventh turn's object on that line.
    let lineStart = StreamingInput.conversation("before").utf8.count + 1
    let eleventh = try #require(long.range(of: #"{"speaker":"c","text":"message number 10"}"#))
    let column = long.utf8.distance(from: long.startIndex, to: eleventh.lowerBound) + 1
    #expect(diagnostic.location.column == column)
    #expect(diagnostic.location.byteOffset == lineStart + column - 1)
  }

  @Test func longLineWithinTheLimitIsReadWhole() throws {
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(
      folder, "one.jsonl", longConversation("whole", turns: 30) + "\n" + StreamingInput.conversation("next"))
    let reader = EarshotJSONLinesReader(limits: ConversationLimits(maxTurns: 100), streamedLineBytes: 100)
    let (conversations, diagnostics) = try reader.readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.map(\.id) == ["whole", "next"])
    #expect(conversations[0].turns.count == 30)
    // The same as reading the line whole.
    let whole = try EarshotJSONLinesReader(limits: ConversationLimits(maxTurns: 100)).readAll(file)
    #expect(whole.conversations == conversations)
  }

  @Test func brokenLongLineIsADiagnosticAndLaterLinesAreRead() throws {
    let folder = try TemporaryFolder()
    let broken = String(longConversation("broken", turns: 20).dropLast(2))
    let file = try StreamingInput.write(
      folder, "broken.jsonl", broken + "\n" + StreamingInput.conversation("next") + "\n")
    let reader = EarshotJSONLinesReader(limits: ConversationLimits(maxTurns: 5), streamedLineBytes: 100)
    let (conversations, diagnostics) = try reader.readAll(file)
    #expect(conversations.map(\.id) == ["next"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.line == 1)
  }
}
