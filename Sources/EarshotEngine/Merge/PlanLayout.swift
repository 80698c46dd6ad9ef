import EarshotStore
import Foundation

/// Where a shard's units sit in the whole plan, so `earshot merge` can put their lines back in
/// the unsharded order.
struct PlanLayout: Sendable {
  /// The whole plan's identity (unit count and fingerprint).
  var identity: BatchManifest.PlanIdentity
  /// For each unit kept, its position (0-based) in the whole plan.
  var positions: [Int]

  /// The layout of `kept`, a shard of `whole` (or `whole` itself): units taken from `whole`, in
  /// its order. Each kept unit is matched to the next unused position of its key, so the layout
  /// does not depend on how the shard chose its units, and repeated keys are matched in order.
  init(whole: [WorkUnit], kept: [WorkUnit], forcedFormat: String?) {
    var builder = FingerprintBuilder()
    builder.add("input_format", forcedFormat ?? "")
    var byKey: [String: [Int]] = [:]
    for (position, unit) in whole.enumerated() {
      builder.add("unit", unit.key)
      byKey[unit.key, default: []].append(position)
    }
    identity = BatchManifest.PlanIdentity(units: whole.count, fingerprint: builder.finalize())
    var used: [String: Int] = [:]
    positions = kept.map { unit in
      let next = used[unit.key, default: 0]
      used[unit.key] = next + 1
      return byKey[unit.key]?[next] ?? -1
    }
  }
}
