import EarshotEngine

/// The exit-code table shown at the end of `earshot --help`.
enum ExitCodes {
  static let helpText = """
    Exit codes:
      0   every input was read and scored
      1   the run failed (an output could not be written, an internal error)
      2   the run finished, but some inputs could not be read (each is reported on stderr)
      64  usage error or invalid configuration; nothing was done
      75  another nightly run holds the store's lock; nothing was done
    """
}
