import EarshotModel
import Foundation

/// When a later contact counts as the same customer coming back about the same problem
/// (`customers:` in the configuration).
public struct RepeatContactSettings: Sendable, Hashable {
  /// How long after a contact a new one counts as a repeat, in days.
  public var windowDays: Double
  /// How many problem terms the two contacts must share to be about the same problem.
  public var minSharedTerms: Int

  /// Creates settings; the defaults are a week and two shared terms.
  public init(windowDays: Double = 7, minSharedTerms: Int = 2) {
    self.windowDays = windowDays
    self.minSharedTerms = minSharedTerms
  }
}

/// One conversation whose customer came back about the same problem.
public struct RepeatContact: Sendable, Hashable {
  /// The earlier conversation: the one that did not resolve the problem, which gets the finding.
  public var earlier: CustomerContact
  /// The later conversation: the customer's next contact about the same problem.
  public var later: CustomerContact
  /// How many problem terms the two share.
  public var sharedTerms: Int

  /// The finding the earlier conversation gets. Its severity is `info`: a repeat contact costs
  /// no points of the per-conversation listening score (calibrated on human ratings of single
  /// conversations, `docs/scoring.md`); it counts in first-contact resolution instead.
  public func finding(problemTurn: Int?) -> Finding {
    let days = later.startedAt.timeIntervalSince(earlier.startedAt) / 86_400
    let daysText = FixedPointText.string(days, decimals: 1)
    let when = later.startedAt.formatted(.iso8601)
    return Finding(
      detector: RepeatContacts.detector, category: .answers, severity: .info,
      reason:
        "Not resolved the first time: the customer came back about the same problem \(daysText) days later "
        + "(conversation \(later.reference.conversationId), \(when)).",
      evidence: [
        Evidence(
          turn: problemTurn ?? 0, speaker: "customer", role: .customer, span: TextSpan(start: 0, end: 0, text: ""),
          note: "the problem, raised again in conversation \(later.reference.conversationId) on \(when)",
          sourceId: later.reference.conversationId)
      ],
      attributes: [
        "later_conversation_id": later.reference.conversationId, "later_source_file": later.reference.sourceFile,
        "later_started_at": when, "days_later": daysText, "shared_terms": String(sharedTerms),
      ])
  }
}

/// The cross-conversation pass that finds repeat contacts, from results alone.
///
/// Run once after scoring, over every result of a batch, of a store's current contents, or of the
/// shards being merged: the same function everywhere, and its answer does not depend on the
/// order or sharding of its input (contacts are sorted by customer, start, file and id first).
public enum RepeatContacts {
  /// The detector name of the finding (`repeat_contact`).
  public static let detector = "repeat_contact"

  /// For each customer, each contact followed within the window by a later contact (strictly
  /// later start) about the same problem (at least `minSharedTerms` shared problem terms) is a
  /// repeat contact, linked to the first such later contact. Three contacts about one problem
  /// give a chain: the first links to the second, the second to the third.
  ///
  /// - Returns: the repeat contacts, sorted by the earlier conversation's reference.
  public static func find(_ contacts: [CustomerContact], settings: RepeatContactSettings) -> [RepeatContact] {
    let window = settings.windowDays * 86_400
    var byCustomer: [String: [CustomerContact]] = [:]
    for contact in contacts { byCustomer[contact.customerKey, default: []].append(contact) }
    var found: [RepeatContact] = []
    for key in byCustomer.keys.sorted() {
      var seen = Set<ConversationReference>()
      let ordered = (byCustomer[key] ?? []).sorted { ($0.startedAt, $0.reference) < ($1.startedAt, $1.reference) }
        .filter { seen.insert($0.reference).inserted }
      for (index, earlier) in ordered.enumerated() {
        for later in ordered[(index + 1)...] {
          let gap = later.startedAt.timeIntervalSince(earlier.startedAt)
          if gap > window { break }
          guard gap > 0 else { continue }
          let shared = earlier.sharedTerms(with: later)
          if shared >= max(1, settings.minSharedTerms) {
            found.append(RepeatContact(earlier: earlier, later: later, sharedTerms: shared))
            break
          }
        }
      }
    }
    return found.sorted { $0.earlier.reference < $1.earlier.reference }
  }

  /// Applies the pass to results held in memory: each result loses any `repeat_contact` finding
  /// it carried (from a pass over fewer results) and gains the one this pass finds.
  ///
  /// - Returns: the repeat contacts found.
  @discardableResult
  public static func apply(to results: inout [ConversationResult], settings: RepeatContactSettings)
    -> [RepeatContact]
  {
    let found = find(results.compactMap(CustomerContact.init), settings: settings)
    let byEarlier = Dictionary(found.map { ($0.earlier.reference, $0) }, uniquingKeysWith: { first, _ in first })
    for index in results.indices {
      let reference = ConversationReference(
        sourceFile: results[index].sourceFile, conversationId: results[index].conversationId)
      results[index] = results[index].applying(repeatContact: byEarlier[reference])
    }
    return found
  }
}

extension ConversationResult {
  /// This result with its `repeat_contact` finding replaced by `repeatContact`'s (or removed when
  /// it is nil). The score is unchanged: a repeat contact counts in first-contact resolution.
  public func applying(repeatContact: RepeatContact?) -> ConversationResult {
    var copy = self
    copy.findings.removeAll { $0.detector == RepeatContacts.detector }
    if let repeatContact { copy.findings.append(repeatContact.finding(problemTurn: problemTurn)) }
    return copy
  }
}
