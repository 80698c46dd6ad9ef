import EarshotModel
import Foundation

/// What a row of an aggregate table groups by.
public enum GroupKind: String, Codable, Sendable, CaseIterable {
  case agent, company, channel, day, center
}

/// The key of one aggregate row.
public struct GroupKey: Codable, Sendable, Hashable, Comparable {
  /// What it groups by.
  public var kind: GroupKind
  /// The company the group belongs to ("" when unknown); for a company row, the company itself;
  /// "" for a center row (a center's totals span the companies it serves).
  public var company: String
  /// The agent id, channel name, day (YYYY-MM-DD) or center; "" for a company row.
  public var name: String

  /// Creates a key.
  public init(kind: GroupKind, company: String, name: String) {
    self.kind = kind
    self.company = company
    self.name = name
  }

  public static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
    (lhs.kind.rawValue, lhs.company, lhs.name) < (rhs.kind.rawValue, rhs.company, rhs.name)
  }
}

/// Per-agent, per-company, per-channel, per-day and per-center totals of a run; mergeable across
/// shards.
public struct Aggregation: Codable, Sendable, Hashable {
  /// Totals by group.
  public var groups: [GroupKey: GroupTotals] = [:]

  /// Creates an empty aggregation.
  public init() {}

  /// Adds one conversation to every group it belongs to, its day being the UTC calendar day of
  /// its first turn.
  public mutating func add(_ result: ConversationResult) {
    add(result, day: result.startedAt.map(Self.utcDay))
  }

  /// The UTC calendar day of `date` (`YYYY-MM-DD`), as the day tables use it.
  public static func utcDay(_ date: Date) -> String {
    // Arithmetic for 1600…9999 (the proleptic Gregorian days Foundation's calendar gives there,
    // without its cost per call); Foundation for dates outside that range.
    let seconds = date.timeIntervalSince1970
    if seconds >= -11_676_096_000, seconds < 253_402_300_800 {
      return civilDay(Int((seconds / 86_400).rounded(.down)))
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
  }

  /// `YYYY-MM-DD` of the day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
  public static func civilDay(_ days: Int) -> String {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func digits(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2))"
  }

  /// Adds one conversation to every group it belongs to. `day` is the conversation's first
  /// timestamp's UTC date, when known.
  public mutating func add(_ result: ConversationResult, day: String?) {
    let company = result.company ?? ""
    groups[GroupKey(kind: .company, company: company, name: ""), default: GroupTotals()].add(result)
    groups[GroupKey(kind: .channel, company: company, name: result.channel), default: GroupTotals()].add(result)
    if let day { groups[GroupKey(kind: .day, company: company, name: day), default: GroupTotals()].add(result) }
    // A center is an organisation's own unit: its row totals every conversation it handled,
    // whatever the company (brand) of the conversation.
    if let center = result.center {
      groups[GroupKey(kind: .center, company: "", name: center), default: GroupTotals()].add(result)
    }
    for agent in result.agents {
      groups[GroupKey(kind: .agent, company: company, name: agent), default: GroupTotals()].add(result)
    }
  }

  /// The keys of every group a conversation counts in (as ``add(_:day:)`` files it).
  static func keys(company: String, channel: String, day: String?, center: String?, agents: [String]) -> [GroupKey] {
    var keys = [
      GroupKey(kind: .company, company: company, name: ""), GroupKey(kind: .channel, company: company, name: channel),
    ]
    if let day { keys.append(GroupKey(kind: .day, company: company, name: day)) }
    if let center { keys.append(GroupKey(kind: .center, company: "", name: center)) }
    keys += agents.map { GroupKey(kind: .agent, company: company, name: $0) }
    return keys
  }

  /// Adds another aggregation's totals.
  public mutating func merge(_ other: Aggregation) {
    groups.merge(other.groups) { mine, theirs in
      var merged = mine
      merged.merge(theirs)
      return merged
    }
  }

  /// The rows of one kind, sorted by key.
  public func rows(_ kind: GroupKind) -> [(key: GroupKey, totals: GroupTotals)] {
    groups.filter { $0.key.kind == kind }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}
