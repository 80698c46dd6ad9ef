import EarshotModel
import EarshotText

/// A piece of information the customer gave: an identifier, an e-mail address, a phone number,
/// or a description of the problem.
public struct CustomerFact: Sendable, Hashable {
  /// identifier, email, phone or problem (the kinds of `Lexicons/data/asks.tsv`).
  public var kind: String
  /// The customer turn.
  public var turn: Int
  /// The bytes in the turn text.
  public var byteRange: Range<Int>
}

/// Finds what customers said about themselves, scanning bytes (no regular expressions).
enum CustomerFacts {
  /// Facts in the customer turns of `conversation`.
  static func facts(in conversation: AnalyzedConversation) -> [CustomerFact] {
    var facts: [CustomerFact] = []
    for turn in conversation.turns where turn.role == .customer {
      let text = conversation.texts[turn.index]
      for token in text.tokens {
        switch token.kind {
        case .email:
          facts.append(CustomerFact(kind: "email", turn: turn.index, byteRange: token.range))
        case .number where digitCount(text, token) >= 4:
          facts.append(CustomerFact(kind: "identifier", turn: turn.index, byteRange: token.range))
        case .word where isCode(text, token):
          facts.append(CustomerFact(kind: "identifier", turn: turn.index, byteRange: token.range))
        default:
          break
        }
      }
      facts += phoneNumbers(text).map { CustomerFact(kind: "phone", turn: turn.index, byteRange: $0) }
      // A customer turn with a real description (eight or more content words) states the problem.
      if conversation.contentTerms[turn.index].count >= 8, let sentence = text.sentences.first {
        facts.append(CustomerFact(kind: "problem", turn: turn.index, byteRange: sentence.byteRange))
      }
    }
    return facts
  }

  static func digitCount(_ text: TokenizedText, _ token: Token) -> Int {
    text.bytes[token.range].reduce(0) { $0 + (($1 >= 0x30 && $1 <= 0x39) ? 1 : 0) }
  }

  /// Codes such as `INI-4471-XZ` or `A12B345`: letters and at least three digits.
  static func isCode(_ text: TokenizedText, _ token: Token) -> Bool {
    token.length >= 5 && digitCount(text, token) >= 3
  }

  /// Runs of 7 to 15 digits separated only by spaces, dashes, dots or brackets, optionally after `+`.
  static func phoneNumbers(_ text: TokenizedText) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    let bytes = text.bytes
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "+") || isDigit(bytes[index]) else {
        index += 1
        continue
      }
      let start = index
      var digits = 0
      var end = index
      while end < bytes.count {
        let byte = bytes[end]
        if isDigit(byte) {
          digits += 1
        } else if !(byte == 0x20 || byte == 0x2D || byte == 0x2E || byte == 0x28 || byte == 0x29
          || (byte == 0x2B && end == start))
        {
          break
        }
        end += 1
      }
      var trimmed = end
      while trimmed > start, !isDigit(bytes[trimmed - 1]) { trimmed -= 1 }
      let hasSeparator = bytes[start..<trimmed].contains { !isDigit($0) }
      if (7...15).contains(digits) && (hasSeparator || digits >= 10) { ranges.append(start..<trimmed) }
      index = max(end, index + 1)
    }
    return ranges
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
