/// Personal data as people write it in support messages: many forms per kind, with random digits
/// and names, each labeled with its form. Numbers use fictional ranges where countries reserve them
/// (Ofcom's 020 7946 0xxx and 07700 900xxx, North America's 555-01xx).
enum PersonalDataForms {
  typealias Form = (name: String, make: @Sendable (inout SeededGenerator) -> String)

  // MARK: - E-mail

  static let firstNames = ["jane", "john", "maria", "wei", "ahmed", "olga", "li", "sam", "priya", "lucas", "chloe"]
  static let lastNames = ["doe", "smith", "garcia", "nguyen", "okafor", "muller", "rossi", "kowalski", "obrien"]
  static let domains = [
    "gmail.com", "outlook.com", "yahoo.co.uk", "example.com", "mail.example.org", "company.io", "uni.ac.uk",
    "t-online.de", "orange.fr", "bigpond.com.au", "example.photography", "xn--mnchen-3ya.de",
  ]

  static let email: [Form] = [
    ("first.last", { r in "\(r.pick(firstNames)).\(r.pick(lastNames))@\(r.pick(domains))" }),
    (
      "first_last+tag",
      { r in "\(r.pick(firstNames))_\(r.pick(lastNames))+\(r.pick(["orders", "amzn", "2024"]))@\(r.pick(domains))" }
    ),
    (
      "initial-last-digits",
      { r in "\(r.pick(firstNames).prefix(1))\(r.pick(lastNames))\(r.digits(2))@\(r.pick(domains))" }
    ),
    (
      "mixed-case",
      { r in "\(r.pick(firstNames).capitalized).\(r.pick(lastNames).capitalized)@\(r.pick(domains).uppercased())" }
    ),
    ("hyphenated", { r in "\(r.pick(firstNames))-\(r.pick(lastNames))@\(r.pick(domains))" }),
    ("digits-only-local", { r in "\(r.digits(7))@\(r.pick(domains))" }),
    ("accented", { r in "\(r.pick(["josé", "zoë", "françois", "łukasz"])).\(r.pick(lastNames))@\(r.pick(domains))" }),
    ("subdomain", { r in "\(r.pick(firstNames))@support.\(r.pick(["eu.", "", "mail."]))example.co.uk" }),
  ]

  // MARK: - Phone

  static let phone: [Form] = [
    ("uk-intl", { r in "+44 20 7946 0\(r.digits(3))" }),
    ("uk-intl-trunk", { r in "+44 (0)20 7946 0\(r.digits(3))" }),
    ("uk-intl-mobile-unbroken", { r in "+447700900\(r.digits(3))" }),
    ("uk-london", { r in "020 7946 0\(r.digits(3))" }),
    ("uk-old-london", { r in "0171 \(r.digits(3)) \(r.digits(4))" }),
    ("uk-mobile", { r in "07700 900\(r.digits(3))" }),
    ("uk-mobile-unbroken", { r in "07700900\(r.digits(3))" }),
    ("uk-regional", { r in "0161 \(r.digits(3)) \(r.digits(4))" }),
    ("us-intl-dashes", { r in "+1-202-555-01\(r.digits(2))" }),
    ("us-intl-parentheses", { r in "+1 (\(r.pick(["202", "312", "415"]))) 555-01\(r.digits(2))" }),
    ("us-parentheses", { r in "(\(r.pick(["202", "312", "415", "646"]))) 555-01\(r.digits(2))" }),
    ("us-dashes", { r in "\(r.pick(["202", "312", "415"]))-555-01\(r.digits(2))" }),
    ("us-dots", { r in "\(r.pick(["202", "312", "415"])).555.01\(r.digits(2))" }),
    ("us-spaces", { r in "\(r.pick(["202", "312", "415"])) 555 01\(r.digits(2))" }),
    ("us-toll-free", { r in "1-800-555-01\(r.digits(2))" }),
    ("us-local-7", { r in "555-01\(r.digits(2))" }),
    ("us-unbroken", { r in "\(r.pick(["202", "312", "415"]))55501\(r.digits(2))" }),
    ("fr-national", { r in "06 \(r.digits(2)) \(r.digits(2)) \(r.digits(2)) \(r.digits(2))" }),
    ("fr-dotted", { r in "01.\(r.digits(2)).\(r.digits(2)).\(r.digits(2)).\(r.digits(2))" }),
    ("fr-intl", { r in "+33 6 \(r.digits(2)) \(r.digits(2)) \(r.digits(2)) \(r.digits(2))" }),
    ("de-national", { r in "030 \(r.digits(8))" }),
    ("de-slash", { r in "030/\(r.digits(7))" }),
    ("de-intl-trunk", { r in "+49 (0)30 \(r.digits(7))" }),
    ("de-mobile", { r in "0151 \(r.digits(8))" }),
    ("au-mobile", { r in "0412 \(r.digits(3)) \(r.digits(3))" }),
    ("au-intl", { r in "+61 412 \(r.digits(3)) \(r.digits(3))" }),
    ("nl-mobile", { r in "06-\(r.digits(8))" }),
    ("in-intl", { r in "+91 9\(r.digits(4)) \(r.digits(5))" }),
    ("in-national", { r in "9\(r.digits(4)) \(r.digits(5))" }),
    ("es-national", { r in "6\(r.digits(2)) \(r.digits(3)) \(r.digits(3))" }),
    ("it-mobile", { r in "3\(r.digits(2)) \(r.digits(3)) \(r.digits(4))" }),
    ("intl-00", { r in "00 44 20 7946 0\(r.digits(3))" }),
  ]

