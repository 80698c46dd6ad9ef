/// Splits UTF-8 bytes into tokens without creating a `String` per token.
///
/// Recognizes words (with contractions and inner hyphens), numbers, URLs, e-mail addresses,
/// @mentions, #hashtags, ASCII emoticons, emoji sequences and punctuation runs, and flags
/// ALL-CAPS words. Non-ASCII letters count as letters, so accented and non-Latin words stay whole.
public enum Tokenizer {
  /// Tokenizes `text`.
  public static func tokenize(_ text: String) -> [Token] {
    tokenize(Array(text.utf8))
  }

  /// Tokenizes UTF-8 `bytes`.
  public static func tokenize(_ bytes: [UInt8]) -> [Token] {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = Scanner(bytes: buffer, sink: TokenArray(capacity: buffer.count / 3 + 4))
      scanner.run()
      return scanner.sink.tokens
    }
  }

  /// Tokenizes UTF-8 `bytes` and gives each token's `termHash` too, computed while the token's
  /// bytes are at hand (a plain word's hash is one load, one OR and one multiply), and the
  /// sentences `SentenceSplitter.split` would find, decided as each token is found.
  static func tokenizeHashAndSplit(_ bytes: [UInt8]) -> (tokens: [Token], hashes: [Int], sentences: [Sentence]) {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = Scanner(bytes: buffer, sink: HashedTokenArrays(capacity: buffer.count / 3 + 4))
      scanner.run()
      return (scanner.sink.tokens, scanner.sink.hashes, scanner.sink.sentences)
    }
  }

  /// Tokenizes UTF-8 `bytes` into scratch memory that lives for the call and runs `body` over the
  /// tokens, their `termHash`es and where each sentence ends: no arrays for a text of up to
  /// 64 KiB, for a caller that needs the tokens only once (`SentimentAnalyzer.score(utf8:)`). The
  /// tokens are those `tokenize` gives; sentence `n` is the tokens from `sentenceEnds[n - 1]` (0
  /// for the first) up to `sentenceEnds[n]`, as `SentenceSplitter.split` groups them.
  ///
  /// Not generic, so that a caller in another module does not pay for generic metadata per call:
  /// `body` keeps its result itself.
  public static func withTokens(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ body: (
      _ tokens: UnsafeBufferPointer<Token>, _ hashes: UnsafeBufferPointer<Int>,
      _ sentenceEnds: UnsafeBufferPointer<Int32>
    ) -> Void
  ) {
    // The standard library puts a temporary allocation of up to 1 KiB on the stack, and a text of
    // up to about 100 bytes (most sentences and chat lines) rarely has more than 28 tokens: try
    // that first.
    let stackTokens = 1024 / scratchBytesPerToken
    if bytes.count <= stackTokens * 4 {
      let scanned = withUnsafeTemporaryAllocation(
        byteCount: stackTokens * scratchBytesPerToken, alignment: MemoryLayout<Token>.alignment
      ) { scratch in
        scan(bytes, into: scratch.baseAddress.unsafelyUnwrapped, capacity: min(stackTokens, max(1, bytes.count)), body)
      }
      if scanned { return }
    }
    // Every token advances the scan by at least one byte, so a text has at most one token a byte:
    // scratch for that many is safe, and for a text of up to 64 KiB (a long e-mail) small enough.
    // The thread's scratch block is reused from call to call, so this does not allocate either.
    if bytes.count <= 1 << 16 {
      let capacity = max(1, bytes.count)
      ThreadScratch.withBytes(capacity * scratchBytesPerToken) { scratch in
        _ = scan(bytes, into: scratch, capacity: capacity, body)
      }
      return
    }
    // A longer text: arrays that grow with the tokens found, as `TokenizedText` uses, rather than
    // 36 bytes of scratch per byte of text.
    var scanner = Scanner(bytes: bytes, sink: HashedTokenArrays(capacity: bytes.count / 3 + 4))
    scanner.run()
    // A token count always fits: the text would need more than 48 GiB of tokens otherwise.
    let ends = scanner.sink.sentences.map { Int32($0.tokenRange.upperBound) }
    scanner.sink.tokens.withUnsafeBufferPointer { tokens in
      scanner.sink.hashes.withUnsafeBufferPointer { hashes in
        ends.withUnsafeBufferPointer { ends in body(tokens, hashes, ends) }
      }
    }
  }

  /// Scratch bytes per token for `withTokens`: the token, its hash and room for a sentence end.
  static var scratchBytesPerToken: Int {
    MemoryLayout<Token>.stride + MemoryLayout<Int>.stride + MemoryLayout<Int32>.stride
  }

  /// Tokenizes into `scratch` (`capacity * scratchBytesPerToken` bytes, aligned for a token) and
  /// runs `body` when the tokens fit; false when they did not (and `body` did not run).
  private static func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, into scratch: UnsafeMutableRawPointer, capacity: Int,
    _ body: (
      _ tokens: UnsafeBufferPointer<Token>, _ hashes: UnsafeBufferPointer<Int>,
      _ sentenceEnds: UnsafeBufferPointer<Int32>
    ) -> Void
  ) -> Bool {
    let tokenBytes = capacity * MemoryLayout<Token>.stride
    let hashBytes = capacity * MemoryLayout<Int>.stride
    let tokens = scratch.bindMemory(to: Token.self, capacity: capacity)
    let hashes = (scratch + tokenBytes).bindMemory(to: Int.self, capacity: capacity)
    let ends = (scratch + tokenBytes + hashBytes).bindMemory(to: Int32.self, capacity: capacity)
    var scanner = Scanner(
      bytes: bytes, sink: TokenBuffer(tokens: tokens, hashes: hashes, sentenceEnds: ends, capacity: capacity))
    scanner.run()
    let count = scanner.sink.count
    guard count <= capacity else { return false }
    body(
      UnsafeBufferPointer(start: tokens, count: count), UnsafeBufferPointer(start: hashes, count: count),
      UnsafeBufferPointer(start: ends, count: scanner.sink.sentenceCount))
    return true
  }
}

