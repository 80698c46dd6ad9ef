/// The checks that shards fit together before anything is written: one tool version, schema,
/// configuration and plan, shards of one split, each present exactly once.
enum FitCheck {
  /// Throws the first misfit, naming the folders involved.
  ///
  /// - Throws: ``MergeError``.
  static func check(_ shards: [ShardFolder]) throws {
    guard let first = shards.first else { throw MergeError("", "no shard folders given") }
    let a = first.manifest
    for other in shards.dropFirst() {
      let b = other.manifest
      if b.toolVersion != a.toolVersion || b.schemaVersion != a.schemaVersion {
        throw MergeError(
          other.path,
          "scored by earshot \(b.toolVersion) (result schema \(b.schemaVersion)), but \(first.path) by earshot "
            + "\(a.toolVersion) (result schema \(a.schemaVersion)); run every shard with the same earshot")
      }
      if b.configurationFingerprint != a.configurationFingerprint || b.ranking != a.ranking
        || b.repeatContacts != a.repeatContacts
      {
        throw MergeError(
          other.path,
          "scored with another configuration or other lexicons than \(first.path) (fingerprint "
            + "\(short(b.configurationFingerprint)) against \(short(a.configurationFingerprint))); run every shard "
            + "with the same earshot.yml")
      }
      if b.plan != a.plan || b.inputFormat != a.inputFormat || other.summary.filesFound != first.summary.filesFound
        || other.summary.filesSkipped != first.summary.filesSkipped
      {
        throw MergeError(
          other.path,
          "planned other inputs than \(first.path) (\(b.plan.units) units, plan \(short(b.plan.fingerprint)), "
            + "\(other.summary.filesFound) files, against \(a.plan.units) units, plan \(short(a.plan.fingerprint)), "
            + "\(first.summary.filesFound) files); run every shard on the same files, given by the same paths")
      }
      if other.shard.count != first.shard.count {
        throw MergeError(
          other.path,
          "is shard \(other.shard) but \(first.path) is shard \(first.shard); shards of different splits do not merge")
      }
    }
    var given: [Int: String] = [:]
    for shard in shards {
      if let earlier = given[shard.shard.index] {
        throw MergeError("", "shard \(shard.shard) is given twice: \(earlier) and \(shard.path)")
      }
      given[shard.shard.index] = shard.path
    }
    let count = first.shard.count
    let missing = (1...count).filter { given[$0] == nil }
    if !missing.isEmpty {
      let names = missing.map { "\($0)/\(count)" }
      throw MergeError(
        "",
        "missing shard\(missing.count == 1 ? "" : "s") \(names.joined(separator: ", ")) of \(count) (given: "
          + shards.map { "\($0.shard) in \($0.path)" }.joined(separator: ", ") + ")")
    }
    let units = shards.reduce(0) { $0 + $1.shard.units }
    if units != a.plan.units {
      throw MergeError(
        "", "the shards hold \(units) units together, but their plan has \(a.plan.units); a shard's manifest is damaged"
      )
    }
  }

  /// The first 12 hex digits of a fingerprint, enough to tell two apart in a message.
  static func short(_ fingerprint: String) -> String { String(fingerprint.prefix(12)) }
}
