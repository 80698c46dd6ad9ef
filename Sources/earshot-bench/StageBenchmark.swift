import ArgumentParser
import EarshotEngine
import EarshotEvaluation
import EarshotModel
import EarshotReporters
import EarshotText
import Foundation

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

  @Option(help: "A folder for the last stage's conversations.jsonl (replaced; default: in the temporary folder).")
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

  private var scratchFolder: URL {
    scratch.map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.temporaryDirectory.appendingPathComponent("earshot-stages")
  }

  func run() throws {
    let setupStart = StageClock.now()
    let prepared = try PreparedRun(inputs: inputs, configuration: EarshotConfiguration())
    let setup = StageClock.now() - setupStart
    let bytes = prepared.plan.units.flatMap(\.files).reduce(Int64(0)) { total, file in
      total + ((try? FileManager.default.attributesOfItem(atPath: file.url.path)[.size] as? Int64) ?? 0)
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
  func pass(_ prepared: PreparedRun, upTo stage: Stage) throws -> (StageClock.Elapsed, Int) {
    let pipeline = prepared.pipeline
    let output = stage == .write ? try OutputFolder(scratchFolder).stream("conversations.jsonl") : nil
    var conversations = 0
    var sink = 0
    let start = StageClock.now()
    for unit in prepared.plan.units {
      for file in unit.files {
        try unit.reader.read(
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
              try output?.writeLine(encoded.line[...])
            }
          }, diagnose: { _ in })
      }
    }
    try output?.close()
    let elapsed = StageClock.now() - start
    // Keeps the work observable so the optimizer cannot drop it.
    if sink == Int.min { print(sink) }
    return (elapsed, conversations)
  }
}

/// The measuring thread's CPU time and the wall time (every pass runs on one thread).
struct StageClock {
  struct Elapsed {
    var cpu: Double
    var wall: Double
  }

  var cpu: Double
  var wall: Double

  static func now() -> StageClock {
    StageClock(cpu: SentimentThroughput.threadCPUSeconds(), wall: Date().timeIntervalSinceReferenceDate)
  }

  static func - (end: StageClock, start: StageClock) -> Elapsed {
    Elapsed(cpu: end.cpu - start.cpu, wall: end.wall - start.wall)
  }
}
