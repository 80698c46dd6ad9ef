import EarshotModel
import EarshotReaders
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotEngine

/// Conversations, not files, are the unit of parallel work: one file's conversations are scored by
/// every job, and what is written is the same, in the same order, whatever the number of jobs.
@Suite struct ConversationParallelismTests {
  /// One JSON Lines file of `count` conversations of very different lengths (so jobs finish them out
  /// of order), with a malformed line every `badEvery` lines.
  func writeMixedFile(in folder: TemporaryDirectory, count: Int, badEvery: Int) throws -> String {
    let topics = ["my parcel never arrived", "the router keeps dropping", "I was charged twice", "password reset"]
    var lines: [String] = []
    for index in 0..<count {
      if index % badEvery == badEvery - 1 {
        lines.append("{\"id\": \"broken-\(index)\", \"turns\": [{\"speaker\": \"c\"")
        continue
      }
      var turns: [String] = []
      // 2 to 80 turns: long and short conversations alternate irregularly.
      let length = 2 + (index * 37) % 79
      for turn in 0..<length {
        let text =
          turn % 2 == 0
          ? "Hi, \(topics[(index + turn) % topics.count]), order \(1000 + index). Can you help?"
          : "Sorry about that! Could you give me the order number so I can check, please?"
        turns.append(
          "{\"speaker\": \"\(turn % 2 == 0 ? "c" : "a")\", \"at\": \(1_709_542_920 + index * 3600 + turn * 40), "
            + "\"text\": \"\(text)\"}")
      }
      lines.append(
        "{\"id\": \"conversation-\(index)\", \"company\": \"Acme\", \"participants\": [{\"id\": \"c\", \"role\": "
          + "\"customer\"}, {\"id\": \"a\", \"role\": \"agent\", \"name\": \"Agent \(index % 5)\"}], \"turns\": ["
          + turns.joined(separator: ", ") + "]}")
    }
    return try folder.write("mixed.jsonl", lines.joined(separator: "\n") + "\n")
  }

  func batch(_ inputs: [String], jobs: Int, configuration: EarshotConfiguration = EarshotConfiguration()) async throws
    -> (folder: TemporaryDirectory, summary: BatchSummary, reported: [InputDiagnostic])
  {
    let folder = try TemporaryDirectory()
    var reported: [InputDiagnostic] = []
    let summary = try await BatchJob(
      inputs: inputs, outputDirectory: folder.path("out"), configuration: configuration, jobs: jobs
    ).run(report: { reported.append($0) })
    return (folder, summary, reported)
  }

  func read(_ folder: TemporaryDirectory, _ name: String) throws -> String {
    try String(contentsOfFile: folder.path("out/\(name)"), encoding: .utf8)
  }

  @Test func oneFileGivesTheSameOutputsInTheSameOrderWithAnyNumberOfJobs() async throws {
    let input = try TemporaryDirectory()
    let file = try writeMixedFile(in: input, count: 120, badEvery: 17)
    let one = try await batch([file], jobs: 1)
    #expect(one.summary.conversations == 113)
    let ids = try read(one.folder, "conversations.jsonl").split(separator: "\n").map { line in
      String(line.split(separator: "\"conversation_id\":\"")[1].prefix { $0 != "\"" })
    }
    // File order: conversation-0, -1, ... without the broken lines.
    #expect(ids == (0..<120).filter { $0 % 17 != 16 }.map { "conversation-\($0)" })
    #expect(one.reported.count == 7)
    #expect(one.reported.map(\.location.line) == (0..<120).filter { $0 % 17 == 16 }.map { $0 + 1 })
    for jobs in [2, 4] {
      let many = try await batch([file], jobs: jobs)
      for name in [
        "conversations.jsonl", "diagnostics.jsonl", "agents.csv", "companies.csv", "channels.csv", "days.csv",
      ] {
        #expect(try read(many.folder, name) == read(one.folder, name), "\(name) with \(jobs) jobs")
      }
      #expect(many.reported == one.reported)
    }
  }

  @Test func aReaderErrorMidFileKeepsWhatCameBeforeAndTheBatchGoesOn() async throws {
    let input = try TemporaryDirectory()
    // A JSON array whose third element is cut by a syntax error: the file ends there.
    let element = { (id: String) in
      "{\"id\": \"\(id)\", \"turns\": [{\"speaker\": \"c\", \"role\": \"customer\", \"text\": \"where is my order?\"},"
        + " {\"speaker\": \"a\", \"role\": \"agent\", \"text\": \"It ships today, sorry for the wait.\"}]}"
    }
    let broken = try input.write(
      "a-broken.json",
      "[\n" + element("first") + ",\n" + element("second") + ",\n{\"id\": \"third\" \"turns\": []},\n"
        + element("fourth") + "\n]\n")
    let good = try input.write(
      "b-good.txt",
      "# id: after\n[10:00] Customer Ann: my card was charged twice\n[10:02] Agent Bo: I will refund it now\n")
    for jobs in [1, 2] {
      let run = try await batch([input.url.path], jobs: jobs)
      let lines = try read(run.folder, "conversations.jsonl")
      #expect(lines.contains("\"conversation_id\":\"first\""), "jobs \(jobs)")
      #expect(lines.contains("\"conversation_id\":\"second\""), "jobs \(jobs)")
      #expect(!lines.contains("\"conversation_id\":\"fourth\""), "jobs \(jobs)")
      #expect(lines.contains("\"conversation_id\":\"after\""), "the next file is scored (jobs \(jobs))")
      #expect(run.summary.conversations == 3)
      let problem = try #require(run.reported.first)
      #expect(run.reported.count == 1)
      #expect(problem.location.file == broken)
      #expect(problem.location.line == 4, "the line of the syntax error")
      #expect(problem.location.byteOffset != nil)
      #expect(run.summary.filesWithProblems == 1)
      _ = good
    }
  }

