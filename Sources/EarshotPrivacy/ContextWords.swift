/// Words just before a number that say what it is. Shape decides most numbers; these words decide
/// the ambiguous ones (an unbroken run of digits): "call me on 2025550173" is a phone number,
/// "order 4111111111111111" is not a card, whatever the Luhn check says.
enum ContextWords {
  /// What the nearest word before a number says about it.
  enum Cue {
    case phone
    case card
    /// An order, invoice, tracking, ticket or other reference number.
    case identifier
  }

  /// How far back (in bytes) words are looked for.
  static let window = 32

  static let phoneWords: [StaticString] = [
    "phone", "phones", "telephone", "tel", "mobile", "mob", "cell", "cellphone", "fax", "whatsapp", "sms", "ph",
    "call me", "call us", "ring me", "text me", "reach me", "my number", "contact number",
  ]
  static let cardWords: [StaticString] = [
    "card", "cards", "visa", "mastercard", "amex", "debit", "credit", "cc",
  ]
  static let identifierWords: [StaticString] = [
    "order", "orders", "invoice", "inv", "tracking", "track", "ticket", "case", "ref", "reference",
    "confirmation", "booking", "transaction", "txn", "shipment", "parcel", "package", "serial", "imei", "id",
    "po", "sku", "item", "member", "membership", "customer", "policy", "claim",
  ]

  /// The cue of the word nearest before `start` (within `window` bytes and after `lowerBound`).
  static func nearestCue(in bytes: UnsafeBufferPointer<UInt8>, before start: Int, lowerBound: Int) -> Cue? {
    var index = start - 1
    let limit = max(lowerBound, start - window)
    while index >= limit {
      // Only where a word starts.
      if Bytes.isLetter(bytes[index]) && (index == 0 || !Bytes.isLetter(bytes[index - 1])) {
        if let cue = cue(at: index, in: bytes) { return cue }
      }
      index -= 1
    }
    return nil
  }

  private static func cue(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Cue? {
    for word in phoneWords where Bytes.hasWord(word, in: bytes, at: index) { return .phone }
    for word in cardWords where Bytes.hasWord(word, in: bytes, at: index) { return .card }
    for word in identifierWords where Bytes.hasWord(word, in: bytes, at: index) { return .identifier }
    return nil
  }
}
