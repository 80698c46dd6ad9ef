import EarshotModel
import EarshotText

/// The wording of a text as the fitted models read it: its distinct words and emoji (ASCII
/// lowercased, `’` read as `'`) and each pair of neighbouring ones within a text ("dm us",
/// "thanks so"). Canned deflections and real answers, or a fed-up customer and a content one,
/// differ in wording the hand-made features miss, so the reply-verdict and customer-mood models
/// weigh terms learned from the labels too (`verdict-terms.tsv`, `customer-mood-terms.tsv`).
///
/// Terms are kept as the hashes `TermTable` lookups use (`TokenizedText.termHashes`), so reading a
/// text's wording allocates one small array, nothing per token. The array is sorted and distinct;
/// a model adds the weights of the terms it knows in its file's order (`TermWeights.sum`), so the
/// result's bits do not depend on a `Set`'s per-process order or on the hash function.
public enum TermBag {
  /// The hash of the pair "`first` `second`" from the two words' term hashes.
  @inlinable public static func pairHash(_ first: Int, _ second: Int) -> Int {
    // Order matters ("us dm" is not "dm us"); the multiplier spreads the first word's bits.
    var mixed = UInt64(bitPattern: Int64(first)) &* 0x9E37_79B9_7F4A_7C15
    mixed = (mixed ^ (mixed >> 31)) ^ UInt64(bitPattern: Int64(second))
    return Int(truncatingIfNeeded: mixed &* 0xBF58_476D_1CE4_E5B9)
  }

  /// The hash of a term as a model file spells it: one word, or two words separated by a space.
  public static func hash(of term: String) -> Int {
    let parts = term.split(separator: " ", omittingEmptySubsequences: false)
    func wordHash(_ word: Substring) -> Int {
      let bytes = Array(word.utf8)
      return bytes.withUnsafeBufferPointer { termHash($0, 0..<bytes.count) }
    }
    if parts.count == 2 { return pairHash(wordHash(parts[0]), wordHash(parts[1])) }
    return wordHash(term[...])
  }

  /// Whether a token is part of a text's wording.
  @inlinable static func counts(_ token: Token) -> Bool { token.kind == .word || token.kind == .emoji }

  /// The distinct term hashes of `texts`, in ascending order.
  static func hashes(_ texts: [TokenizedText]) -> [Int] {
    var terms: [Int] = []
    for text in texts {
      var previous: Int?
      for (token, hash) in zip(text.tokens, text.termHashes) where counts(token) {
        terms.append(hash)
        if let previous { terms.append(pairHash(previous, hash)) }
        previous = hash
      }
    }
    terms.sortDistinct()
    return terms
  }

  /// The same terms spelled out, sorted: what the feature dumps write for the fitting scripts.
  static func strings(_ texts: [TokenizedText]) -> [String] {
    var terms = Set<String>()
    for text in texts {
      var previous: String?
      for token in text.tokens where counts(token) {
        let word = normalized(text, token)
        terms.insert(word)
        if let previous { terms.insert(previous + " " + word) }
        previous = word
      }
    }
    return terms.sorted()
  }

  /// The term hashes of the company turns `replies` (a reply burst).
  static func hashes(_ replies: [Turn], in conversation: AnalyzedConversation) -> [Int] {
    hashes(replies.map { conversation.texts[$0.index] })
  }

  /// The terms of the company turns `replies`, spelled out.
  static func strings(_ replies: [Turn], in conversation: AnalyzedConversation) -> [String] {
    strings(replies.map { conversation.texts[$0.index] })
  }

  /// The token's bytes normalized as `TermTable` hashes them (ASCII lowercased, `’` as `'`).
  static func normalized(_ text: TokenizedText, _ token: Token) -> String {
    text.bytes.withUnsafeBufferPointer { String(decoding: ASCII.normalizedWord($0, token.range), as: UTF8.self) }
  }

  /// `terms` as one CSV field: joined by `|`, leaving out terms that hold a character the field
  /// could not carry (`|`, `,`, `"`, a line break); such terms are never fitted, so never weighed.
  public static func dumpField(_ terms: [String]) -> String {
    terms.filter { term in !term.contains { "|,\"\n\r".contains($0) } }.joined(separator: "|")
  }