/// Where the scanner puts tokens (and their hashes and sentences, when the sink wants them):
/// specialized per sink, so the scanning loop has no dynamic dispatch.
private protocol TokenSink {
  /// Whether the scanner should compute each token's `termHash`.
  static var wantsHashes: Bool { get }
  /// Whether the scanner should find where sentences end (`endSentence`).
  static var wantsSentences: Bool { get }
  mutating func add(_ token: Token, hash: Int)
  /// A sentence ends with the last token added.
  mutating func endSentence()
}

/// Tokens only, in an array.
private struct TokenArray: TokenSink {
  var tokens: [Token] = []
  init(capacity: Int) { tokens.reserveCapacity(capacity) }
  static var wantsHashes: Bool { false }
  static var wantsSentences: Bool { false }
  @inline(__always) mutating func add(_ token: Token, hash: Int) { tokens.append(token) }
  mutating func endSentence() {}
}

/// Tokens, their hashes and the sentences, in three arrays (`TokenizedText`).
private struct HashedTokenArrays: TokenSink {
  var tokens: [Token] = []
  var hashes: [Int] = []
  var sentences: [Sentence] = []
  /// The index of the current sentence's first token.
  var first = 0
  init(capacity: Int) {
    tokens.reserveCapacity(capacity)
    hashes.reserveCapacity(capacity)
    // About one sentence in six tokens or more, as `SentenceSplitter.split` reserves.
    sentences.reserveCapacity(capacity / 6 + 2)
  }
  static var wantsHashes: Bool { true }
  static var wantsSentences: Bool { true }
  @inline(__always) mutating func add(_ token: Token, hash: Int) {
    tokens.append(token)
    hashes.append(hash)
  }
  mutating func endSentence() {
    let end = tokens.count
    sentences.append(Sentence(tokenRange: first..<end, byteRange: tokens[first].start..<tokens[end - 1].end))
    first = end
  }
}

