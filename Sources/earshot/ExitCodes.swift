import EarshotEngine

/// The exit-code tables shown at the end of each command's help.
enum ExitCodes {
  /// The codes every scoring command uses.
  static let helpText = """
    Exit codes:
      0   every input was read and scored
      1   the run failed (output not written, internal error)
      2   finished, but some inputs could not be read (each is named on stderr)
      64  usage error or invalid configuration; nothing was done
    """

  /// The codes of `earshot nightly`, which also takes the store's lock.
  static let nightlyHelpText = """
    \(helpText)
      75  another run holds the store's lock; nothing was done, try again later
    """
}
