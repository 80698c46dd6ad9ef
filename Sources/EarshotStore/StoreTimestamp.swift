import EarshotScoring
import Foundation

/// The store's timestamps (`conversation.started_at`, a run's start and end): ISO 8601 in UTC with
/// milliseconds, `2024-03-04T10:00:00.123Z`, exactly as `ISO8601DateFormatter` with
/// `[.withInternetDateTime, .withFractionalSeconds]` writes them, but by arithmetic: the formatter
/// (ICU underneath) cost more per conversation than the rest of its row.
enum StoreTimestamp {
  /// The text of `date`.
  static func string(_ date: Date) -> String {
    // Foundation's formatter rounds to the nearest millisecond counted from 1970 (it adds half a
    // millisecond to the reference-date interval and ICU floors); the same double arithmetic here.
    let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1_000 + 0.5).rounded(.down)
    // 1600-01-01 to 9999-12-31: four-digit years, where the proleptic Gregorian days are Foundation's.
    guard milliseconds >= -11_676_096_000_000, milliseconds < 253_402_300_800_000 else {
      return formatter.withLock { $0.string(from: date) }
    }
    let whole = Int64(milliseconds)
    let days = (whole >= 0 ? whole : whole - 86_399_999) / 86_400_000
    let inDay = Int(whole - days * 86_400_000)
    let seconds = inDay / 1_000
    var text = Aggregation.civilDay(Int(days))
    text.reserveCapacity(24)
    text += "T"
    append(seconds / 3_600, width: 2, to: &text)
    text += ":"
    append(seconds / 60 % 60, width: 2, to: &text)
    text += ":"
    append(seconds % 60, width: 2, to: &text)
    text += "."
    append(inDay % 1_000, width: 3, to: &text)
    text += "Z"
    return text
  }

  private static func append(_ value: Int, width: Int, to text: inout String) {
    if width == 3 && value < 100 { text += "0" }
    if value < 10 { text += "0" }
    text += String(value)
  }

  /// For dates outside the arithmetic's range (never in practice: transcripts are dated today).
  private static let formatter = NSLockedFormatter()
}

/// An `ISO8601DateFormatter` (not thread-safe) behind a lock.
private final class NSLockedFormatter: @unchecked Sendable {
  private let lock = NSLock()
  private let formatter: ISO8601DateFormatter = {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }()

  func withLock<T>(_ body: (ISO8601DateFormatter) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(formatter)
  }
}