/// Tokens, their hashes and sentence ends in caller-owned memory for `capacity` tokens (and as
/// many sentence ends: a sentence has at least one token); `count` goes on counting past it, so
/// the caller can tell that the text did not fit.
private struct TokenBuffer: TokenSink {
  let tokens: UnsafeMutablePointer<Token>
  let hashes: UnsafeMutablePointer<Int>
  let sentenceEnds: UnsafeMutablePointer<Int32>
  let capacity: Int
  var count = 0
  var sentenceCount = 0
  static var wantsHashes: Bool { true }
  static var wantsSentences: Bool { true }
  @inline(__always) mutating func add(_ token: Token, hash: Int) {
    if count < capacity {
      (tokens + count).initialize(to: token)
      (hashes + count).initialize(to: hash)
    }
    count &+= 1
  }
  mutating func endSentence() {
    // Scratch is at most 64 KiB of text, so a token index fits in 32 bits.
    if sentenceCount < capacity { (sentenceEnds + sentenceCount).initialize(to: Int32(truncatingIfNeeded: count)) }
    sentenceCount &+= 1
  }
}

/// The tokenizer's state over one buffer.
private struct Scanner<Sink: TokenSink> {
  /// The bytes and the scans that only read them, apart from the mutable state: a call to one of
  /// them passes two words, not a copy of this struct.
  let text: ScanBytes
  var position = 0
  var sink: Sink

  // Sentence boundaries, decided as each token is found (`SentenceSplitter.forEachSentence`'s
  // rules, one token late): whether a sentence ends after a token depends on the next one.
  /// The last token added; a start of -1 before the first.
  var last = Token(kind: .punctuation, start: -1, end: -1)
  var hasLast: Bool { last.start >= 0 }
  /// Whether a sentence ends after `last` unless the next token is closing punctuation right
  /// after it: `last` is an end mark, or closing punctuation after one.
  var wantsEnd = false
  /// Line feeds skipped since `last`.
  var newlines = 0

  init(bytes: UnsafeBufferPointer<UInt8>, sink: Sink) {
    self.text = ScanBytes(bytes: bytes)
    self.sink = sink
  }

  var bytes: UnsafeBufferPointer<UInt8> { text.bytes }
  var count: Int { text.bytes.count }

  mutating func run() {
    while position < count {
      let lead = bytes[position]
      if lead < 0x80 {
        if ASCII.isSpace(lead) {
          if Sink.wantsSentences { newlines &+= lead == 0x0A ? 1 : 0 }
          position += 1
          continue
        }
        if let (end, isContraction) = text.plainWordEnd(at: position, lead) {
          add(
            Token(kind: .word, start: position, end: end, isContraction: isContraction),
            hash: Sink.wantsHashes ? text.plainWordHash(position, end) : 0)
          // Most words are followed by one space: step over it here rather than in another round.
          position = end < count && bytes[end] == 0x20 ? end &+ 1 : end
          continue
        }
        switch lead {
        case 0x2C, 0x2E, 0x21, 0x3F, 0x28, 0x29, 0x22, 0x27:
          // , . ! ? ( ) " ' start no emoticon, word, link, handle or hashtag: straight to punctuation.
          scanPunctuation(lead)
        default:
          scanASCII(lead)
        }
      } else {
        scanNonASCII()
      }
    }
    if Sink.wantsSentences, hasLast { sink.endSentence() }
  }

  /// Adds a token, first ending the sentence before it if `last` ends one.
  @inline(__always)
  mutating func add(_ token: Token, hash: Int) {
    if Sink.wantsSentences {
      // Most tokens are words after a word, one space apart: nothing ends, nothing to decide.
      if wantsEnd || newlines != 0 || token.kind == .punctuation { decideSentenceEnd(before: token) }
      last = token
    }
    sink.add(token, hash: hash)
  }

  /// Whether a sentence ends between `last` and `next`, and whether one may end after `next`,
  /// as `SentenceSplitter.forEachSentence` decides it.
  @inline(never)
  mutating func decideSentenceEnd(before next: Token) {
    var closing = false
    if hasLast {
      var ends = false
      if wantsEnd {
        // The closing quote or bracket after an end mark ends the sentence, unless another follows.
        closing = SentenceSplitter.continuesClosingPunctuation(next, after: last, bytes: bytes)
        ends = !closing
      }
      if !ends, newlines > 0 {
        let lead = bytes[next.start]
        ends = newlines >= 2 || ASCII.isUpper(lead) || ASCII.isDigit(lead) || next.kind != .word
      }
      if ends { sink.endSentence() }
    }
    wantsEnd =
      closing
      || (next.kind == .punctuation
        && SentenceSplitter.endsSentence(next, previous: hasLast ? last : nil, bytes: bytes))
    newlines = 0
  }

