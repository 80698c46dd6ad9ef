import EarshotStore
import Foundation

/// Where a shard's units sit in the whole plan, so `earshot merge` can put their lines back in
/// the unsharded order.
struct PlanLayout: Sendable {
  /// The whole plan's identity (unit count and fingerprint).
  var identity: BatchManifest.PlanIdentity
  /// For each unit kept, its position (0-based) in the whole plan.
  var positions: [Int]

  /// The layout of `kept`, a shard of `whole` (or `whole` itself).
  ///
  /// `WorkPlan.keepShard` filters by unit key and keeps the order, so `kept` is a subsequence of
  /// `whole` and a unit dropped never shares its key with a unit kept: matching keys in one pass
  /// finds each kept unit's position.
  init(whole: [WorkUnit], kept: [WorkUnit], forcedFormat: String?) {
    var builder = FingerprintBuilder()
    builder.add("input_format", forcedFormat ?? "")
    for unit in whole { builder.add("unit", unit.key) }
    identity = BatchManifest.PlanIdentity(units: whole.count, fingerprint: builder.finalize())
    var positions: [Int] = []
    positions.reserveCapacity(kept.count)
    var next = 0
    for (position, unit) in whole.enumerated() where next < kept.count && kept[next].key == unit.key {
      positions.append(position)
      next += 1
    }
    self.positions = positions
  }
}
