import Foundation

/// The instants Earshot accepts in a conversation: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
///
/// Readers refuse a conversation with a time outside this range (an epoch of `1e300`, a 20-digit
/// year), and detectors skip any time outside it, so date arithmetic, calendars and formatters
/// never see an infinite or absurd date and integer conversions of durations never overflow.
public enum TimestampBounds {
  /// Seconds from 1970 to 0001-01-01T00:00:00Z.
  public static let earliestSeconds: Double = -62_135_596_800
  /// Seconds from 1970 to 9999-12-31T23:59:59Z.
  public static let latestSeconds: Double = 253_402_300_799

  /// Whether `date` lies in the accepted range (false for NaN and infinities).
  public static func contains(_ date: Date) -> Bool {
    let seconds = date.timeIntervalSince1970
    return seconds >= earliestSeconds && seconds <= latestSeconds
  }

  /// `date` when it lies in the accepted range, else nil.
  public static func checked(_ date: Date?) -> Date? {
    guard let date, contains(date) else { return nil }
    return date
  }

  /// The accepted range in words, for diagnostics.
  public static let description = "a time between the years 1 and 9999"
}
