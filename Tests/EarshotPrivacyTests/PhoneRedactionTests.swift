import EarshotPrivacy
import Testing

@Suite struct PhoneRedactionTests {
  @Test(arguments: [
    "+44 20 7946 0958", "+1-202-555-0173", "+1 (202) 555-0173", "+44 (0)20 7946 0958", "+33 6 12 34 56 78",
    "+49 30 12345678", "+91 98765 43210", "+61 412 345 678", "+447700900123", "+1.202.555.0173",
    "(202) 555-0173", "(020) 7946 0958", "020 7946 0958", "0171 234 5678", "07700 900123", "07700900123",
    "06 12 34 56 78", "06.12.34.56.78", "030/12345678", "0412 345 678", "02 9876 5432", "06-12345678",
    "202-555-0173", "202.555.0173", "202 555 0173", "1-800-555-0199", "1 (800) 555-0199",
    "00 44 20 7946 0958", "0044 20 7946 0958", "00447700900123", "(+234) 70 94250 556", "98765 43210",
  ])
  func phoneShapesAreReplaced(_ number: String) {
    #expect(redacted("You can reach me on \(number) after 5pm.") == "You can reach me on [PHONE] after 5pm.")
    #expect(redacted("\(number)") == "[PHONE]")
  }

  @Test(arguments: [
    ("call me on 555-0173 tomorrow", "call me on [PHONE] tomorrow"),
    ("my number is 2025550173", "my number is [PHONE]"),
    ("Mobile: 9876543210", "Mobile: [PHONE]"),
    ("tel. 9876543210 (evenings)", "tel. [PHONE] (evenings)"),
    ("Please call 2025550173 before noon", "Please call [PHONE] before noon"),
    ("Sergii D./02152/+380671277946", "Sergii D./02152/[PHONE]"),
  ])
  func ambiguousNumbersAfterAPhoneWordAreReplaced(_ input: String, _ expected: String) {
    #expect(redacted(input) == expected)
  }

  @Test(arguments: [
    "Your order #112-4455667-8899001 has shipped.",
    "Order 112-4455667-8899001 was refunded on 2024-03-05.",
    "It was delivered on 05/03/2024 at 14:30.",
    "Delivered 05.03.2024 10:15, signed by reception.",
    "The total was $1,299.00 (about £1 020).",
    "Tracking: 1Z999AA10123456784",
    "Please update to iOS 17.0.3 and restart.",
    "My flight BA283 on 12 March was cancelled.",
    "Invoice INV-2024-000123 and invoice 20240305001234",
    "Ship to Boston, MA 02139-4307.",
    "Prices rose 12.5% since 2019, about 3% a year.",
    "See https://twitter.com/i/web/status/1234567890123456789 and https://t.co/AbC123",
    "tweet 1234567890123456789 was deleted",
    "Ticket 2025550173 is closed.",
    "I waited from 9:00 to 17:30, that is 8.5 hours.",
    "Order number 0123456789 is late.",
    "between 10 and 20 units, 25 000 000 in total",
    "I'm trying to find DPCI 030-02-8711 in store",
    "The router shows 10.0.164.50 and 192.168.1.1",
    "ISBN 978-0-306-40615-7",
    "Invoice 0012345678901 is overdue",
    "He called. 2025550173 is the ticket",
    "Suresh: 9958520468",
  ])
  func supportNumbersStay(_ input: String) {
    #expect(redacted(input) == input)
  }
}
