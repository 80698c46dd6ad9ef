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
  static let window = 40

  static let phoneWords: [StaticString] = [
    "phone", "phones", "telephone", "tel", "mobile", "mob", "cell", "cellphone", "fax", "whatsapp", "sms", "ph",
    "call", "calling", "called", "ring", "dial", "text me", "reach me", "my number", "contact", "hotline",
    "helpline", "landline",
  ]
  static let cardWords: [StaticString] = [
    "card", "cards", "visa", "mastercard", "amex", "debit", "credit", "cc",
  ]
  static let identifierWords: [StaticString] = [
    "order", "orders", "invoice", "inv", "tracking", "track", "ticket", "case", "ref", "reference",
    "confirmation", "booking", "transaction", "txn", "shipment", "parcel", "package", "serial", "imei", "id",
    "po", "sku", "item", "member", "membership", "customer", "policy", "claim",
  ]

  /// Words that may stand between a cue and its number ("phone number is", "call me on", "order no.").
  static let fillerWords: [StaticString] = [
    "on", "at", "is", "me", "us", "my", "our", "your", "his", "her", "the", "number", "no", "nr", "num", "to", "or",
    "via", "of", "new", "old", "main", "home", "work", "office", "direct",
  ]

  /// The cue of the words just before `start`: walking back word by word (at most `window` bytes, not
  /// before `lowerBound`, not across `!`, `?`, a line break or a sentence end), past filler words,
  /// to the first word that is a cue; any other word ends the search.
  static func nearestCue(in bytes: UnsafeBufferPointer<UInt8>, before start: Int, lowerBound: Int) -> Cue? {
    let limit = max(lowerBound, start - window)
    var index = start
    while index > limit {
      // Skip back over the gap between words: spaces and the punctuation of "Tel.:", "(mobile)", "no. #".
      while index > limit, !Bytes.isLetter(bytes[index - 1]) {
        switch bytes[index - 1] {
        case UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"), UInt8(ascii: ";"): return nil
        case Bytes.dot
        where index - 1 > limit && index < start && Bytes.isLetter(bytes[index - 2])
          && isSentenceEnd(bytes, dot: index - 1):
          return nil
        case let byte where Bytes.isDigit(byte) || byte >= 0x80: return nil
        default: index -= 1
        }
      }
      let wordEnd = index
      while index > limit, Bytes.isLetter(bytes[index - 1]) { index -= 1 }
      guard index < wordEnd, index == 0 || !Bytes.isLetter(bytes[index - 1]) else { return nil }
      if let cue = cue(at: index, in: bytes) { return cue }
      guard fillerWords.contains(where: { Bytes.hasWord($0, in: bytes, at: index) }) else { return nil }
    }
    return nil
  }

  /// A `.` that ends a sentence rather than an abbreviation ("Tel.", "No.", "ph."): the word before it
  /// is longer than four letters.
  private static func isSentenceEnd(_ bytes: UnsafeBufferPointer<UInt8>, dot: Int) -> Bool {
    var start = dot
    while start > 0, Bytes.isLetter(bytes[start - 1]) { start -= 1 }
    return dot - start > 4
  }

  private static func cue(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Cue? {
    for word in phoneWords where Bytes.hasWord(word, in: bytes, at: index) { return .phone }
    for word in cardWords where Bytes.hasWord(word, in: bytes, at: index) { return .card }
    for word in identifierWords where Bytes.hasWord(word, in: bytes, at: index) { return .identifier }
    return nil
  }
}
