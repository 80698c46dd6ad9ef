import EarshotText

/// Rule-based valence scoring in the spirit of VADER: lexicon valences adjusted for negation,
/// boosters and dampeners, capitals, contrastive "but", exclamation and question marks, emoticons
/// and emoji, normalized per sentence.
///
/// A text's score aggregates its sentences' scores (see `aggregate(_:)`), so long turns do not
/// saturate the way one sum over a whole text does. Scoring works on the token byte ranges of a
/// `TokenizedText` and allocates nothing per token.
public struct SentimentAnalyzer: Sendable {
  /// The word lists and their compiled form, shared by reference: every scoring call captures
  /// the analyzer, and copying a struct of arrays would retain each of them per call.
  ///
  /// `view` reads the compiled arrays through raw pointers to copies this object owns: they are
  /// written once here and never changed, and freed with it (hence `@unchecked Sendable`).
  final class Tables: @unchecked Sendable {
    let lexicon: SentimentLexicon
    let compiled: CompiledLexicon
    let view: LexiconView
    private let owned: [UnsafeMutableRawPointer]

    init(_ lexicon: SentimentLexicon) {
      self.lexicon = lexicon
      let compiled = CompiledLexicon(lexicon)
      self.compiled = compiled
      var owned: [UnsafeMutableRawPointer] = []
      func copy<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
        let base = UnsafeMutablePointer<Element>.allocate(capacity: max(1, array.count))
        base.initialize(from: array, count: array.count)
        owned.append(UnsafeMutableRawPointer(base))
        return UnsafeBufferPointer(start: base, count: array.count)
      }
      let vocabulary = compiled.vocabulary
      let table = WordTable.View(
        slots: copy(vocabulary.slots), filter: copy(vocabulary.filter), mask: vocabulary.mask,
        ids: copy(vocabulary.ids),
        keyBytes: copy(vocabulary.keyBytes), keyStarts: copy(vocabulary.keyStarts))
      view = LexiconView(
        table: table, boosters: copy(compiled.boosters), words: copy(compiled.words), phrases: copy(compiled.phrases),
        boosterPhrases: copy(compiled.boosterPhrases), pairFilter: copy(compiled.pairFilter), rule: compiled.rule)
      self.owned = owned
    }

