/// A match of a lexicon term in a tokenized text.
public struct TermMatch<Value: Sendable>: Sendable {
  /// The matched tokens (indices into `TokenizedText.tokens`).
  public var tokenRange: Range<Int>
  /// The matched bytes.
  public var byteRange: Range<Int>
  /// The term's value.
  public var value: Value

  /// Creates a match.
  @inlinable public init(tokenRange: Range<Int>, byteRange: Range<Int>, value: Value) {
    self.tokenRange = tokenRange
    self.byteRange = byteRange
    self.value = value
  }
}

/// Finds single-word and multi-word lexicon terms in tokenized text.
///
/// Each word of every phrase gets a dense id; a phrase is a list of ids indexed by its first
/// word, so matching costs one hash lookup per token plus a comparison for candidate phrases.
public struct PhraseMatcher<Value: Sendable>: Sendable {
  /// One term: its word ids and value.
  @usableFromInline struct Phrase: Sendable {
    @usableFromInline var words: [Int]
    @usableFromInline var value: Value
  }

  @usableFromInline var vocabulary = TermTable<Int>()
  /// The phrases starting with each word, indexed by the word's id (ids are dense), longest first:
  /// an array read per token instead of a dictionary lookup. Inlinable so that callers in other
  /// modules get code specialized for their value type instead of generic code that looks up
  /// type metadata at run time.
  @usableFromInline var phrasesByFirstWord: [[Phrase]] = []

  /// Creates an empty matcher.
  public init() {}

  /// Creates a matcher over `terms`.
  public init(_ terms: [(String, Value)]) {
    for (term, value) in terms { add(term, value) }
  }

  /// The number of terms.
  public var count: Int { phrasesByFirstWord.reduce(0) { $0 + $1.count } }

  /// Every term as its list of normalized words (lowercase, `’` read as `'`) with its value, for
  /// callers that compile the terms into their own structures. Order is unspecified.
  public var terms: [(words: [String], value: Value)] {
    var names = Array(repeating: "", count: vocabulary.count)
    for (word, id) in vocabulary.entries { names[id] = word }
    return phrasesByFirstWord.flatMap { list in list.map { (words: $0.words.map { names[$0] }, value: $0.value) } }
  }

  /// Adds a term (its tokens must appear contiguously to match); a repeated term is replaced.
  public mutating func add(_ term: String, _ value: Value) {
    let text = TokenizedText(term)
    let ids = text.tokens.map { token -> Int in
      let word = text.string(token)
      if let id = vocabulary.value(for: word) { return id }
      let id = vocabulary.count
      vocabulary.set(word, id)
      return id
    }
    guard let first = ids.first else { return }
    if phrasesByFirstWord.count < vocabulary.count {
      phrasesByFirstWord += Array(repeating: [], count: vocabulary.count - phrasesByFirstWord.count)
    }
    var list = phrasesByFirstWord[first]
    list.removeAll { $0.words == ids }
    list.append(Phrase(words: ids, value: value))
    // Longest first, so "not working" wins over "not".
    list.sort { $0.words.count > $1.words.count }
    phrasesByFirstWord[first] = list
  }

  /// Longest non-overlapping matches, left to right.
  @inlinable public func matches(in text: TokenizedText) -> [TermMatch<Value>] {
    matches(in: text, tokenRange: 0..<text.tokens.count)
  }

  /// Longest non-overlapping matches within `tokenRange`, left to right.
  @inlinable public func matches(in text: TokenizedText, tokenRange: Range<Int>) -> [TermMatch<Value>] {
    text.bytes.withUnsafeBufferPointer { bytes in
      var result: [TermMatch<Value>] = []
      var index = tokenRange.lowerBound
      while index < tokenRange.upperBound {
        if let match = longestMatch(
          bytes, text.tokens, hashes: text.termHashes, at: index, limit: tokenRange.upperBound)
        {
          result.append(match)
          index = match.tokenRange.upperBound
        } else {
          index += 1
        }
      }
      return result
    }
  }

  /// The longest term starting at token `index`, if any, with each token's `termHash` given.
  @inlinable public func longestMatch(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], hashes: [Int], at index: Int, limit: Int
  ) -> TermMatch<Value>? {
    let token = tokens[index]
    guard let firstID = vocabulary.value(bytes, token.range, hash: hashes[index]), firstID < phrasesByFirstWord.count
    else { return nil }
    let candidates = phrasesByFirstWord[firstID]
    for candidate in candidates where index + candidate.words.count <= limit {
      var matched = true
      for offset in 1..<candidate.words.count {
        let next = tokens[index + offset]
        if vocabulary.value(bytes, next.range, hash: hashes[index + offset]) != candidate.words[offset] {
          matched = false
          break
        }
      }
      if matched {
        let last = tokens[index + candidate.words.count - 1]
        return TermMatch(
          tokenRange: index..<(index + candidate.words.count), byteRange: token.start..<last.end,
          value: candidate.value)
      }
    }
    return nil
  }
}