  // MARK: - ASCII

  mutating func scanASCII(_ lead: UInt8) {
    let atBoundary = position == 0 || text.isBoundary(before: position)
    if atBoundary, Emoticons.mayStart(bytes, at: position), let length = Emoticons.match(bytes, at: position) {
      emit(.emoticon, position, position + length)
      return
    }
    if ASCII.isLetter(lead) || ASCII.isDigit(lead) || lead == 0x5F {
      if let end = text.urlEnd(from: position) {
        emit(.url, position, end)
        return
      }
      let word = text.wordToken(at: position)
      // An address's local part is a word followed by `@` or by `. - + %` and more of it; only
      // then is the address worth scanning for.
      if word.end < count, ScanBytes.mayContinueAddress(bytes[word.end]), let end = text.emailEnd(from: position) {
        emit(.email, position, end)
      } else {
        emit(word)
      }
      return
    }
    if lead == 0x40 /* @ */ && ASCII.isWordByte(text.byte(at: position + 1)) {
      emit(.mention, position, text.handleEnd(from: position + 1))
      return
    }
    if lead == 0x23 /* # */ && ASCII.isLetter(text.byte(at: position + 1)) {
      emit(.hashtag, position, text.handleEnd(from: position + 1))
      return
    }
    scanPunctuation(lead)
  }

  mutating func scanPunctuation(_ lead: UInt8) {
    var end = position + 1
    switch lead {
    case 0x21, 0x3F:  // ! ?
      while end < count, bytes[end] == 0x21 || bytes[end] == 0x3F { end += 1 }
    case 0x2E, 0x2D, 0x2A, 0x3D:  // . - * =
      while end < count, bytes[end] == lead { end += 1 }
    default:
      break
    }
    emit(.punctuation, position, end)
  }

  // MARK: - Words and numbers

  /// Scans letters and digits with inner apostrophes, hyphens and number separators.
  mutating func scanWord() {
    emit(text.wordToken(at: position))
  }

  // MARK: - URLs and e-mail

  // MARK: - Non-ASCII

  mutating func scanNonASCII() {
    let scalar = text.decodeScalar(at: position)
    if Emoji.isEmojiStart(scalar.value) {
      emit(.emoji, position, Emoji.sequenceEnd(bytes, from: position))
    } else if text.isSpaceScalar(scalar.value) {
      position += scalar.length
    } else if text.isPunctuationScalar(scalar.value) {
      var end = position + scalar.length
      if scalar.value == 0x2026 {  // … runs like ...
        while end + 2 < count + 0, text.decodeScalar(at: end).value == 0x2026 { end += 3 }
      }
      emit(.punctuation, position, end)
    } else {
      scanWord()
    }
  }

  // MARK: - Emitting

  mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
    emit(Token(kind: kind, start: start, end: end))
  }

  mutating func emit(_ token: Token) {
    // `termHash`, inlined.
    add(token, hash: Sink.wantsHashes ? Int(truncatingIfNeeded: TermHash.hash(bytes, token.range)) : 0)
    position = max(token.end, position + 1)
  }
}

/// A buffer's bytes and the scans over them that change nothing: the tokenizer's word, link,
/// address and scalar rules.
private struct ScanBytes {
  let bytes: UnsafeBufferPointer<UInt8>

  var count: Int { bytes.count }

  func byte(at index: Int) -> UInt8 { index < count ? bytes[index] : 0 }

  /// `termHash` of a word of ASCII letters and apostrophes (`plainWordEnd`): setting bit 5 of each
  /// byte lowercases a letter and leaves `'` (0x27) as it is, and no byte needs `’` normalization.
  @inline(__always)
  func plainWordHash(_ start: Int, _ end: Int) -> Int {
    let length = end &- start
    guard length > 8 else { return Int(truncatingIfNeeded: TermHash.mix(lowercaseLetters(start, end), length)) }
    return longPlainWordHash(start, end)
  }

