/// Carries a consumer's error (a write that failed) or a cancellation out through a reader, which
/// would otherwise report it as a problem of the file being read.
struct RunCancelled: Error {
  /// What stopped the run; nil when another part of the run stopped first.
  var underlying: (any Error)?

  /// Runs `body`, wrapping any error it throws (one already wrapped passes as it is).
  static func wrapping(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let stop as RunCancelled {
      throw stop
    } catch {
      throw RunCancelled(underlying: error)
    }
  }
}
