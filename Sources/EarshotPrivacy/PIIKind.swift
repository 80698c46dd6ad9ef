/// A kind of personal data the redactor replaces.
public enum PIIKind: Hashable, Sendable, CustomStringConvertible {
  /// An e-mail address.
  case email
  /// A telephone number in international or national form.
  case phone
  /// A payment card number that passes the Luhn check.
  case card
  /// An IBAN whose length fits its country and whose check digits pass mod 97.
  case iban
  /// A configured pattern (`privacy.patterns`), by its name.
  case pattern(String)

  /// The four built-in kinds, in the order reports list them.
  public static let builtIn: [PIIKind] = [.email, .phone, .card, .iban]

  /// What replaces a match: `[EMAIL]`, `[PHONE]`, `[CARD]`, `[IBAN]`, or the pattern's name upper-cased
  /// with every character other than a letter or digit turned into `_` (`customer id` → `[CUSTOMER_ID]`).
  public var placeholder: String {
    switch self {
    case .email: "[EMAIL]"
    case .phone: "[PHONE]"
    case .card: "[CARD]"
    case .iban: "[IBAN]"
    case .pattern(let name): "[" + Self.placeholderName(name) + "]"
    }
  }

  /// The kind's name as reports print it (`email`, or the pattern's name).
  public var description: String {
    switch self {
    case .email: "email"
    case .phone: "phone"
    case .card: "card"
    case .iban: "iban"
    case .pattern(let name): name
    }
  }

  static func placeholderName(_ name: String) -> String {
    String(
      name.uppercased().unicodeScalars.map { scalar in
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
      })
  }
}

/// One piece of personal data found in a text.
public struct PIIMatch: Hashable, Sendable {
  /// What was found.
  public var kind: PIIKind
  /// UTF-8 byte offsets in the text.
  public var range: Range<Int>

  /// Creates a match.
  public init(kind: PIIKind, range: Range<Int>) {
    self.kind = kind
    self.range = range
  }
}