  @Test func aConversationOverTheTurnLimitIsCutWhileReadingAndReported() async throws {
    let input = try TemporaryDirectory()
    var lines = ["# id: marathon", "# date: 2024-03-04"]
    for turn in 0..<2_500 {
      let minute = turn % 60
      let hour = (turn / 60) % 24
      lines.append(
        String(format: "[%02d:%02d] ", hour, minute)
          + (turn % 2 == 0
            ? "Customer Dana: still waiting for parcel \(turn)" : "Agent Bob: checking parcel \(turn) now"))
    }
    let file = try input.write("marathon.txt", lines.joined(separator: "\n") + "\n")
    var configuration = EarshotConfiguration()
    configuration.input.maxTurns = 300
    for jobs in [1, 2] {
      let run = try await batch([file], jobs: jobs, configuration: configuration)
      let problem = try #require(run.reported.first)
      #expect(run.reported.count == 1)
      #expect(problem.location == SourceLocation(file: file, line: 303), "the line of turn 301")
      #expect(problem.message.contains("has 2500 turns, more than the limit of 300"))
      #expect(try read(run.folder, "conversations.jsonl").contains("\"turn_count\":300"))
    }
  }

  @Test func aFailingConsumerStopsTheRunAndItsErrorComesBack() async throws {
    struct Full: Error {}
    let input = try TemporaryDirectory()
    let file = try writeMixedFile(in: input, count: 200, badEvery: 1_000)
    let run = try PreparedRun(inputs: [file], configuration: EarshotConfiguration())
    var seen = 0
    await #expect(throws: Full.self) {
      try await run.stream(jobs: 2) { event in
        guard case .scored = event else { return }
        seen += 1
        if seen == 5 { throw Full() }
      }
    }
    #expect(seen == 5)
  }

  /// What `prepare` makes of a scored conversation, on the thread that scored it, comes back with
  /// that conversation's event, in order, for any number of jobs; other events carry nothing.
  @Test(arguments: [1, 3])
  func preparedValuesTravelWithTheirOwnResults(jobs: Int) async throws {
    let input = try TemporaryDirectory()
    let file = try writeMixedFile(in: input, count: 120, badEvery: 7)
    let unit = WorkUnit(files: [InputFile(path: file)], reader: EarshotJSONLinesReader(), key: file)
    let pipeline = try Pipeline(configuration: EarshotConfiguration())
    var scored: [String] = []
    var diagnostics = 0
    var mismatched = 0
    try await BatchRunner(jobs: jobs).run(
      [unit], pipeline: pipeline, prepare: { result, conversation in (result.conversationId, conversation.turns.count) }
    ) { event, prepared in
      switch event {
      case .scored(let result, let conversation):
        if prepared?.0 != result.conversationId || prepared?.1 != conversation.turns.count { mismatched += 1 }
        scored.append(result.conversationId)
      case .diagnostic, .unitFinished:
        if prepared != nil { mismatched += 1 }
        if case .diagnostic = event { diagnostics += 1 }
      }
    }
    // Every 7th line is broken: 17 diagnostics, 103 results in file order.
    #expect(diagnostics == 17)
    #expect(scored == (0..<120).filter { $0 % 7 != 6 }.map { "conversation-\($0)" })
    #expect(mismatched == 0)
  }

  @Test func readingStaysWithinAWindowOfWhatWasConsumed() async throws {
    let input = try TemporaryDirectory()
    let file = try writeMixedFile(in: input, count: 300, badEvery: 1_000)
    let counter = EmitCounter()
    let unit = WorkUnit(
      files: [InputFile(path: file)], reader: CountingReader(inner: EarshotJSONLinesReader(), counter: counter),
      key: file)
    let pipeline = try Pipeline(configuration: EarshotConfiguration())
    let jobs = 2
    var consumed = 0
    var furthestAhead = 0
    try await BatchRunner(jobs: jobs).run([unit], pipeline: pipeline) { event in
      guard case .scored = event else { return }
      furthestAhead = max(furthestAhead, counter.value - consumed)
      consumed += 1
    }
    #expect(consumed == 300)
    // The window is `jobs × windowPerJob` conversations; the reader may hold a few more it is
    // waiting to hand on together.
    #expect(furthestAhead <= jobs * BatchRunner.windowPerJob + ConversationPipe<Void>.readerBatch)
    #expect(furthestAhead >= 2, "the reader did run ahead of the consumer")
  }
}

/// Counts conversations a reader emitted, readable from another thread.
final class EmitCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  var value: Int { lock.withLock { count } }
  func increment() { lock.withLock { count += 1 } }
}

/// A reader that counts what its inner reader emits before handing it on.
struct CountingReader: TranscriptReader {
  var inner: any TranscriptReader
  var counter: EmitCounter
  var format: String { inner.format }
  var summary: String { inner.summary }
  func sniff(_ sample: InputSample) -> Bool { inner.sniff(sample) }
  func read(_ file: InputFile, emit: (Conversation) throws -> Void, diagnose: (InputDiagnostic) -> Void) throws {
    try inner.read(
      file,
      emit: { conversation in
        counter.increment()
        try emit(conversation)
      }, diagnose: diagnose)
  }
}
