import EarshotReporters
import EarshotScoring
import EarshotStore

/// The repeat-contact pass over a store's current results (the result JSON is the store's source
/// of truth, so the pass reads it back rather than adding columns): the same function as at the
/// end of a batch, so a store and a batch over the same files give the same first-contact figures.
public enum StoreCustomerHistory {
  /// The repeat contacts among the store's current results.
  ///
  /// - Throws: when the store cannot be read or holds a result that does not decode.
  public static func repeatContacts(in store: any ListeningStore, settings: RepeatContactSettings) throws
    -> [RepeatContact]
  {
    var contacts: [CustomerContact] = []
    for line in try store.currentResultLines() where line.contains("\"customer_key\"") {
      if let contact = CustomerContact(try RepeatContactLines.decode(line)) { contacts.append(contact) }
    }
    return RepeatContacts.find(contacts, settings: settings)
  }

  /// `aggregation` (a store's totals, built from results without repeat-contact findings) with the
  /// store's repeat contacts counted, when customer history is on.
  public static func adding(
    to aggregation: Aggregation, from store: any ListeningStore, customers: CustomerSettings
  ) throws -> (aggregation: Aggregation, repeats: [RepeatContact]) {
    guard customers.isEnabled else { return (aggregation, []) }
    var copy = aggregation
    let repeats = try repeatContacts(in: store, settings: customers.repeatContacts)
    copy.clearRepeatContacts()
    copy.addRepeatContacts(repeats)
    return (copy, repeats)
  }
}
