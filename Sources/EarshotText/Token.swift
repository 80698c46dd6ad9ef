/// What kind of thing a token is.
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable {
  /// Letters, possibly with inner apostrophes or hyphens (`don't`, `add-on`).
  case word
  /// Digits, possibly with inner separators (`10:32`, `1,000`, `3.5`, `24/7`).
  case number
  /// `http://…`, `https://…` or `www.…`.
  case url
  /// `name@example.com`.
  case email
  /// `@handle`.
  case mention
  /// `#topic`.
  case hashtag
  /// An ASCII emoticon such as `:-)` or `<3`.
  case emoticon
  /// One emoji, with its modifiers and joiners.
  case emoji
  /// A run of punctuation (`!!!`, `?!`, `...`) or one other symbol.
  case punctuation
}

/// One token: a byte range of the text it came from, never a copied string.
public struct Token: Sendable, Hashable {
  // Offsets first and the one-byte fields last: 24 bytes a token instead of 32.
  /// UTF-8 offset of the first byte.
  public var start: Int
  /// UTF-8 offset one past the last byte.
  public var end: Int
  /// What the token is.
  public var kind: TokenKind
  /// True for a word of two or more letters written all in capitals (`GOOD`), not `I` or `A`.
  public var isAllCaps: Bool
  /// True for a word with an inner apostrophe (`don't`, `it's`).
  public var isContraction: Bool

  /// Creates a token.
  public init(kind: TokenKind, start: Int, end: Int, isAllCaps: Bool = false, isContraction: Bool = false) {
    self.kind = kind
    self.start = start
    self.end = end
    self.isAllCaps = isAllCaps
    self.isContraction = isContraction
  }

  /// The token's byte range.
  public var range: Range<Int> { start..<end }
  /// Its length in bytes.
  public var length: Int { end - start }
}