  // MARK: - Payment cards

  static let card: [Form] = [
    ("visa-spaced", { r in grouped(luhn("4" + r.digits(14)), [4, 4, 4, 4], " ") }),
    ("visa-dashed", { r in grouped(luhn("4" + r.digits(14)), [4, 4, 4, 4], "-") }),
    ("visa-unbroken", { r in luhn("4" + r.digits(14)) }),
    ("visa-13", { r in luhn("4" + r.digits(11)) }),
    ("mastercard-spaced", { r in grouped(luhn("5\(1 + r.below(5))" + r.digits(13)), [4, 4, 4, 4], " ") }),
    ("mastercard-2-series", { r in grouped(luhn(String(2221 + r.below(500)) + r.digits(11)), [4, 4, 4, 4], " ") }),
    ("amex-spaced", { r in grouped(luhn("3\(r.pick(["4", "7"]))" + r.digits(12)), [4, 6, 5], " ") }),
    ("amex-unbroken", { r in luhn("3\(r.pick(["4", "7"]))" + r.digits(12)) }),
    ("discover", { r in grouped(luhn("6011" + r.digits(11)), [4, 4, 4, 4], " ") }),
    ("jcb", { r in grouped(luhn("35\(28 + r.below(62))" + r.digits(11)), [4, 4, 4, 4], " ") }),
    ("diners-14", { r in grouped(luhn("36" + r.digits(11)), [4, 6, 4], " ") }),
    ("unionpay-19", { r in grouped(luhn("62" + r.digits(16)), [4, 4, 4, 4, 3], " ") }),
    ("maestro-dashed", { r in grouped(luhn("67" + r.digits(13)), [4, 4, 4, 4], "-") }),
  ]

  /// `body` followed by its Luhn check digit.
  static func luhn(_ body: String) -> String {
    var sum = 0
    for (offset, character) in body.reversed().enumerated() {
      var value = character.wholeNumberValue ?? 0
      if offset % 2 == 0 {
        value *= 2
        if value > 9 { value -= 9 }
      }
      sum += value
    }
    return body + String((10 - sum % 10) % 10)
  }

  /// `digits` split into groups of the given sizes.
  static func grouped(_ digits: String, _ sizes: [Int], _ separator: String) -> String {
    var parts: [String] = []
    var rest = Substring(digits)
    for size in sizes where !rest.isEmpty {
      parts.append(String(rest.prefix(size)))
      rest = rest.dropFirst(size)
    }
    return parts.joined(separator: separator)
  }

  // MARK: - IBAN

  /// Country, BBAN shape (`n` digit, `a` upper-case letter, `c` either).
  static let ibanCountries: [(String, String)] = [
    ("GB", "aaaannnnnnnnnnnnnn"), ("DE", "nnnnnnnnnnnnnnnnnn"), ("FR", "nnnnnnnnnncccccccccccnn"),
    ("NL", "aaaannnnnnnnnn"), ("ES", "nnnnnnnnnnnnnnnnnnnn"), ("IT", "annnnnnnnnncccccccccccc"),
    ("BE", "nnnnnnnnnnnn"), ("CH", "nnnnncccccccccccc"), ("IE", "aaaannnnnnnnnnnnnn"),
    ("PL", "nnnnnnnnnnnnnnnnnnnnnnnn"),
  ]

  static let iban: [Form] = [
    ("spaced", { r in grouped(makeIBAN(&r), Array(repeating: 4, count: 9), " ") }),
    ("unbroken", { r in makeIBAN(&r) }),
    ("lowercase-spaced", { r in grouped(makeIBAN(&r), Array(repeating: 4, count: 9), " ").lowercased() }),
  ]

  static func makeIBAN(_ random: inout SeededGenerator) -> String {
    let (country, shape) = random.pick(ibanCountries)
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    var bban = ""
    for symbol in shape {
      switch symbol {
      case "n": bban += random.digits(1)
      case "a": bban.append(random.pick(letters))
      default: if random.chance(0.3) { bban.append(random.pick(letters)) } else { bban += random.digits(1) }
      }
    }
    var remainder = 0
    for character in (bban + country + "00") {
      if let digit = character.wholeNumberValue {
        remainder = (remainder * 10 + digit) % 97
      } else {
        let value = Int(character.asciiValue ?? 65) - 55
        remainder = (remainder * 100 + value) % 97
      }
    }
    let check = 98 - remainder
    return country + (check < 10 ? "0" : "") + String(check) + bban
  }
}
