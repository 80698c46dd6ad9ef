import EarshotScoring
import Synchronization

/// The totals of the units a run committed, merged as they are committed, so that finishing a run
/// that wrote every unit of the store does not read and decode every unit's totals back.
///
/// A run's aggregation is every stored unit's totals merged in unit-key byte order (floating-point
/// sums depend on the order). Units are committed in the plan's order, which is that order for a
/// first run, so the totals merged on the writer thread are then exactly that merge. They are used
/// only when that is certain: every unit stored is one this run committed (no unit from an earlier
/// run or another shard), none was committed twice, and the units with any totals came in strictly
/// increasing key order. Otherwise ``aggregation(runID:storedKeys:)`` gives nil and the store merges
/// what it holds, as it always did.
final class CommittedTotals: Sendable {
  private struct State {
    var runID: Int64?
    /// Keys of every unit committed in this run (empty totals included), as bytes: the store
    /// compares keys byte by byte, Swift's `String` up to canonical equivalence.
    var committed: Set<[UInt8]> = []
    var lastKey: [UInt8]?
    var inOrder = true
    var merged = Aggregation()

    mutating func giveUp() {
      inOrder = false
      merged = Aggregation()
      committed = []
    }
  }

  private let state = Mutex(State())

  /// Forgets what an earlier run committed.
  func begin(runID: Int64) {
    state.withLock { $0 = State(runID: runID) }
  }

  /// Records units whose transaction committed.
  func committed(_ units: [EncodedUnit], runID: Int64) {
    state.withLock { state in
      guard state.inOrder else { return }
      guard state.runID == runID else { return state.giveUp() }
      for unit in units {
        let key = Array(unit.key.utf8)
        guard state.committed.insert(key).inserted else { return state.giveUp() }
        // Empty totals add nothing to the merge, wherever they fall (failed files are written first).
        guard !unit.aggregation.groups.isEmpty else { continue }
        if let last = state.lastKey, !last.lexicographicallyPrecedes(key) { return state.giveUp() }
        state.lastKey = key
        state.merged.merge(unit.aggregation)
      }
    }
  }

  /// The merged totals, when the store holds exactly the units this run committed (`storedKeys`:
  /// every key of `unit_totals`) and they came in key order; nil otherwise.
  func aggregation(runID: Int64, storedKeys: [String]) -> Aggregation? {
    state.withLock { state in
      guard state.inOrder, state.runID == runID, storedKeys.count == state.committed.count,
        storedKeys.allSatisfy({ state.committed.contains(Array($0.utf8)) })
      else { return nil }
      return state.merged
    }
  }
}