    deinit {
      // Every element type copied is trivial: the memory is freed without deinitializing it.
      for pointer in owned { pointer.deallocate() }
    }
  }

  /// The word lists.
  public var lexicon: SentimentLexicon { tables.lexicon }
  /// The rule constants.
  public var rules: SentimentRules
  let tables: Tables

  /// Creates an analyzer over `lexicon`.
  public init(lexicon: SentimentLexicon, rules: SentimentRules = SentimentRules()) {
    self.rules = rules
    self.tables = Tables(lexicon)
  }

  /// Creates an analyzer over the default lexicons.
  public static func loadDefault() throws -> SentimentAnalyzer {
    SentimentAnalyzer(lexicon: try SentimentLexicon.loadDefault())
  }

  /// Creates an analyzer over the default lexicons with user `additions`, leaving out the optional
  /// layers named in `without`.
  public static func loadDefault(
    additions: [String: Double], without: Set<String> = []
  ) throws -> SentimentAnalyzer {
    SentimentAnalyzer(lexicon: try SentimentLexicon.loadDefault(additions: additions, without: without))
  }

  // MARK: - Public scoring

  /// The score of a whole text: its sentence scores aggregated by `aggregate(_:)`.
  public func score(_ text: TokenizedText) -> SentimentScore {
    withTokenIDs(text) { bytes, tokens, hashes, ids in
      var accumulator = SentimentAggregator(alpha: rules.normalizationAlpha)
      var unused: [SentimentCue] = []
      for sentence in text.sentences {
        accumulator.add(scoreSentence(bytes, tokens, hashes, ids, sentence.tokenRange, cues: &unused, collect: false))
      }
      return accumulator.result
    }
  }

  /// The score of UTF-8 text tokenized on the fly: the same tokens, sentences and score as
  /// `score(TokenizedText(bytes: bytes))`, but the tokens and sentence ends live in scratch memory
  /// for the call, so no `TokenizedText` arrays are built and freed. For scoring a text once; a
  /// pipeline that shares one tokenization among several stages scores its `TokenizedText`.
  public func score(utf8 bytes: UnsafeBufferPointer<UInt8>) -> SentimentScore {
    var accumulator = SentimentAggregator(alpha: rules.normalizationAlpha)
    Tokenizer.withTokens(bytes) { tokens, hashes, sentenceEnds in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, 2 * tokens.count)) { ids in
        var unused: [SentimentCue] = []
        var first = 0
        for end in sentenceEnds {
          let end = Int(end)
          accumulator.add(scoreSentence(bytes, tokens, hashes, ids, first..<end, cues: &unused, collect: false))
          first = end
        }
      }
    }
    return accumulator.result
  }

  /// The score of UTF-8 text tokenized on the fly (`score(utf8:)` on a buffer).
  public func score(utf8 bytes: [UInt8]) -> SentimentScore {
    bytes.withUnsafeBufferPointer { score(utf8: $0) }
  }

  /// One score per sentence of `text`.
  public func scoreSentences(_ text: TokenizedText) -> [SentimentScore] {
    withTokenIDs(text) { bytes, tokens, hashes, ids in
      var unused: [SentimentCue] = []
      return text.sentences.map {
        scoreSentence(bytes, tokens, hashes, ids, $0.tokenRange, cues: &unused, collect: false)
      }
    }
  }

  /// The score of the tokens in `tokenRange` of `text`, taken as one sentence.
  public func score(_ text: TokenizedText, tokenRange: Range<Int>) -> SentimentScore {
    withTokenIDs(text) { bytes, tokens, hashes, ids in
      var unused: [SentimentCue] = []
      return scoreSentence(bytes, tokens, hashes, ids, tokenRange, cues: &unused, collect: false)
    }
  }

  /// The lexicon terms behind the score, with their adjusted valences.
  public func cues(_ text: TokenizedText) -> [SentimentCue] {
    withTokenIDs(text) { bytes, tokens, hashes, ids in
      var cues: [SentimentCue] = []
      for sentence in text.sentences {
        _ = scoreSentence(bytes, tokens, hashes, ids, sentence.tokenRange, cues: &cues, collect: true)
      }
      return cues
    }
  }

  /// Runs `body` over the text's bytes, tokens, token hashes and scratch memory for the lexicon id of each token,
  /// which lives for the call. `scoreSentence` writes the ids of a sentence's tokens in its first
  /// pass (one pass over the tokens less than looking them up beforehand) and reads only those.
  @inline(__always)
  func withTokenIDs<Result>(
    _ text: TokenizedText,
    _ body: (
      UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Token>, UnsafeBufferPointer<Int>,
      UnsafeMutableBufferPointer<Int32>
    ) -> Result
  ) -> Result {
    text.bytes.withUnsafeBufferPointer { bytes in
      text.tokens.withUnsafeBufferPointer { tokens in
        text.termHashes.withUnsafeBufferPointer { hashes in
          withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, 2 * tokens.count)) { ids in
            body(bytes, tokens, hashes, ids)
          }
        }
      }
    }
  }

  /// Combines sentence scores into one: the mean valence of the sentences that carry sentiment,
  /// strengthened by agreement across up to three of them, so a neutral greeting does not dilute a
  /// complaint and fifty complaints do not make an angrier score than three.
  public static func aggregate(_ scores: [SentimentScore]) -> SentimentScore {
    var accumulator = SentimentAggregator()
    for score in scores { accumulator.add(score) }
    return accumulator.result
  }

  // MARK: - One sentence

  func scoreSentence(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ hashes: UnsafeBufferPointer<Int>,
    _ idBuffer: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>, cues: inout [SentimentCue], collect: Bool
  ) -> SentimentScore {
    let lexicon = tables.view
    let rule = lexicon.rule
    // Pass 1: each token's lexicon id (its word's slot, found with the hash the tokenizer gave it,
    // once however many rules look at it), and the sentence-wide facts (mixed case, the
    // contrastive word, end marks).
    //
    // Whether a token may be a lexicon word (a term kind that passes the word filter) follows no
    // pattern a branch predictor learns, so the first loop only lists those tokens, without a
    // branch on the answer, in the scratch memory after the ids; the second looks them up.
    let candidates = idBuffer.baseAddress.unsafelyUnwrapped + tokens.count
    var listed = 0
    var hasCaps = false
    var hasLower = false
    var exclamations = 0
    var questions = 0
    for index in range {
      let token = tokens[index]
      let kind = token.kind
      // Links, addresses, handles and hashtags are never terms themselves.
      let isTerm = (SentimentAnalyzer.termKinds >> Int(kind.rawValue)) & 1
      let mayBeWord = lexicon.table.mayContain(UInt64(bitPattern: Int64(hashes[index]))) ? 1 : 0
      idBuffer[index] = -1
      candidates[listed] = Int32(truncatingIfNeeded: index)
      listed &+= isTerm & mayBeWord
      if kind == .word {
        if token.isAllCaps { hasCaps = true } else if !hasLower, hasLetterLower(bytes, token) { hasLower = true }
      } else if kind == .punctuation {
        for offset in token.range {
          if bytes[offset] == 0x21 { exclamations += 1 } else if bytes[offset] == 0x3F { questions += 1 }
        }
      }
    }
    // The contrastive word is a lexicon word: the first listed word that is "but" or "however".
    var contrastIndex = -1
    for entry in 0..<listed {
      let index = Int(candidates[entry])
      let token = tokens[index]
      let id = lexicon.table.lookupSlot(bytes, token.range, filtered: UInt64(bitPattern: Int64(hashes[index])))
      idBuffer[index] = id
      if contrastIndex < 0, token.kind == .word, id == rule.but || id == rule.however { contrastIndex = index }
    }
    let mixedCase = hasCaps && hasLower
    let ids = UnsafeBufferPointer(idBuffer)
    let upper = range.upperBound

    // Most tokens are plain words in no lexicon, or words such as "the" that start only longer
    // terms which the next word does not continue: neutral, and nothing in pass 2 applies to them.
    // Such punctuation is skipped without counting, as pass 2's punctuation branch does. Links,
    // addresses and handles (id -1) are neutral the same way; a contraction only when it is no
    // "n't" negation. They are counted here without a branch on the outcome (which no predictor
    // guesses), and the others listed, in order, in the scratch memory after the ids.
    var candidateCount = 0
    var neutralCount = 0
    for index in range {
      let token = tokens[index]
      let kind = token.kind
      // 1 for the kinds that may be skipped: words, numbers, links, addresses, handles, punctuation.
      var skip = (SentimentAnalyzer.skippableKinds >> Int(kind.rawValue)) & 1
      skip &= lexicon.startsNothing(ids[index], next: index &+ 1 < upper ? ids[index &+ 1] : -1)
      if token.isContraction, endsWithNT(bytes, token) { skip = 0 }
      neutralCount &+= skip & (kind == .punctuation ? 0 : 1)
      candidates[candidateCount] = Int32(truncatingIfNeeded: index)
      candidateCount &+= 1 &- skip
    }

    // Pass 2: terms and their adjusted valences, at the candidates only. A term of several
    // tokens consumes them (`consume`); the next term starts at `cursor` or later.
    var sum = 0.0
    var positiveMass = 0.0
    var negativeMass = 0.0
    var cursor = range.lowerBound
    var nextCandidate = 0
    var previousCue = range.lowerBound..<range.lowerBound
    var phraseFloor = range.lowerBound
    var thanks = 0.0
    var firstNegation = -1  // for the bare-negation rule
    while nextCandidate < candidateCount {
      let index = Int(candidates[nextCandidate])
      nextCandidate &+= 1
      if index < cursor { continue }  // inside a term that an earlier token starts
      let token = tokens[index]
      let first = ids[index]
      if firstNegation < 0, token.kind == .word,
        (lexicon.isNegation(first) && first != rule.no) || endsWithNT(bytes, token)
      {
        firstNegation = index
      }
      var phrase = lexicon.valencePhrase(ids, at: index, limit: upper)
      // Emoticons the tokenizer splits (":l", "(-:") count only when written without spaces.
      if let match = phrase, match.count > 1, !isContiguous(tokens, index..<(index + match.count)),
        hasPunctuation(tokens, index..<(index + match.count))
      {
        phrase = nil
      }
      if token.kind == .punctuation {
        if let phrase {
          cue(phrase.value, index..<(index + phrase.count))
        }
        consume(index, upTo: index + (phrase?.count ?? 1))
        continue
      }
      // A lone letter ("l", "x") is noise, not the lexicon's emoticon fragment.
      if let match = phrase, match.count == 1, token.kind == .word, token.length == 1 { phrase = nil }
      // Boosters carry no valence of their own, unless a longer sentiment phrase starts with them.
      // A word that is both a booster and a sentiment word ("pretty", "super") boosts only when a
      // sentiment word follows ("pretty bad"); on its own it keeps its valence ("a pretty girl").
      if token.kind == .word, let booster = lexicon.booster(ids, at: index, limit: upper),
        (phrase?.count ?? 0) <= booster.count,
        booster.count > 1 || lexicon.slot(first).valence == 0
          || nextCarriesValence(tokens, ids, after: index + booster.count - 1, upper)
      {
        neutralCount += 1
        consume(index, upTo: index + booster.count)
        continue
      }
      var valence = 0.0
      var end = index + 1
      if let phrase {
        valence = phrase.value
        end = index + phrase.count
      } else if let partial = partialTokenValence(bytes, token) {
        valence = partial
      }
      if valence == 0 {
        neutralCount += 1
        consume(index, upTo: end)
        continue
      }
      // "no" right before another sentiment word negates it instead of counting itself ("no problem").
      if end == index + 1, token.kind == .word, first == rule.no, index + 1 < upper,
        tokens[index + 1].kind != .punctuation,
        let next = lexicon.valencePhrase(ids, at: index + 1, limit: upper),
        next.value != 0
      {
        neutralCount += 1
        consume(index, upTo: end)
        continue
      }
      // "like" is a preposition or filler far more often than a verb of liking.
      if end == index + 1, first == rule.like || first == rule.likes,
        !likeIsVerb(bytes, tokens, ids, index, range.lowerBound)
      {
        valence = rules.prepositionLikeValence
        if valence == 0 {
          neutralCount += 1
          consume(index, upTo: end)
          continue
        }
      }
      if mixedCase, token.isAllCaps, end == index + 1 {
        valence += valence > 0 ? rules.capsBoost : -rules.capsBoost
      }
      var negated = false
      valence = applyContext(bytes, tokens, ids, index, phraseFloor, mixedCase, valence, previousCue, &negated)
      previousCue = index..<end
      // Words inside a multi-word term never negate or boost a later term ("still not working ... been").
      if end - index > 1 { phraseFloor = end }
      cue(valence, index..<end, negated: negated)
      consume(index, upTo: end)
    }

    /// Moves `cursor` past the tokens up to `end` that the term at `index` takes in. Skipped tokens
    /// among them were counted as neutral above, but a term's inner tokens count as nothing of
    /// their own: their count is taken back.
    func consume(_ index: Int, upTo end: Int) {
      var later = nextCandidate
      var inner = index &+ 1
      while inner < end {
        if later < candidateCount, Int(candidates[later]) == inner {
          later &+= 1
        } else if tokens[inner].kind != .punctuation {
          neutralCount -= 1
        }
        inner &+= 1
      }
      cursor = end
    }

    func cue(_ raw: Double, _ tokenRange: Range<Int>, negated: Bool = false) {
      var valence = raw
      if contrastIndex >= 0 {
        valence *= tokenRange.lowerBound < contrastIndex ? rules.beforeContrast : rules.afterContrast
      }
      if valence > 0, isThanks(ids[tokenRange.lowerBound]) { thanks += valence }
      sum += valence
      if valence > 0 { positiveMass += valence + 1 } else if valence < 0 { negativeMass += -valence + 1 }
      if collect {
        let byteRange = tokens[tokenRange.lowerBound].start..<tokens[tokenRange.upperBound - 1].end
        cues.append(SentimentCue(byteRange: byteRange, valence: valence, negated: negated))
      }
    }

    // "It still won't load", "I can't log in": in a sentence with no sentiment word, a negated
    // action is usually a failure being reported.
    if positiveMass == 0, negativeMass == 0, rules.bareNegationValence != 0, firstNegation >= 0 {
      cue(rules.bareNegationValence, firstNegation..<(firstNegation + 1))
    }
    // "Thanks for the three-hour delay": thanks in a sentence that is otherwise negative is
    // politeness or sarcasm, not praise, and does not offset the complaint.
    if rules.thanksYieldToComplaint, thanks > 0, sum - thanks < 0 {
      sum -= thanks
      positiveMass = max(0, positiveMass - thanks - 1)
      neutralCount += 1
    }
    // "Is there special assistance?", "Any chance of a free upgrade?": a question that only sounds
    // positive is a request, not praise.
    if questions > 0, rules.positiveQuestionScale != 1, sum > 0, endsWithQuestion(bytes, tokens, range) {
      sum *= rules.positiveQuestionScale
    }
    guard positiveMass > 0 || negativeMass > 0 else { return .neutral }
    var emphasis = Double(min(exclamations, rules.maxExclamations)) * rules.exclamationBoost
    if questions > 1 { emphasis += questions <= 3 ? Double(questions) * rules.questionBoost : rules.questionCap }
    if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
    if positiveMass > negativeMass {
      positiveMass += emphasis
    } else if negativeMass > positiveMass {
      negativeMass += emphasis
    }
    let compound = max(-1, min(1, sum / (sum * sum + rules.normalizationAlpha).squareRoot()))
    let total = positiveMass + negativeMass + Double(neutralCount)
    return SentimentScore(
      compound: compound, positive: positiveMass / total, neutral: Double(neutralCount) / total,
      negative: negativeMass / total)
  }

  /// A bit per `TokenKind` raw value whose tokens may be lexicon terms: words, numbers,
  /// emoticons, emoji and punctuation.
  static let termKinds: Int = {
    var bits = 0
    for kind in [TokenKind.word, .number, .emoticon, .emoji, .punctuation] { bits |= 1 << Int(kind.rawValue) }
    return bits
  }()

  /// A bit per `TokenKind` raw value that scoring may skip as neutral: words, numbers, links,
  /// addresses, handles and punctuation (not hashtags, emoticons or emoji).
  static let skippableKinds: Int = {
    var bits = 0
    for kind in [TokenKind.word, .number, .url, .email, .mention, .punctuation] { bits |= 1 << Int(kind.rawValue) }
    return bits
  }()

  /// Boosters, dampeners and negations in the few words before the term at `index`.
  func applyContext(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ ids: UnsafeBufferPointer<Int32>,
    _ index: Int, _ lower: Int, _ mixedCase: Bool, _ initial: Double, _ previousCue: Range<Int>,
    _ negated: inout Bool
  ) -> Double {
    let lexicon = tables.view
    let rule = lexicon.rule
    var valence = initial
    var distance = 0
    var position = index - 1
    var soOrThisBefore = false  // "so" or "this" right before the term: "never so good" is not a negation
    var flips = 0
    while distance < rules.negationWindow, position >= lower {
      let previous = tokens[position]
      if previous.kind == .punctuation {
        if rules.negationStopsAtClause, isClauseBreak(bytes, previous) { break }
        position -= 1
        continue
      }
      defer {
        if distance == 0, ids[position] == rule.so || ids[position] == rule.this { soOrThisBefore = true }
        distance += 1
        position -= 1
      }
      guard previous.kind == .word else { continue }
      let id = ids[position]
      let word = id >= 0 ? lexicon.slot(id) : WordTable.Slot()
      // As in VADER, a word that carries sentiment itself neither boosts nor negates, nor do the
      // words of a sentiment phrase ("still no" is a complaint, not a negation of what follows).
      let isNo = id == rule.no
      if !isNo, previousCue.contains(position) || word.valence != 0 { continue }
      if let scalar = boosterEnding(ids, at: position, lower) {
        var step = valence >= 0 ? scalar : -scalar
        if mixedCase, previous.isAllCaps { step += valence >= 0 ? rules.capsBoost : -rules.capsBoost }
        if distance == 1 { step *= rules.boosterDamping1 } else if distance == 2 { step *= rules.boosterDamping2 }
        valence += step
        continue
      }
      if word.flags & WordTable.Flags.negation != 0 || endsWithNT(bytes, previous) {
        if soOrThisBefore, id == rule.never || distance == 2 {
          valence *= 1.25  // "never so good", "haven't been this sore": emphasis, not negation
        } else if id == rule.without,
          (position + 1 < index && ids[position + 1] == rule.doubt)
            || (position + 2 < index && ids[position + 2] == rule.doubt)
        {
          // "without a doubt, excellent" is not a negation
        } else {
          flips += 1
          valence *= valence > 0 ? rules.negatedPositive : rules.negatedNegative
        }
      } else if distance == 0, id == rule.least {
        // "least compelling" negates; "at least compelling" does not.
        var before = position - 1
        while before >= lower, tokens[before].kind == .punctuation { before -= 1 }
        if before < lower || !(ids[before] == rule.at || ids[before] == rule.very) {
          flips += 1
          valence *= valence > 0 ? rules.negatedPositive : rules.negatedNegative
        }
      }
    }
    negated = flips % 2 == 1
    return valence
  }

  // MARK: - Token helpers (byte-level, allocation-free)

  /// The valence of a hashtag's word (`#fail`) or of an emoji without its modifiers.
  func partialTokenValence(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Double? {
    let range: Range<Int>
    switch token.kind {
    case .hashtag where token.length > 1:
      range = (token.start + 1)..<token.end
    case .emoji:
      let lead = bytes[token.start]
      let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
      guard token.start + length < token.end else { return nil }
      range = token.start..<(token.start + length)
    default:
      return nil
    }
    let id = tables.view.id(bytes, range)
    return id >= 0 ? tables.view.slot(id).valence : nil
  }

  /// The value of a booster (one word, or two such as "kind of") ending at token `position`.
  func boosterEnding(_ ids: UnsafeBufferPointer<Int32>, at position: Int, _ lower: Int) -> Double? {
    let lexicon = tables.view
    let id = ids[position]
    if lexicon.flags(id) & WordTable.Flags.booster != 0 { return lexicon.boosters[Int(id)].value }
    guard position > lower else { return nil }
    if let match = lexicon.booster(ids, at: position - 1, limit: position + 1), match.count == 2 {
      return match.value
    }
    return nil
  }

  func endsWithQuestion(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>)
    -> Bool
  {
    var last = range.upperBound - 1
    while last > range.lowerBound, tokens[last].kind != .punctuation || bytes[tokens[last].start] != 0x3F {
      if tokens[last].kind != .punctuation && tokens[last].kind != .emoticon && tokens[last].kind != .emoji
        && tokens[last].kind != .url && tokens[last].kind != .hashtag
      {
        return false
      }
      last -= 1
    }
    return tokens[last].kind == .punctuation && bytes[tokens[last].start] == 0x3F
  }

  func isThanks(_ id: Int32) -> Bool {
    let rule = tables.view.rule
    return id >= 0 && (id == rule.thanks || id == rule.thank || id == rule.thx || id == rule.ty)
  }

  /// Whether the token after `index` (not punctuation) starts a sentiment term.
  func nextCarriesValence(
    _ tokens: UnsafeBufferPointer<Token>, _ ids: UnsafeBufferPointer<Int32>, after index: Int, _ upper: Int
  ) -> Bool {
    let next = index + 1
    guard next < upper, tokens[next].kind != .punctuation else { return false }
    let phrase = tables.view.valencePhrase(ids, at: next, limit: upper)
    return (phrase?.value ?? 0) != 0
  }

  /// Whether the "like" at `index` follows a subject or auxiliary ("I like", "would like", "don't like"),
  /// rather than being a preposition ("looks like rain", "like that").
  func likeIsVerb(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ ids: UnsafeBufferPointer<Int32>,
    _ index: Int, _ lower: Int
  ) -> Bool {
    guard index > lower else { return false }
    let previous = tokens[index - 1]
    guard previous.kind == .word else { return false }
    let id = ids[index - 1]
    if tables.view.isNegation(id) || endsWithNT(bytes, previous) { return true }
    for word in SentimentAnalyzer.likeSubjects where isWord(bytes, previous, word) { return true }
    return previous.isContraction && ASCII.lowercase(bytes[previous.end - 1]) == 0x64  // I'd, we'd
  }

  static let likeSubjects: [StaticString] = [
    "i", "we", "you", "they", "he", "she", "u", "ya", "really", "also", "just", "would", "do", "does", "did", "to",
    "definitely", "totally", "still", "actually", "truly", "kinda", "people", "who", "and", "all", "everyone", "might",
  ]

  func isContiguous(_ tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>) -> Bool {
    for index in range.dropFirst() where tokens[index].start != tokens[index - 1].end { return false }
    return true
  }

  func hasPunctuation(_ tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>) -> Bool {
    range.contains { tokens[$0].kind == .punctuation }
  }

  /// A comma, semicolon, colon or dash: the end of a clause, where a negation stops reaching.
  func isClauseBreak(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    let lead = bytes[token.start]
    return lead == 0x2C || lead == 0x3B || lead == 0x3A || lead == 0x2D || lead == 0x2E || lead == 0x21
      || lead == 0x3F || (lead == 0xE2 && token.length == 3 && bytes[token.start + 1] == 0x80)
  }

  func endsWithNT(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    guard token.isContraction, token.length >= 3 else { return false }
    let last = ASCII.lowercase(bytes[token.end - 1])
    let beforeLast = bytes[token.end - 2]
    if last == 0x74, beforeLast == 0x27, ASCII.lowercase(bytes[token.end - 3]) == 0x6E { return true }
    // n’t with a typographic apostrophe (E2 80 99).
    return last == 0x74 && beforeLast == 0x99 && token.length >= 5 && bytes[token.end - 4] == 0xE2
      && ASCII.lowercase(bytes[token.end - 5]) == 0x6E
  }

  func hasLetterLower(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    for offset in token.range where bytes[offset] >= 0x61 && bytes[offset] <= 0x7A { return true }
    return false
  }

  /// Whether the token spells the lowercase ASCII `word`, ignoring case.
  @inline(__always)
  func isWord(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token, _ word: StaticString) -> Bool {
    guard token.length == word.utf8CodeUnitCount else { return false }
    return word.withUTF8Buffer { expected in
      for offset in 0..<expected.count where ASCII.lowercase(bytes[token.start + offset]) != expected[offset] {
        return false
      }
      return true
    }
  }
}