  /// `plainWordHash` of a word longer than eight letters (one in ten), out of line so that the
  /// scanning loop stays small.
  @inline(never)
  func longPlainWordHash(_ start: Int, _ end: Int) -> Int {
    let length = end &- start
    // As `TermHash.hash` mixes a long term: eight bytes at a time, the last ones zero-padded.
    var hash = TermHash.mix(lowercaseLetters(start, start &+ 8), length)
    var offset = start &+ 8
    while offset < end {
      hash = TermHash.mix(hash ^ lowercaseLetters(offset, min(offset &+ 8, end)), length)
      offset &+= 8
    }
    return Int(truncatingIfNeeded: hash)
  }

  /// Up to eight ASCII letters from `start` as one integer, lowercased, zero-padded.
  @inline(__always)
  func lowercaseLetters(_ start: Int, _ end: Int) -> UInt64 {
    let length = end &- start
    return TermHash.load(bytes, start..<end)
      | (0x2020_2020_2020_2020 & (UInt64.max >> (64 &- 8 &* UInt64(truncatingIfNeeded: length))))
  }

  /// The end of the word at `position` (first byte `lead`) when it is the commonest kind: ASCII
  /// letters, lowercase after the first (which may be a capital: "The", "I"), ended by a space, a
  /// line break, the text's end or `, . ! ? ; : ) "`. Such a word is never an emoticon (those
  /// start with a letter only before "D" or "_"), contraction, number or ALL-CAPS word (one capital
  /// is not), so it skips those checks; it is a link only when it is "http", "https" or "www"
  /// before ":" or ".", in any case, and an address only when the scan for one from a word before
  /// "." finds it. Those and anything else go the general way.
  @inline(__always)
  func plainWordEnd(at position: Int, _ lead: UInt8) -> (end: Int, isContraction: Bool)? {
    guard (lead | 0x20) &- 0x61 < 26 else { return nil }
    var (end, next) = lowercaseRun(from: position &+ 1)
    var isContraction = false
    while true {
      switch next {
      case -1, 0x20, 0x0A, 0x0D, 0x09, 0x2C, 0x21, 0x3F, 0x3B, 0x29, 0x22:  // -1: the text's end
        return (end, isContraction)
      case 0x3A:  // ":" after "http" or "https"
        return lead | 0x20 == 0x68 ? nil : (end, isContraction)
      case 0x2E:  // "." after "www", or inside an address
        if lead | 0x20 == 0x77 { return nil }
        // An address goes on after the full stop with a byte of its local part or "@"; most
        // words before "." end a sentence, with a space or the text's end after it.
        let after = end &+ 1
        guard after < count, Self.isAddressLocalByte(bytes[after]) || bytes[after] == 0x40 else {
          return (end, isContraction)
        }
        return emailEnd(from: position) != nil ? nil : (end, isContraction)
      case 0x27 where !isContraction && end &+ 1 < count && bytes[end &+ 1] &- 0x61 < 26:
        // One apostrophe between letters, lowercase after it ("don't", "it's", "I'm"): a
        // contraction, as `wordToken` reads it; a second apostrophe goes the general way.
        isContraction = true
        (end, next) = lowercaseRun(from: end &+ 2)
      default:
        return nil
      }
    }
  }

  /// The end of the run of lowercase ASCII letters from `start` and the byte there (-1 at the
  /// text's end), eight bytes at a time: a loop that stops after a word's last letter mispredicts
  /// that stop at almost every word, while one test of eight bytes does not (most words are
  /// shorter). The byte after the run comes from the same eight bytes, not from another load.
  @inline(__always)
  func lowercaseRun(from start: Int) -> (end: Int, next: Int) {
    var end = start
    if let base = bytes.baseAddress {
      while end &+ 8 <= count {
        let chunk = UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
        let others = Self.nonLowercaseBytes(chunk)
        if others != 0 {
          // The first marked high bit is bit 8k + 7 of byte k.
          let bit = others.trailingZeroBitCount
          return (end &+ bit &>> 3, Int(truncatingIfNeeded: (chunk >> UInt64(bit &- 7)) & 0xFF))
        }
        end &+= 8
      }
    }
    while end < count, bytes[end] &- 0x61 < 26 { end &+= 1 }
    return (end, end < count ? Int(bytes[end]) : -1)
  }

