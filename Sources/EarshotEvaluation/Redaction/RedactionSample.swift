import EarshotPrivacy

/// One generated support message with the exact byte spans of its personal data and of the
/// numbers and codes that must stay readable.
public struct RedactionSample: Sendable {
  /// Personal data placed in the text.
  public struct Personal: Sendable {
    /// Its kind.
    public var kind: PIIKind
    /// How it is written (`uk-national`, `visa-spaced`): misses are reported by form.
    public var form: String
    /// UTF-8 byte range in `text`.
    public var range: Range<Int>
  }

  /// A hard negative: a number or code a support lead needs to read.
  public struct Negative: Sendable {
    /// What it is (`order-number`, `date`, `tracking-id`…).
    public var category: String
    /// UTF-8 byte range in `text`.
    public var range: Range<Int>
  }

  /// The message.
  public var text: String
  /// Its personal data.
  public var personal: [Personal]
  /// Its hard negatives.
  public var negatives: [Negative]
}

/// Builds a sample piece by piece, recording byte spans as it goes.
struct SampleBuilder {
  private(set) var text = ""
  private(set) var personal: [RedactionSample.Personal] = []
  private(set) var negatives: [RedactionSample.Negative] = []

  mutating func plain(_ piece: String) { text += piece }

  mutating func personal(_ kind: PIIKind, form: String, _ value: String) {
    let start = text.utf8.count
    text += value
    personal.append(.init(kind: kind, form: form, range: start..<text.utf8.count))
  }

  mutating func negative(_ category: String, _ value: String) {
    let start = text.utf8.count
    text += value
    negatives.append(.init(category: category, range: start..<text.utf8.count))
  }

  /// Fills `template`: `{pii}` with `pii`, `{neg}` with successive `negatives`.
  mutating func fill(
    _ template: String, pii: (kind: PIIKind, form: String, value: String)?, negatives: [(String, String)]
  ) {
    var rest = Substring(template)
    var pending = negatives[...]
    while let brace = rest.firstIndex(of: "{") {
      plain(String(rest[..<brace]))
      let afterBrace = rest[brace...]
      if afterBrace.hasPrefix("{pii}"), let pii {
        personal(pii.kind, form: pii.form, pii.value)
        rest = afterBrace.dropFirst(5)
      } else if afterBrace.hasPrefix("{neg}"), let next = pending.popFirst() {
        negative(next.0, next.1)
        rest = afterBrace.dropFirst(5)
      } else {
        plain("{")
        rest = afterBrace.dropFirst()
      }
    }
    plain(String(rest))
  }

  var sample: RedactionSample { RedactionSample(text: text, personal: personal, negatives: negatives) }
}
