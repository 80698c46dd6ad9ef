import EarshotModel
import EarshotReaders
import EarshotScoring
import Foundation

/// What a run hands its consumer, one event at a time, in input order: the units in plan order,
/// and inside a unit the conversations and diagnostics in the order the reader produced them.
///
/// The order is the same whatever the number of jobs, so every output built from the events is
/// byte-identical for `--jobs 1` and `--jobs N`.
public enum PipelineEvent: Sendable {
  /// A conversation scored, with the conversation as scored (limits applied, configured roles set).
  case scored(ConversationResult, Conversation)
  /// A problem found while reading the unit or admitting one of its conversations.
  case diagnostic(InputDiagnostic)
  /// The unit was read to its end (or to the error that ended it); no more events of it follow.
  case unitFinished(UnitEnd)
}

/// The end of one work unit.
public struct UnitEnd: Sendable {
  /// The unit's position in the list of units that was run.
  public var index: Int
  /// The unit's files.
  public var files: [InputFile]
  /// Whether reading stopped early (the rest of a file was unreadable).
  public var failed: Bool
}
