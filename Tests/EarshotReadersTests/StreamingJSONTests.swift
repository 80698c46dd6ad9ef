import EarshotModel
import Foundation
import Testing

@testable import EarshotReaders

/// Writes inputs for the streaming tests and reads them back.
enum StreamingInput {
  /// One valid Earshot JSON conversation, compact, with `id` and a timestamp `at`.
  static func conversation(_ id: String, at: String = "1709542920", text: String = "where is my order?") -> String {
    #"{"id":"\#(id)","participants":[{"id":"c","role":"customer"},{"id":"a","role":"agent"}],"#
      + #""turns":[{"speaker":"c","at":\#(at),"text":"\#(text)"},{"speaker":"a","text":"it ships today"}]}"#
  }

  static func write(_ folder: TemporaryFolder, _ name: String, _ bytes: [UInt8]) throws -> InputFile {
    let url = URL(fileURLWithPath: try folder.write(name, ""))
    try Data(bytes).write(to: url)
    return InputFile(path: url.path)
  }

  static func write(_ folder: TemporaryFolder, _ name: String, _ text: String) throws -> InputFile {
    InputFile(path: try folder.write(name, text))
  }

  /// The diagnostic `body` throws, or nil (with a recorded issue) when it throws none.
  static func thrown(_ body: () throws -> Void) -> InputDiagnostic? {
    do {
      try body()
      Issue.record("expected a diagnostic")
    } catch let diagnostic as InputDiagnostic {
      return diagnostic
    } catch {
      Issue.record("expected an InputDiagnostic, got \(error)")
    }
    return nil
  }

  /// The package root, for `../shared` (the reliability reproducers live beside the project).
  static var sharedReliability: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("../shared/reliability/crashes").standardized
  }
}

@Suite struct EarshotJSONStreamingTests {
  @Test func oneLineArrayIsReadElementByElementWithFallbackIDs() throws {
    let folder = try TemporaryFolder()
    let second = StreamingInput.conversation("x").replacingOccurrences(of: #""id":"x","#, with: "")
    let file = try StreamingInput.write(
      folder, "many.json",
      "[" + StreamingInput.conversation("a") + " ,\n" + second + "," + StreamingInput.conversation("c") + "]")
    let (conversations, diagnostics) = try EarshotJSONReader().readAll(file)
    #expect(diagnostics.isEmpty)
    #expect(conversations.map(\.id) == ["a", "many-1", "c"])
    #expect(conversations[0].turns.map(\.role) == [.customer, .agent])
    #expect(conversations[2].turns[0].timestamp == Date(timeIntervalSince1970: 1_709_542_920))
  }

  @Test func hugeNegativeEpochIsADiagnosticWithLineAndColumn() throws {
    let folder = try TemporaryFolder()
    let text = StreamingInput.conversation("d", at: "-1e19")
    let file = try StreamingInput.write(folder, "neg.json", text)
    let diagnostic = try #require(StreamingInput.thrown { _ = try EarshotJSONReader().readAll(file) })
    let column = try #require(text.range(of: "-1e19")).lowerBound.utf16Offset(in: text) + 1
    #expect(diagnostic.location.line == 1)
    #expect(diagnostic.location.column == column)
    #expect(diagnostic.location.byteOffset == column - 1)
    #expect(diagnostic.message.contains("at turns[0].at"))
    #expect(diagnostic.message.contains("between years 1 and 9999"))
  }

  @Test(arguments: ["1e300", "-1e300", "1e400", "\"99999999999999999999999\"", "253402300800000000"])
  func outOfRangeTimesInAnArrayAreReportedAndTheOthersRead(_ at: String) throws {
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(
      folder, "range.json",
      "[\n" + StreamingInput.conversation("ok-1") + ",\n" + StreamingInput.conversation("bad", at: at) + ",\n"
        + StreamingInput.conversation("ok-2") + "\n]")
    let (conversations, diagnostics) = try EarshotJSONReader().readAll(file)
    #expect(conversations.map(\.id) == ["ok-1", "ok-2"])
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    #expect(diagnostic.location.line == 3)
    #expect(diagnostic.location.column != nil)
    #expect(diagnostic.message.contains("turns[0].at"))
  }

  @Test func invalidUTF8NamesLineColumnAndByte() throws {
    let folder = try TemporaryFolder()
    let prefix = Array("[\n  {\"id\":\"x\",\"turns\":[{\"speaker\":\"c\",\"role\":\"customer\",\"text\":\"hello ".utf8)
    let file = try StreamingInput.write(folder, "utf8.json", prefix + [0xFF] + Array(" world\"}]}\n]".utf8))
    let diagnostic = try #require(StreamingInput.thrown { _ = try EarshotJSONReader().readAll(file) })
    #expect(diagnostic.location.line == 2)
    #expect(diagnostic.location.column == prefix.count - 1)
    #expect(diagnostic.location.byteOffset == prefix.count)
    #expect(diagnostic.message.contains("UTF-8"))
    #expect(diagnostic.message.contains("0xff"))
  }

  @Test func truncatedArrayEmitsTheCompleteConversationsThenSaysWhereItEnds() throws {
    let folder = try TemporaryFolder()
    let text = "[" + StreamingInput.conversation("a") + ",{\"id\":\"b\",\"turns\":[{\"speaker\""
    let file = try StreamingInput.write(folder, "cut.json", text)
    var emitted: [String] = []
    let diagnostic = try #require(
      StreamingInput.thrown {
        try EarshotJSONReader().read(file, emit: { emitted.append($0.id) }, diagnose: { _ in })
      })
    #expect(emitted == ["a"])
    #expect(diagnostic.location.line == 1)
    #expect(diagnostic.location.byteOffset == text.utf8.count)
    #expect(diagnostic.message.contains("the end of the file"))
  }

