import EarshotPrivacy

/// The labeled set behind `earshot evaluate redaction`: support messages generated from templates,
/// with personal data of each kind in many written forms and hard negatives (order numbers, dates,
/// prices, tracking ids…) whose byte spans are known exactly. Deterministic for a given seed.
public enum RedactionCorpus {
  /// `count` samples generated from `seed`.
  public static func generate(count: Int, seed: UInt64) -> [RedactionSample] {
    var random = SeededGenerator(seed: seed)
    return (0..<count).map { _ in sample(&random) }
  }

  static func sample(_ random: inout SeededGenerator) -> RedactionSample {
    var builder = SampleBuilder()
    // Kinds by share of samples: phones have the most forms, so the most samples.
    let roll = random.below(100)
    let kind: PIIKind? = roll < 20 ? .email : roll < 50 ? .phone : roll < 70 ? .card : roll < 82 ? .iban : nil
    if let kind {
      let (forms, templates) = formsAndTemplates(kind)
      let form = random.pick(forms)
      let value = form.make(&random)
      if random.chance(0.3) {
        // A sentence with personal data and a hard negative of the category the sentence names.
        let (template, category) = random.pick(templates.withNegative)
        let negative = negativeValue(&random, category: category)
        builder.fill(template, pii: (kind, form.name, value), negatives: [negative])
      } else {
        builder.fill(random.pick(templates.plain), pii: (kind, form.name, value), negatives: [])
      }
    }
    // One or two sentences with hard negatives.
    for index in 0..<(kind == nil ? 1 + random.below(2) : random.below(2)) {
      if !builder.text.isEmpty || index > 0 { builder.plain(random.pick([" ", "\n", " "])) }
      let (category, value) = negativeValue(&random)
      let template = random.pick(negativeTemplates[category] ?? ["{neg}"])
      builder.fill(template, pii: nil, negatives: [(category, value)])
    }
    return builder.sample
  }

  private static func formsAndTemplates(_ kind: PIIKind) -> (
    [PersonalDataForms.Form], (plain: [String], withNegative: [(String, String)])
  ) {
    switch kind {
    case .email: (PersonalDataForms.email, (emailTemplates, emailWithNegative))
    case .phone: (PersonalDataForms.phone, (phoneTemplates, phoneWithNegative))
    case .card: (PersonalDataForms.card, (cardTemplates, cardWithNegative))
    default: (PersonalDataForms.iban, (ibanTemplates, ibanWithNegative))
    }
  }

  /// A hard negative (of `category` when given): its category and value.
  private static func negativeValue(_ random: inout SeededGenerator, category: String? = nil) -> (String, String) {
    let forms = HardNegativeForms.forms.filter { category == nil || $0.category == category }
    let form = random.pick(forms.isEmpty ? HardNegativeForms.forms : forms)
    return (form.category, form.make(&random))
  }

  // MARK: - Templates

  static let emailTemplates = [
    "Please send the return label to {pii} and confirm.", "My email is {pii}, it's the one on the account.",
    "Can you reply to {pii}? I can't log in.", "Email: {pii}", "reach me at <{pii}>", "sent from {pii}.",
    "{pii} is my work email", "Hi, I'm writing from my wife's address ({pii}) because mine is locked.",
    "cc {pii} on this please", "DM'd you, it's {pii}",
  ]
  static let emailWithNegative = [
    ("I changed my address to {pii} but the confirmation for {neg} still went to the old one.", "order-number"),
    ("Please cc {pii} on ticket {neg}.", "ticket"), ("Account {pii}, order {neg}.", "order-number"),
    ("{pii} - invoice {neg} attached", "invoice"),
  ]
  static let phoneTemplates = [
    "You can reach me on {pii} after 5pm.", "Call me at {pii}, I'm home all day.", "My number is {pii}.",
    "Tel: {pii}", "Phone {pii} / email later", "The courier tried calling {pii} but I missed it.",
    "{pii} is my mobile", "Text me on {pii} when the engineer is on the way.",
    "I called your line, {pii}, three times.", "Please ring {pii} and ask for Sam.",
    "Contact: Jane Doe, {pii}", "whatsapp {pii}",
  ]
  static let phoneWithNegative = [
    ("Please ring {pii} about order {neg}.", "order-number"), ("Call me on {pii} regarding invoice {neg}.", "invoice"),
    ("My number is {pii}, the delivery on {neg} never came.", "date"),
    ("{pii} is my number, tracking {neg}", "tracking-id"), ("Call {pii} before {neg}", "time"),
  ]
  static let cardTemplates = [
    "I was charged twice on my card {pii}.", "The payment with {pii} was declined.", "card number: {pii} exp 09/27",
    "Use {pii} for the refund.", "Visa {pii}", "Why did {pii} get charged again?", "my cc is {pii} cvv 123",
    "Refund it to the card ending... actually the full number is {pii}",
  ]
  static let cardWithNegative = [
    ("I paid using {pii} on {neg}.", "date"), ("Card {pii} was charged {neg} for nothing.", "price"),
    ("Order {neg} was paid with {pii}", "order-number"),
  ]
  static let ibanTemplates = [
    "Please refund to my account {pii}.", "IBAN: {pii}", "Bank details: {pii}, account holder J. Smith",
    "transfer the money to {pii} by Friday", "My IBAN is {pii}",
  ]
  static let ibanWithNegative = [
    ("Refund {neg} to {pii} please.", "price"), ("IBAN {pii}, reference {neg}.", "invoice"),
  ]

  static let negativeTemplates: [String: [String]] = [
    "order-number": ["My order {neg} still hasn't arrived.", "Where is order {neg}?", "Re: {neg} - wrong item"],
    "date": ["It was meant to arrive on {neg}.", "Since {neg} nothing has happened."],
    "time": ["The engineer came at {neg} and left.", "I waited until {neg}."],
    "date-time": ["Delivered {neg}, signed by reception."],
    "price": ["I was charged {neg} twice.", "The upgrade costs {neg}?"],
    "amount": ["I had {neg} on my account.", "That's {neg} in total."],
    "tracking-id": ["Tracking number {neg} shows no movement.", "The parcel {neg} is stuck in Leeds."],
    "version": ["The app on version {neg} keeps crashing.", "After updating to {neg} the login fails."],
    "flight": ["My flight {neg} was cancelled.", "Rebook me on {neg} please."],
    "invoice": ["Invoice {neg} is wrong.", "Please resend invoice {neg}."],
    "zip": ["Ship it to Boston, MA {neg}.", "My postcode is {neg}."],
    "percentage": ["That's a {neg} price increase!", "Battery drops {neg} per hour."],
    "year": ["I've been a customer since {neg}."],
    "tweet-id": ["Replying to tweet {neg}", "see status {neg}"],
    "url": ["See {neg} for details.", "The link {neg} is broken"],
    "ticket": ["Ticket {neg} was closed without a reply.", "Case {neg} is still open."],
    "imei": ["The IMEI is {neg}."],
    "isbn": ["The book (ISBN {neg}) arrived damaged."],
    "ip-address": ["The router shows {neg} but no internet."],
    "timestamp": ["The log says {neg} for the failed payment."],
  ]
}