  /// The high bit of each byte of `chunk` that is not a lowercase ASCII letter: with the high bit
  /// set first, subtracting "a" (and "{") leaves it set exactly where the byte is at least "a"
  /// (at least "{"), with no borrow between bytes.
  @inline(__always)
  static func nonLowercaseBytes(_ chunk: UInt64) -> UInt64 {
    let high: UInt64 = 0x8080_8080_8080_8080
    let atLeastA = ((chunk | high) &- 0x6161_6161_6161_6161) & high
    let aboveZ = ((chunk | high) &- 0x7B7B_7B7B_7B7B_7B7B) & high
    let lowercase = atLeastA & ~aboveZ & ~chunk
    return ~lowercase & high
  }

  func isBoundary(before index: Int) -> Bool {
    let previous = bytes[index - 1]
    return ASCII.isSpace(previous) || previous == 0x28 /* ( */ || previous == 0x22 /* " */
  }

  func handleEnd(from start: Int) -> Int {
    var end = start
    while end < count, ASCII.isWordByte(bytes[end]) || bytes[end] >= 0x80 && !isSeparatorScalar(at: end) {
      end += 1
    }
    return end
  }

  /// The word or number starting at `start` (letters and digits with inner apostrophes,
  /// hyphens and number separators), not yet emitted.
  func wordToken(at start: Int) -> Token {
    var end = start
    var upper = 0
    var hasLower = false
    var hasLetter = false
    var contraction = false
    while end < count {
      let current = bytes[end]
      if current &- 0x61 < 26 {  // the common case first: a lowercase letter
        hasLetter = true
        hasLower = true
        end &+= 1
      } else if current &- 0x41 < 26 {
        hasLetter = true
        upper &+= 1
        end &+= 1
      } else if ASCII.isDigit(current) || current == 0x5F {
        end += 1
      } else if current >= 0x80 {
        if let length = apostropheLength(at: end), end > start, isLetterAt(end + length) {
          contraction = true
          end += length
        } else if isLetterScalar(at: end) {
          hasLetter = true
          end += scalarLength(bytes[end])
        } else {
          break
        }
      } else if current == 0x27, end > start, ASCII.isLetter(byte(at: end + 1)), ASCII.isLetter(bytes[end - 1]) {
        contraction = true
        end += 1
      } else if current == 0x2D, end > start, ASCII.isLetter(bytes[end - 1]) || bytes[end - 1] >= 0x80,
        ASCII.isWordByte(byte(at: end + 1)) || byte(at: end + 1) >= 0xC3
      {
        end += 1
      } else if current == 0x2E || current == 0x2C || current == 0x3A || current == 0x2F, end > start,
        ASCII.isDigit(bytes[end - 1]), ASCII.isDigit(byte(at: end + 1))
      {
        end += 1
      } else {
        break
      }
    }
    return Token(
      kind: hasLetter ? .word : .number, start: start, end: end, isAllCaps: upper >= 2 && !hasLower,
      isContraction: contraction)
  }

  func isLetterAt(_ index: Int) -> Bool {
    guard index < count else { return false }
    let current = bytes[index]
    return current < 0x80 ? ASCII.isLetter(current) : isLetterScalar(at: index)
  }

  /// Length of a typographic apostrophe (U+2019) at `index`, if there is one.
  func apostropheLength(at index: Int) -> Int? {
    bytes[index] == 0xE2 && byte(at: index + 1) == 0x80 && byte(at: index + 2) == 0x99 ? 3 : nil
  }

  func hasPrefix(_ prefix: StaticString, at index: Int) -> Bool {
    prefix.withUTF8Buffer { expected in
      guard index + expected.count <= count else { return false }
      for offset in 0..<expected.count where ASCII.lowercase(bytes[index + offset]) != expected[offset] {
        return false
      }
      return true
    }
  }

