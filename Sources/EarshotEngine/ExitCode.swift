/// The process exit statuses, documented in `--help` and `docs/cli.md`.
public enum EarshotExitCode: Int32, Sendable {
  /// Everything was read and scored.
  case ok = 0
  /// The run failed (an output could not be written, an internal error).
  case failure = 1
  /// The run finished, but some inputs could not be read; each was reported.
  case someInputsUnreadable = 2
  /// Bad usage or invalid configuration; nothing was done.
  case usage = 64
  /// Another nightly run holds the store's lock; nothing was done, try again later
  /// (`EX_TEMPFAIL` from sysexits.h).
  case storeLocked = 75
}