  @Test func wrongTypeNamesThePathAndWhereTheValueIs() throws {
    let folder = try TemporaryFolder()
    let text = "[\n" + StreamingInput.conversation("a") + ",\n{\"id\": \"b\",\n \"turns\": \"none\"}\n]"
    let file = try StreamingInput.write(folder, "type.json", text)
    let (conversations, diagnostics) = try EarshotJSONReader().readAll(file)
    #expect(conversations.map(\.id) == ["a"])
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.message.contains("at turns: expected an array"))
    #expect(diagnostic.location.line == 4)
    #expect(diagnostic.location.column == 11)
  }

  @Test func missingCommaBetweenElementsIsASyntaxError() throws {
    let folder = try TemporaryFolder()
    let text = "[" + StreamingInput.conversation("a") + " " + StreamingInput.conversation("b") + "]"
    let file = try StreamingInput.write(folder, "comma.json", text)
    let diagnostic = try #require(StreamingInput.thrown { _ = try EarshotJSONReader().readAll(file) })
    #expect(diagnostic.message.contains("expected ',' or ']'"))
    #expect(diagnostic.location.column == StreamingInput.conversation("a").utf8.count + 3)
  }

  @Test func textAfterTheDocumentIsReported() throws {
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "two.json", StreamingInput.conversation("a") + "\n}")
    let diagnostic = try #require(StreamingInput.thrown { _ = try EarshotJSONReader().readAll(file) })
    #expect(diagnostic.location.line == 2)
    #expect(diagnostic.message.contains("expected the end of the document"))
  }

  @Test func aGeneratedMultiMegabyteArrayYieldsEveryConversation() throws {
    let folder = try TemporaryFolder()
    let count = 20_000
    var text = "["
    for index in 0..<count {
      if index > 0 { text += index % 7 == 0 ? ",\n" : "," }
      text += StreamingInput.conversation("c\(index)", text: "order \(index) \\\"quoted\\\" [brackets] {braces}")
    }
    text += "]"
    #expect(text.utf8.count > 4_000_000)
    let file = try StreamingInput.write(folder, "big.json", text)
    var ids: [String] = []
    var texts = 0
    try EarshotJSONReader().read(
      file,
      emit: { conversation in
        ids.append(conversation.id)
        if conversation.turns[0].text == "order \(ids.count - 1) \"quoted\" [brackets] {braces}" { texts += 1 }
      }, diagnose: { Issue.record("unexpected diagnostic \($0)") })
    let expected: [String] = (0..<count).map { (index: Int) -> String in "c\(index)" }
    #expect(ids == expected)
    #expect(texts == count)
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: StreamingInput.sharedReliability.path)))
  func reliabilityReproducersGiveLocatedDiagnostics() throws {
    // Skipped when ../shared/reliability is absent (the reproducers live beside the project).
    let folder = StreamingInput.sharedReliability
    for name in ["min-json-at-neg1e19.json", "min-json-invalid-utf8.json", "min-json-wait-1e300.json"] {
      let file = InputFile(path: folder.appendingPathComponent(name).path)
      let diagnostic = try #require(StreamingInput.thrown { _ = try EarshotJSONReader().readAll(file) })
      #expect(diagnostic.location.line == 1, "\(name)")
      #expect(diagnostic.location.column != nil, "\(name)")
      #expect(!diagnostic.message.contains("not valid JSON"), "\(name)")
    }
  }
}

