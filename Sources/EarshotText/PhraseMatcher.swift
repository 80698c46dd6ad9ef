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
  /// One bit, of 4,096, per phrase's first word, chosen by bits of the word's term hash that the
  /// table's slot does not use: a token whose bit is clear starts no phrase, and is passed over
  /// with one load from 512 bytes that stay in cache instead of a probe into the vocabulary. About
  /// 40 matchers look at every token of every turn; most tokens start no phrase of most of them.
  @usableFromInline var firstWordBits = [UInt64](repeating: 0, count: 64)

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
    let (word, bit) = Self.filterBit(vocabulary.keyHashes[first])
    firstWordBits[word] |= bit
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

  /// The word of `firstWordBits` and the bit in it for a term hash.
  @inlinable @inline(__always) static func filterBit(_ hash: Int) -> (word: Int, bit: UInt64) {
    let bits = Int(truncatingIfNeeded: UInt64(bitPattern: Int64(hash)) >> 40) & 4095
    return (bits >> 6, 1 << UInt64(bits & 63))
  }

  /// The longest term starting at token `index`, if any, with each token's `termHash` given.
  @inlinable public func longestMatch(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], hashes: [Int], at index: Int, limit: Int
  ) -> TermMatch<Value>? {
    let (word, bit) = Self.filterBit(hashes[index])
    guard firstWordBits[word] & bit != 0 else { return nil }
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