  func urlEnd(from start: Int) -> Int? {
    // Most words start with neither h nor w: one comparison before spelling out the prefixes.
    let lead = ASCII.lowercase(bytes[start])
    guard lead == 0x68 || lead == 0x77,
      hasPrefix("http://", at: start) || hasPrefix("https://", at: start) || hasPrefix("www.", at: start)
    else { return nil }
    var end = start
    while end < count, !ASCII.isSpace(bytes[end]), bytes[end] != 0x3C /* < */, bytes[end] != 0x3E /* > */ {
      end += 1
    }
    // A sentence often ends right after a link: leave trailing punctuation to the sentence.
    while end > start + 4, Self.isTrailingURLPunctuation(bytes[end - 1]) { end -= 1 }
    return end
  }

  func emailEnd(from start: Int) -> Int? {
    var at = start
    while at < count, Self.isAddressLocalByte(bytes[at]) { at += 1 }
    guard at > start, at < count, bytes[at] == 0x40 else { return nil }
    var end = at + 1
    while end < count, ASCII.isWordByte(bytes[end]) || bytes[end] == 0x2D || bytes[end] == 0x2E { end += 1 }
    // A sentence's full stop after the address is not part of the domain.
    while end > at + 1, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
    var lastDot = end - 1
    while lastDot > at, bytes[lastDot] != 0x2E { lastDot -= 1 }
    guard lastDot > at + 1, lastDot < end - 1 else { return nil }
    return end
  }

  static func mayContinueAddress(_ byte: UInt8) -> Bool {
    byte == 0x40 || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x25
  }

  static func isTrailingURLPunctuation(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x22, 0x27: true
    default: false
    }
  }

  /// Letters, digits and `_ . - + %`, the bytes of an address's local part.
  static func isAddressLocalByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2E, 0x2D, 0x2B, 0x25: true
    default: false
    }
  }

  func scalarLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xF0...0xFF: 4
    case 0xE0...0xEF: 3
    case 0xC0...0xDF: 2
    default: 1
    }
  }

  /// Decodes the scalar at `index`; malformed sequences decode as one byte of U+FFFD.
  func decodeScalar(at index: Int) -> (value: UInt32, length: Int) {
    let lead = bytes[index]
    let length = scalarLength(lead)
    guard length > 1, index + length <= count else { return (0xFFFD, 1) }
    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for offset in 1..<length {
      let continuation = bytes[index + offset]
      guard continuation & 0xC0 == 0x80 else { return (0xFFFD, 1) }
      value = value << 6 | UInt32(continuation & 0x3F)
    }
    return (value, length)
  }

  func isLetterScalar(at index: Int) -> Bool {
    let scalar = decodeScalar(at: index).value
    return scalar != 0xFFFD && !Emoji.isEmojiStart(scalar) && !isSpaceScalar(scalar) && !isPunctuationScalar(scalar)
      && !Emoji.isModifier(scalar)
  }

  func isSeparatorScalar(at index: Int) -> Bool {
    let scalar = decodeScalar(at: index).value
    return isSpaceScalar(scalar) || isPunctuationScalar(scalar) || Emoji.isEmojiStart(scalar)
  }

  func isSpaceScalar(_ scalar: UInt32) -> Bool {
    scalar == 0xA0 || (0x2000...0x200B).contains(scalar) || scalar == 0x202F || scalar == 0x205F
      || scalar == 0x3000 || scalar == 0xFEFF || scalar == 0x2028 || scalar == 0x2029
  }

  func isPunctuationScalar(_ scalar: UInt32) -> Bool {
    (0xA1...0xBF).contains(scalar) || scalar == 0xD7 || scalar == 0xF7 || (0x2010...0x2027).contains(scalar)
      || (0x2030...0x205E).contains(scalar) || (0x20A0...0x20CF).contains(scalar) || (0x3000...0x303F).contains(scalar)
      || (0xFF01...0xFF0F).contains(scalar) || scalar == 0xFFFD
  }
}
