import ArgumentParser
import EarshotEngine
import EarshotModel
import EarshotReporters
import EarshotText
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where one core's time goes in `earshot batch`: the corpus read again and again, one pipeline
/// stage more each time, so each row's increment is what that stage costs.
///
/// Every pass is single-threaded and runs the product's own code (the readers, `TokenizedText`,
/// `ConversationAnalyzer`, `Pipeline.score`, the redaction and encoding batch does, then writing
/// the lines), so the rows say how far each stage alone is from a budget such as a tenth of
/// `wc -w` (give its speed with `--wc-mbps` to see the ratios).
struct StageBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stages",
    abstract: "CPU time of batch's stages on one core: read, tokenize, analyze, score, encode, write.")

  @Argument(help: "Transcript files or folders (as for `earshot batch`).")
  var inputs: [String]

  @Option(help: "GNU `wc -w` speed on the same bytes in MB/s (MiB), for the ratio column.")
  var wcMbps: Double?

  @Option(
    help: "Where the last stage writes its conversations.jsonl (a file, replaced; default: in the temporary folder).")
  var scratch: String?

  /// One pass's cumulative work: everything up to and including `stage`.
  enum Stage: Int, CaseIterable {
    case read, tokenize, analyze, score, redact, encode, write

    var label: String {
      switch self {
      case .read: "read (readers only)"
      case .tokenize: "+ tokenize every turn"
      case .analyze: "+ analyze (no detectors)"
      case .score: "+ detectors and score"
      case .redact: "+ redact (privacy defaults)"
      case .encode: "+ encode the JSON line"
      case .write: "+ write conversations.jsonl"
      }
    }
  }

  private var scratchPath: String {
    scratch ?? FileManager.default.temporaryDirectory.appendingPathComponent("earshot-stages.jsonl").path
  }

  func run() throws {
    let setupStart = ProcessClock.now()
    let prepared = try PreparedRun(inputs: inputs, configuration: EarshotConfiguration())
    let setup = ProcessClock.now() - setupStart
    let bytes = prepared.plan.units.reduce(Int64(0)) { total, unit in
      total
        + unit.files.reduce(Int64(0)) { sum, file in
          let size = (try? FileManager.default.attributesOfItem(atPath: file.url.path)[.size] as? NSNumber) ?? nil
          return sum + (size?.int64Value ?? 0)
        }
    }
    let megabytes = Double(bytes) / 1_048_576
    print(
      String(
        format: "stages: %.1f MB in %d units, one thread; setup (discovery, formats, corpus sample) %.2f s CPU",
        megabytes, prepared.plan.units.count, setup.cpu))
    print("  stage                            CPU s   wall s   MB/s (CPU)   increment s   ratio to wc -w")
    var previous = 0.0
    for stage in Stage.allCases {
      let (elapsed, conversations) = try pass(prepared, upTo: stage)
      let speed = megabytes / elapsed.cpu
      let ratio = wcMbps.map { String(format: "%.3f×", speed / $0) } ?? "-"
      print(
        String(
          format: "  %@ %7.2f  %7.2f   %9.2f   %11.2f   %@  (%d conversations)",
          stage.label.padding(toLength: 30, withPad: " ", startingAt: 0), elapsed.cpu,
          elapsed.wall, speed, elapsed.cpu - previous, ratio, conversations))
      previous = elapsed.cpu
    }
    if let wcMbps {
      print(String(format: "  budget at 0.10× wc -w: %.2f s CPU for these bytes", megabytes / (0.10 * wcMbps)))
    }
  }

  /// Reads every unit and does the work up to `stage` with each conversation.
  func pass(_ prepared: PreparedRun, upTo stage: Stage) throws -> (ProcessClock.Elapsed, Int) {
    let pipeline = prepared.pipeline
    let output = stage == .write ? try LineFile(path: scratchPath) : nil
    var conversations = 0
    var sink = 0
    let start = ProcessClock.now()
    for unit in prepared.plan.units {
      for file in unit.files {
        try? unit.reader.read(
          file,
          emit: { conversation in
            conversations += 1
            switch stage {
            case .read:
              sink &+= conversation.turns.count
            case .tokenize:
              for turn in conversation.turns { sink &+= TokenizedText(turn.text).tokens.count }
            case .analyze:
              sink &+= pipeline.scorer.analyzer.analyze(conversation).texts.count
            case .score, .redact, .encode, .write:
              guard let scored = pipeline.score(conversation, diagnose: { _ in }) else { return }
              guard stage != .score else {
                sink &+= scored.result.findings.count
                return
              }
              let shown = pipeline.shownResult(scored.result, conversation: scored.conversation, in: .evidence)
              guard stage != .redact else {
                sink &+= shown.findings.count
                return
              }
              let encoded = EncodedResult(shown)
              sink &+= encoded.line.count
              try output?.write(encoded.line)
            }
          }, diagnose: { _ in })
      }
    }
    try output?.close()
    let elapsed = ProcessClock.now() - start
    // Keeps the work observable so the optimizer cannot drop it.
    if sink == Int.min { print(sink) }
    return (elapsed, conversations)
  }
}

/// Appends lines to a file through a buffer, as the batch's writer does.
final class LineFile {
  private let handle: FileHandle
  private var buffer: [UInt8] = []

  init(path: String) throws {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw ValidationError("cannot write \(path)")
    }
    self.handle = handle
    buffer.reserveCapacity(1 << 20)
  }

  func write(_ line: [UInt8]) throws {
    buffer += line
    buffer.append(0x0A)
    if buffer.count >= 1 << 20 { try flush() }
  }

  func close() throws {
    try flush()
    try handle.close()
  }

  private func flush() throws {
    try handle.write(contentsOf: buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Process CPU time (user + system, from `getrusage`) and wall time.
struct ProcessClock {
  struct Elapsed {
    var cpu: Double
    var wall: Double
  }

  var cpu: Double
  var wall: Double

  static func now() -> ProcessClock {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpu =
      Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
      + Double(usage.ru_stime.tv_usec) / 1e6
    return ProcessClock(cpu: cpu, wall: Date().timeIntervalSinceReferenceDate)
  }

  static func - (end: ProcessClock, start: ProcessClock) -> Elapsed {
    Elapsed(cpu: end.cpu - start.cpu, wall: end.wall - start.wall)
  }
}
