import EarshotSentiment
import EarshotText
import Foundation

/// Throughput of the sentiment scorer on one core, for `earshot-bench sentiment`.
public struct SentimentThroughput: Sendable {
  /// Texts scored per pass.
  public var texts: Int
  /// UTF-8 bytes per pass.
  public var bytesPerPass: Int
  /// Passes run.
  public var passes: Int
  /// Wall-clock seconds for all passes.
  public var seconds: Double
  /// CPU seconds of the measuring thread for all passes: on a shared core the wall clock also
  /// counts other processes' time slices, this does not.
  public var cpuSeconds: Double = 0

  /// Texts per second.
  public var textsPerSecond: Double { Double(texts * passes) / seconds }
  /// Megabytes (10⁶ bytes) of text per second.
  public var megabytesPerSecond: Double { Double(bytesPerPass * passes) / seconds / 1_000_000 }
  /// Megabytes (10⁶ bytes) of text per CPU second.
  public var megabytesPerCPUSecond: Double { Double(bytesPerPass * passes) / cpuSeconds / 1_000_000 }

  /// What a measurement times per text.
  public enum Work: Sendable {
    /// `SentimentAnalyzer.score(utf8:)`: tokenize into scratch memory and score (a text scored once).
    case tokenizeAndScore
    /// `TokenizedText(bytes:)` then `score(_:)`: the arrays a pipeline shares among its stages, and scoring.
    case tokenizedTextAndScore
    /// `score(_:)` of texts tokenized beforehand.
    case scoreOnly
  }

  /// Times `work` on `texts` repeatedly on the calling thread for at least `minimumSeconds`.
  public static func measure(
    _ texts: [String], analyzer: SentimentAnalyzer, minimumSeconds: Double, work: Work
  ) -> SentimentThroughput {
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    let tokenized = work == .scoreOnly ? texts.map { TokenizedText($0) } : []
    let raw = texts.map { Array($0.utf8) }
    var checksum = 0.0
    var passes = 0
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = threadCPUSeconds()
    var elapsed = 0.0
    repeat {
      switch work {
      case .tokenizeAndScore:
        for text in raw { checksum += analyzer.score(utf8: text).compound }
      case .tokenizedTextAndScore:
        for text in raw { checksum += analyzer.score(TokenizedText(bytes: text)).compound }
      case .scoreOnly:
        for text in tokenized { checksum += analyzer.score(text).compound }
      }
      passes += 1
      let duration = clock.now - start
      elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    } while elapsed < minimumSeconds
    // Keep the optimizer from dropping the work.
    if checksum.isNaN { print("checksum NaN") }
    return SentimentThroughput(
      texts: texts.count, bytesPerPass: bytes, passes: passes, seconds: elapsed,
      cpuSeconds: threadCPUSeconds() - cpuStart)
  }

  /// CPU time consumed by the calling thread, in seconds.
  public static func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// The process's peak resident memory in bytes (VmHWM in /proc/self/status), when available.
  public static func peakResidentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let digits = line.split(separator: " ").compactMap { Int($0) }
      if let kilobytes = digits.first { return kilobytes * 1024 }
    }
    return nil
  }
}
