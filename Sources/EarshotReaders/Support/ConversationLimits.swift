import EarshotModel
import Foundation

/// The checks every conversation passes between its reader and scoring, whatever the format: turns
/// per conversation, bytes per turn, and times inside `TimestampBounds`.
///
/// One place for all readers, so a new reader cannot forget them. What happens when a limit is
/// exceeded (see `docs/formats.md`, "Limits"):
/// - more than `maxTurns` turns: the first `maxTurns` are scored, and a diagnostic names the first
///   turn left out;
/// - a turn longer than `maxTurnBytes` bytes of UTF-8: its text is cut at that length (on a
///   character boundary) and scored, with one diagnostic per conversation naming the first such turn;
/// - a time outside the years 1 to 9999 (an epoch of `1e300`, a shift beyond any calendar): the
///   conversation is not scored, and the diagnostic names the turn and the value.
///
/// Every case is reported, so the file counts as having problems (exit 2) while the rest of the
/// batch goes on.
public struct ConversationLimits: Sendable, Hashable {
  /// The default `maxTurns`: far above any real support conversation (the longest in the test
  /// corpora has a few hundred), low enough that one conversation scores in about a second and
  /// its analysis stays within about 40 MB (analysis holds a few KB per turn; 100,000 turns took
  /// 14 s and 500 MB).
  public static let defaultMaxTurns = 10_000
  /// The default `maxTurnBytes`: 1 MiB, more than any chat or e-mail message a person writes.
  public static let defaultMaxTurnBytes = 1 << 20

  /// The most turns scored per conversation.
  public var maxTurns: Int
  /// The most bytes of UTF-8 text scored per turn.
  public var maxTurnBytes: Int

  /// Creates limits; the defaults need no configuration.
  public init(maxTurns: Int = defaultMaxTurns, maxTurnBytes: Int = defaultMaxTurnBytes) {
    self.maxTurns = maxTurns
    self.maxTurnBytes = maxTurnBytes
  }

  /// `conversation` within the limits, or nil when it cannot be scored; every problem goes to
  /// `diagnose` with the file, the turn's line when the reader knows it, and what was expected.
  public func admit(_ conversation: Conversation, diagnose: (InputDiagnostic) -> Void) -> Conversation? {
    let label = "conversation '\(conversation.id)'"
    for (position, turn) in conversation.turns.enumerated() {
      guard let timestamp = turn.timestamp, !TimestampBounds.contains(timestamp) else { continue }
      diagnose(
        InputDiagnostic(
          location(of: turn, in: conversation),
          "\(label), turn \(position + 1): expected \(TimestampBounds.description), found "
            + "\(timestamp.timeIntervalSince1970) seconds from 1970; the conversation was not scored"))
      return nil
    }
    var admitted = conversation
    // Detectors index per-turn tables by `Turn.index`: make it the turn's position whatever a reader set.
    for position in admitted.turns.indices where admitted.turns[position].index != position {
      admitted.turns[position].index = position
    }
    if admitted.turns.count > maxTurns {
      diagnose(
        truncation(
          of: conversation.id, turns: admitted.turns.count,
          firstLeftOut: location(of: admitted.turns[maxTurns], in: conversation)))
      admitted.turns.removeSubrange(maxTurns...)
    }
    var firstLong: Int?
    for index in admitted.turns.indices where admitted.turns[index].text.utf8.count > maxTurnBytes {
      let bytes = admitted.turns[index].text.utf8.count
      if firstLong == nil {
        firstLong = index
        diagnose(
          InputDiagnostic(
            location(of: admitted.turns[index], in: conversation),
            "\(label), turn \(index + 1): \(bytes) bytes of text, more than the limit of \(maxTurnBytes) per turn; "
              + "the text was cut to the limit"
              + " (every longer turn of this conversation is cut the same way)"))
      }
      admitted.turns[index].text = Self.prefix(of: admitted.turns[index].text, bytes: maxTurnBytes)
    }
    return admitted
  }

  /// The diagnostic for a conversation of `turns` turns, more than `maxTurns`; `firstLeftOut` is
  /// where the first turn left out is. Readers that stop keeping turns at the limit report it with
  /// this, so the message is the same wherever the limit was applied.
  public func truncation(of id: String, turns: Int, firstLeftOut: SourceLocation) -> InputDiagnostic {
    InputDiagnostic(
      firstLeftOut,
      "conversation '\(id)' has \(turns) turns, more than the limit of \(maxTurns); only the first "
        + "\(maxTurns) were scored (this turn and later ones were left out)")
  }

  /// The first `bytes` bytes of `text`, shortened to the last whole Unicode scalar that fits.
  static func prefix(of text: String, bytes: Int) -> String {
    let utf8 = text.utf8
    guard utf8.count > bytes else { return text }
    var end = utf8.index(utf8.startIndex, offsetBy: max(bytes, 0))
    // Back up over continuation bytes (10xxxxxx) to the start of the scalar that was cut.
    while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
    return String(decoding: utf8[..<end], as: UTF8.self)
  }

  private func location(of turn: Turn, in conversation: Conversation) -> SourceLocation {
    turn.location ?? SourceLocation(file: conversation.sourceFile)
  }
}
