extension Aggregation {
  /// Counts the repeat contacts found by the pass in every group of their earlier conversation,
  /// for totals built from results that did not yet carry the `repeat_contact` finding (a batch
  /// adds each result as it streams out, before the pass can run).
  public mutating func addRepeatContacts(_ repeats: [RepeatContact]) {
    for repeated in repeats {
      let earlier = repeated.earlier
      var seen = Set<GroupKey>()
      for key in Self.keys(
        company: earlier.company, channel: earlier.channel, day: Self.utcDay(earlier.startedAt),
        center: earlier.center, agents: earlier.agents)
      where seen.insert(key).inserted {
        groups[key]?.repeatContacts += 1
      }
    }
  }

  /// Sets every group's repeat contacts to zero: before ``addRepeatContacts(_:)`` with the pass
  /// over all results, when these totals were merged from shards that each ran the pass on their
  /// own results (a customer's contacts may lie in different shards).
  public mutating func clearRepeatContacts() {
    for key in groups.keys { groups[key]?.repeatContacts = 0 }
  }
}