  /// Term weights from the entries of a model file (`term<TAB>w1<TAB>w2…`, one number per column),
  /// keyed by the term's hash; `make` turns a line's numbers into the stored weights.
  ///
  /// - Throws: `LexiconError` naming the line of a term with the wrong count of numbers, more than
  ///   two words, or one that repeats an earlier term once lowercased.
  static func weights<Weights>(
    _ entries: [LexiconEntry], columns: [String], file: String, _ make: ([Double]) -> Weights
  ) throws -> TermWeights<Weights> {
    var table = TermWeights<Weights>(capacity: entries.count)
    for entry in entries {
      func fail(_ message: String) -> LexiconError { LexiconError(file: file, line: entry.line, message: message) }
      let numbers = ([entry.value] + entry.extra.map { Double($0) }).compactMap { $0 }.filter(\.isFinite)
      guard numbers.count == columns.count, entry.extra.count == columns.count - 1 else {
        throw fail("expected \(columns.count) numbers after the term: its \(columns.joined(separator: ", ")) weights")
      }
      let words = entry.term.split(separator: " ", omittingEmptySubsequences: false)
      guard (1...2).contains(words.count), !words.contains(where: \.isEmpty) else {
        throw fail("expected a word or two words separated by one space, found '\(entry.term)'")
      }
      if let earlier = table.insert(hash(of: entry.term), term: entry.term, weights: make(numbers)) {
        throw fail("term '\(entry.term)' repeats '\(earlier)' (the same term once lowercased)")
      }
    }
    return table
  }
}

/// Weights of terms keyed by their `TermBag` hash, in an open-addressing table. The keys are
/// hashes already, so a probe masks the key instead of hashing it again (a `Dictionary` would run
/// SipHash on every lookup, and a reply's terms are looked up for every question).
public struct TermWeights<Weights: Sendable>: Sendable {
  private var keys: [Int]
  private var slots: [Int32]
  private var mask: Int
  /// The terms as the model file spells them, by entry.
  private(set) var terms: [String] = []
  /// The weights, by entry.
  private(set) var weights: [Weights] = []

  /// An empty table with room for `capacity` terms at most half full.
  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = Array(repeating: 0, count: size)
    slots = Array(repeating: -1, count: size)
    mask = size - 1
  }

  /// Adds a term; returns the earlier term's spelling instead when its hash is taken.
  mutating func insert(_ hash: Int, term: String, weights entry: Weights) -> String? {
    if (terms.count + 1) * 2 > slots.count { grow() }
    var slot = Self.start(hash) & mask
    while slots[slot] >= 0 {
      if keys[slot] == hash { return terms[Int(slots[slot])] }
      slot = (slot + 1) & mask
    }
    keys[slot] = hash
    slots[slot] = Int32(terms.count)
    terms.append(term)
    weights.append(entry)
    return nil
  }

  /// The entry index of the term with this hash, if the table has it.
  @inline(__always) func index(of hash: Int) -> Int? {
    var slot = Self.start(hash) & mask
    while true {
      let entry = slots[slot]
      if entry < 0 { return nil }
      if keys[slot] == hash { return Int(entry) }
      slot = (slot + 1) & mask
    }
  }

  /// The number of terms.
  var count: Int { terms.count }

  /// The weights of the listed `hashes` that the table has, added to `zero` in the table's entry
  /// order (the model file's order), whatever order the hashes come in: the sum's last bits then
  /// depend on neither the hash function nor the text's word order.
  func sum<Total>(_ hashes: [Int], zero: Total, _ add: (Total, Weights) -> Total) -> Total {
    var entries: [Int] = []
    for hash in hashes { if let entry = index(of: hash) { entries.append(entry) } }
    entries.sort()
    var total = zero
    for entry in entries { total = add(total, weights[entry]) }
    return total
  }

  /// Folds the high bits in: FNV-based hashes vary most in their high bits.
  @inline(__always) static func start(_ hash: Int) -> Int { hash ^ (hash >> 29) ^ (hash >> 47) }

  private mutating func grow() {
    let old = (keys, slots)
    keys = Array(repeating: 0, count: old.0.count * 2)
    slots = Array(repeating: -1, count: old.1.count * 2)
    mask = slots.count - 1
    for position in old.1.indices where old.1[position] >= 0 {
      var slot = Self.start(old.0[position]) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      keys[slot] = old.0[position]
      slots[slot] = old.1[position]
    }
  }
}

extension AnalyzedConversation {
  /// The wording terms (`TermBag`, spelled out and sorted) of the turn at `position`, for dumping
  /// the features the customer-mood model is fitted on.
  public func wordingTerms(ofTurnAt position: Int) -> [String] {
    TermBag.strings([texts[turns[position].index]])
  }
}

extension Array where Element == Int {
  /// Sorts in place and drops repeats, without the hashing a `Set` would do per element.
  mutating func sortDistinct() {
    sort()
    var unique = 0
    for index in indices where unique == 0 || self[unique - 1] != self[index] {
      self[unique] = self[index]
      unique += 1
    }
    removeLast(count - unique)
  }
}
