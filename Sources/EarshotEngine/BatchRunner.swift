import Foundation

/// Runs work units in parallel with at most `jobs` in flight and hands each outcome to the
/// caller in the units' order, so outputs are the same whatever the number of jobs.
///
/// Only a window of `jobs × 4` finished-but-unwritten outcomes is held, so memory stays bounded
/// however many files a batch has.
public struct BatchRunner: Sendable {
  /// How many units run at once.
  public var jobs: Int

  /// Creates a runner.
  public init(jobs: Int) {
    self.jobs = max(1, jobs)
  }

  /// Processes `units` with `pipeline`, calling `consume` for each outcome in order.
  public func run(
    _ units: [WorkUnit], pipeline: Pipeline, consume: (UnitOutcome) throws -> Void
  ) async throws {
    if jobs == 1 {
      for unit in units { try consume(pipeline.process(unit)) }
      return
    }
    let window = jobs * 4
    try await withThrowingTaskGroup(of: (Int, UnitOutcome).self) { group in
      var next = 0
      var pending: [Int: UnitOutcome] = [:]
      var written = 0
      var running = 0
      func launch() {
        let index = next
        let unit = units[index]
        group.addTask { (index, pipeline.process(unit)) }
        next += 1
        running += 1
      }
      while next < units.count && next < jobs { launch() }
      while let (index, outcome) = try await group.next() {
        running -= 1
        pending[index] = outcome
        while let ready = pending.removeValue(forKey: written) {
          try consume(ready)
          written += 1
        }
        // Keep `jobs` running, but never let finished outcomes pile up beyond the window.
        while next < units.count && next - written < window && running < jobs { launch() }
      }
    }
  }
}
