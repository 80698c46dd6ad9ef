/// Numbers and codes a support lead must be able to read in evidence, in the forms they take in
/// real messages. Redaction that touches one of them is counted against the redactor.
enum HardNegativeForms {
  typealias Form = (category: String, make: @Sendable (inout SeededGenerator) -> String)

  static let forms: [Form] = [
    ("order-number", { r in "#\(r.digits(3))-\(r.digits(7))-\(r.digits(7))" }),
    ("order-number", { r in "\(1 + r.below(9))\(r.digits(2))-\(r.digits(7))-\(r.digits(7))" }),
    ("order-number", { r in "ORD-\(r.digits(6))" }),
    ("order-number", { r in "#\(1 + r.below(9))\(r.digits(7))" }),
    ("order-number", { r in "W\(r.digits(9))" }),
    ("date", { r in "2024-\(pad(1 + r.below(12)))-\(pad(1 + r.below(28)))" }),
    ("date", { r in "\(pad(1 + r.below(28)))/\(pad(1 + r.below(12)))/2024" }),
    ("date", { r in "\(1 + r.below(12))/\(1 + r.below(28))/24" }),
    ("date", { r in "\(pad(1 + r.below(28))).\(pad(1 + r.below(12))).2023" }),
    ("date", { r in "\(1 + r.below(28)) \(r.pick(["March", "Sept", "Dec"])) 2024" }),
    ("time", { r in "\(r.below(24)):\(pad(r.below(60)))" }),
    ("time", { r in "\(1 + r.below(12)).\(pad(r.below(60)))pm" }),
    (
      "date-time",
      { r in "\(pad(1 + r.below(28))).\(pad(1 + r.below(12))).2024 \(pad(r.below(24))):\(pad(r.below(60)))" }
    ),
    ("price", { r in "$\(1 + r.below(9)),\(r.digits(3)).\(r.digits(2))" }),
    ("price", { r in "£\(1 + r.below(99)).\(r.digits(2))" }),
    ("price", { r in "€\(1 + r.below(9)).\(r.digits(3)),\(r.digits(2))" }),
    ("price", { r in "\(1 + r.below(9)) \(r.digits(3)),\(r.digits(2)) €" }),
    ("amount", { r in "\(1 + r.below(99)),\(r.digits(3)) points" }),
    ("amount", { r in "\(1 + r.below(9)) \(r.digits(3)) \(r.digits(3))" }),
    ("tracking-id", { r in "1Z\(r.digits(3))AA1\(r.digits(7))\(r.digits(4))" }),
    ("tracking-id", { r in "9400 1\(r.digits(3)) \(r.digits(4)) \(r.digits(4)) \(r.digits(4)) \(r.digits(2))" }),
    ("tracking-id", { r in "\(2 + r.below(8))\(r.digits(11))" }),
    ("tracking-id", { r in "JD\(r.digits(18))" }),
    ("tracking-id", { r in "\(r.pick(["AB", "RR", "LX"]))\(r.digits(9))GB" }),
    ("version", { r in "\(1 + r.below(20)).\(r.below(10)).\(r.below(10))" }),
    ("version", { r in "v\(r.below(5)).\(r.below(20)).\(r.below(100))" }),
    ("flight", { r in "\(r.pick(["BA", "LH", "UA", "AF", "EZY"]))\(r.digits(1 + r.below(4)))" }),
    ("flight", { r in "\(r.pick(["BA", "LH", "UA"])) \(1 + r.below(9))\(r.digits(2))" }),
    ("invoice", { r in "INV-2024-\(r.digits(6))" }),
    ("invoice", { r in "\(1 + r.below(9))\(r.digits(13))" }),
    ("invoice", { r in "\(r.digits(1))\(r.digits(15))" }),
    ("zip", { r in "\(1 + r.below(9))\(r.digits(4))" }),
    ("zip", { r in "0\(r.digits(4))-\(r.digits(4))" }),
    ("zip", { r in "SW1A \(r.below(10))AA" }),
    ("percentage", { r in "\(1 + r.below(99))%" }),
    ("percentage", { r in "\(r.below(100)).\(r.below(10))%" }),
    ("year", { r in "\(1990 + r.below(36))" }),
    ("tweet-id", { r in "1\(r.digits(18))" }),
    ("tweet-id", { r in "9\(r.digits(17))" }),
    ("url", { r in "https://t.co/\(r.pick(["AbC12xY", "9kLmN0p"]))\(r.digits(3))" }),
    ("url", { r in "https://www.example.com/orders/\(r.digits(3))-\(r.digits(7))-\(r.digits(7))?ref=\(r.digits(10))" }),
    ("ticket", { r in "#\(r.digits(7))" }),
    ("imei", { r in PersonalDataForms.luhn("35" + r.digits(12)) }),
    ("isbn", { r in "978-\(r.below(2))-\(r.digits(3))-\(r.digits(5))-\(r.below(10))" }),
    ("ip-address", { r in "\(r.pick(["192.168", "10.0", "172.16"])).\(r.below(256)).\(1 + r.below(254))" }),
    (
      "timestamp",
      { r in "2024-\(pad(1 + r.below(12)))-\(pad(1 + r.below(28)))T\(pad(r.below(24))):\(pad(r.below(60))):00Z" }
    ),
    ("time", { r in "\(7 + r.below(3)):00-\(16 + r.below(4)):30" }),
    ("ticket", { r in "000\(r.digits(8))" }),
  ]

  static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