@Suite struct EarshotJSONLinesStreamingTests {
  @Test func badLinesAreReportedWithLineAndColumnAndTheOthersRead() throws {
    let folder = try TemporaryFolder()
    var bytes = Array((StreamingInput.conversation("ok-1") + "\n").utf8)
    bytes +=
      Array("{\"id\":\"u\",\"turns\":[{\"speaker\":\"c\",\"role\":\"customer\",\"text\":\"a".utf8) + [0xC3, 0x28]
    bytes += Array("\"}]}\n".utf8)
    bytes += Array((StreamingInput.conversation("huge", at: "-1e19") + "\r\n").utf8)
    bytes += Array("\n{\"id\":\"t\",\"turns\":[\n".utf8)
    bytes += Array((StreamingInput.conversation("ok-2") + "\n").utf8)
    bytes += Array("{\"id\":\"cut\",\"turns\":[{\"speaker\":".utf8)
    let file = try StreamingInput.write(folder, "mixed.jsonl", bytes)
    let (conversations, diagnostics) = try EarshotJSONLinesReader().readAll(file)
    #expect(conversations.map(\.id) == ["ok-1", "ok-2"])
    #expect(diagnostics.map(\.location.line) == [2, 3, 5, 7])
    #expect(diagnostics.allSatisfy { $0.location.column != nil && $0.location.byteOffset != nil })
    #expect(diagnostics[0].message.contains("UTF-8"))
    #expect(diagnostics[1].message.contains("turns[0].at"))
    #expect(diagnostics[3].message.contains("the end of the file"))
  }

  @Test func aGeneratedMultiMegabyteFileYieldsEveryConversation() throws {
    let folder = try TemporaryFolder()
    let count = 25_000
    var text = ""
    for index in 0..<count { text += StreamingInput.conversation("l\(index)") + (index % 3 == 0 ? "\r\n" : "\n") }
    #expect(text.utf8.count > 4_000_000)
    let file = try StreamingInput.write(folder, "big.jsonl", text)
    let (conversations, diagnostics) = try EarshotJSONLinesReader().readAll(file)
    #expect(diagnostics.isEmpty)
    let expected: [String] = (0..<count).map { (index: Int) -> String in "l\(index)" }
    #expect(conversations.map(\.id) == expected)
    #expect(conversations.last?.turns.first?.location?.line == count)
  }
}

@Suite struct JSONElementStreamTests {
  func elements(_ text: String, chunk: Int) throws -> [String] {
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "e.json", text)
    var stream = try JSONElementStream(file: file, chunkSize: chunk)
    var found: [String] = []
    while let element = try stream.next() { found.append(String(decoding: element.bytes, as: UTF8.self)) }
    return found
  }

  @Test(arguments: [16, 17, 64, 4096])
  func elementsSplitAcrossChunksComeOutWhole(_ chunk: Int) throws {
    let text = "\u{FEFF}[ {\"a\": \"x]}\\\"\", \"b\": [1, {\"c\": null}]},\n\"s\\\\\", 12.5e3 , true,[],{} ]  \n"
    #expect(
      try elements(text, chunk: chunk) == [
        "{\"a\": \"x]}\\\"\", \"b\": [1, {\"c\": null}]}", "\"s\\\\\"", "12.5e3", "true", "[]", "{}",
      ])
  }

  @Test func aDocumentThatIsNotAnArrayIsOneElement() throws {
    #expect(try elements("  {\"turns\": []}\n", chunk: 16) == ["{\"turns\": []}"])
    #expect(try elements("[]", chunk: 16) == [])
  }

  @Test func positionsCountLinesAndColumnsAcrossChunks() throws {
    let folder = try TemporaryFolder()
    let file = try StreamingInput.write(folder, "p.json", "[1,\n  {\"x\":\n\"y\"},\n\n   2]")
    var stream = try JSONElementStream(file: file, chunkSize: 16)
    var starts: [JSONPosition] = []
    while let element = try stream.next() { starts.append(element.start) }
    #expect(
      starts == [
        JSONPosition(offset: 1, line: 1, column: 2), JSONPosition(offset: 6, line: 2, column: 3),
        JSONPosition(offset: 22, line: 5, column: 4),
      ])
  }
}

@Suite struct ChunkedFileReaderTests {
  @Test func aFIFOIsRefusedWithoutBlocking() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("pipe.jsonl").path
    #expect(mkfifo(path, 0o600) == 0)
    let diagnostic = try #require(
      StreamingInput.thrown { _ = try EarshotJSONLinesReader().readAll(InputFile(path: path)) })
    #expect(diagnostic.message.contains("not a regular file"))
  }
}