/// Combines sentence scores: the sentences that carry sentiment have their compound scores turned
/// back into valence sums, the sums are averaged, and the mean is normalized again. A text of one
/// sentence scores exactly as that sentence; a strong sentence outweighs a mild aside (as sums do);
/// agreement across two or three sentences strengthens the mean by sqrt(2) or sqrt(3), and no
/// further, so a hundred angry sentences score like three and turns and conversations do not saturate.
struct SentimentAggregator {
  var alpha = 15.0
  var count = 0
  var valence = 0.0
  var positive = 0.0
  var neutral = 0.0
  var negative = 0.0

  mutating func add(_ score: SentimentScore) {
    guard score.compound != 0 else { return }
    let compound = max(-0.9999, min(0.9999, score.compound))
    count += 1
    valence += compound * (alpha / (1 - compound * compound)).squareRoot()
    positive += score.positive
    neutral += score.neutral
    negative += score.negative
  }

  var result: SentimentScore {
    guard count > 0 else { return .neutral }
    let total = Double(count)
    // Agreement across a few sentences strengthens the impression ("Great service. Thanks!"), but
    // only up to three sentences' worth, so length alone never pushes a score to ±1.
    let mean = valence / total * min(total, 3).squareRoot()
    return SentimentScore(
      compound: mean / (mean * mean + alpha).squareRoot(), positive: positive / total, neutral: neutral / total,
      negative: negative / total)
  }
}
