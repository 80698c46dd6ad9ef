/// The Snowball English ("Porter2") stemmer, on lowercase ASCII bytes.
///
/// Follows the published algorithm (snowballstem.org, "The English (Porter2) stemming
/// algorithm"): exceptional forms, R1/R2 regions, steps 0–5. Words with non-ASCII letters are
/// returned lowercased but unstemmed.
public enum Stemmer {
  /// The stem of `word`, from the calling thread's cache when the word was seen before.
  ///
  /// Detectors stem the same words again and again (every customer word for the pitch context,
  /// every agent word for problem engagement); a lookup costs a fraction of the stemming.
  public static func stem(_ word: String) -> String {
    let cache = StemCache.current
    if let cached = cache.stem(of: word) { return cached }
    let stem = computeStem(word)
    cache.remember(stem, of: word)
    return stem
  }

  /// The stem of `word`, computed without the cache.
  static func computeStem(_ word: String) -> String {
    // A byte scan: the typographic apostrophe (U+2019, E2 80 99) becomes "'"; any other
    // non-ASCII byte sends the word down the Unicode path.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(word.utf8.count)
    var utf8 = word.utf8.makeIterator()
    while let byte = utf8.next() {
      if byte < 0x80 {
        bytes.append(ASCII.lowercase(byte))
      } else if byte == 0xE2, utf8.next() == 0x80, utf8.next() == 0x99 {
        bytes.append(0x27)
      } else {
        return word.replacingOccurrences(of: "\u{2019}", with: "'").lowercased()
      }
    }
    return String(decoding: stem(bytes: bytes), as: UTF8.self)
  }

  /// The stem of lowercase ASCII `bytes`.
  public static func stem(bytes input: [UInt8]) -> [UInt8] {
    var word = Word(input)
    return word.stemmed()
  }
}

/// One word being stemmed; `Y` (0x59) marks a consonant y.
private struct Word {
  var b: [UInt8]
  var r1 = 0
  var r2 = 0

  init(_ bytes: [UInt8]) { b = bytes }

  static let exceptions: [String: String] = [
    "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl", "gently": "gentl",
    "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl", "sky": "sky", "news": "news", "howe": "howe",
    "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
  ]
  static let invariantAfter1a: Set<String> = [
    "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
  ]

  static let exceptionBytes = Dictionary(
    uniqueKeysWithValues: exceptions.map { (Array($0.key.utf8), Array($0.value.utf8)) })
  static let invariantBytes = Set(invariantAfter1a.map { Array($0.utf8) })

  mutating func stemmed() -> [UInt8] {
    if b.count <= 2 { return b }
    if b.first == 0x27 { b.removeFirst() }
    if let special = Word.exceptionBytes[b] { return special }
    markConsonantY()
    computeRegions()
    step0()
    step1a()
    if Word.invariantBytes.contains(b) { return b }
    step1b()
    step1c()
    step2()
    step3()
    step4()
    step5()
    return b.map { $0 == 0x59 ? UInt8(ascii: "y") : $0 }
  }

  // MARK: - Character classes

  func isVowel(_ byte: UInt8) -> Bool {
    byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75 || byte == 0x79
  }

  func isVowel(at index: Int) -> Bool { index >= 0 && index < b.count && isVowel(b[index]) }

  mutating func markConsonantY() {
    for index in b.indices where b[index] == UInt8(ascii: "y") && (index == 0 || isVowel(b[index - 1])) {
      b[index] = 0x59
    }
  }

  mutating func computeRegions() {
    if b.starts(with: "gener".utf8) || b.starts(with: "arsen".utf8) {
      r1 = 5
    } else if b.starts(with: "commun".utf8) {
      r1 = 6
    } else {
      r1 = regionStart(after: 0)
    }
    r2 = regionStart(after: r1)
  }

  /// The position after the first non-vowel that follows a vowel, at or after `start`.
  func regionStart(after start: Int) -> Int {
    var index = start + 1
    while index < b.count {
      if !isVowel(b[index]) && isVowel(b[index - 1]) { return index + 1 }
      index += 1
    }
    return b.count
  }

  // MARK: - Suffix helpers

  /// Whether the word ends with `suffix` (compared in place, no allocation).
  func ends(_ suffix: StaticString) -> Bool {
    suffix.withUTF8Buffer { suffixBytes in
      guard b.count >= suffixBytes.count else { return false }
      let start = b.count - suffixBytes.count
      for offset in 0..<suffixBytes.count where b[start + offset] != suffixBytes[offset] { return false }
      return true
    }
  }

  func ends(_ suffix: [UInt8]) -> Bool {
    guard b.count >= suffix.count else { return false }
    let start = b.count - suffix.count
    for offset in 0..<suffix.count where b[start + offset] != suffix[offset] { return false }
    return true
  }

  mutating func replace(_ count: Int, with replacement: [UInt8]) {
    b.removeLast(count)
    b.append(contentsOf: replacement)
  }

  mutating func replace(_ count: Int, with replacement: StaticString) {
    b.removeLast(count)
    replacement.withUTF8Buffer { b.append(contentsOf: $0) }
  }

  /// The index in `rules` of the longest suffix the word ends with.
  func longest(_ rules: [(suffix: [UInt8], replacement: [UInt8])]) -> Int? {
    var best: Int?
    for index in rules.indices where ends(rules[index].suffix) {
      if best == nil || rules[index].suffix.count > rules[best ?? 0].suffix.count { best = index }
    }
    return best
  }

  static func rules(_ pairs: [(String, String)]) -> [(suffix: [UInt8], replacement: [UInt8])] {
    pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }
  }

  func containsVowel(before end: Int) -> Bool { b[..<end].contains { isVowel($0) } }

  /// A short syllable ends at `end` (exclusive).
  func endsWithShortSyllable(_ end: Int) -> Bool {
    if end == 2 { return isVowel(b[0]) && !isVowel(b[1]) }
    guard end >= 3 else { return false }
    let last = b[end - 1]
    return !isVowel(b[end - 3]) && isVowel(b[end - 2]) && !isVowel(last) && last != UInt8(ascii: "w")
      && last != UInt8(ascii: "x") && last != 0x59
  }

  var isShort: Bool { r1 >= b.count && endsWithShortSyllable(b.count) }

  // MARK: - Steps

  static let step0Rules = rules([("'s'", ""), ("'s", ""), ("'", "")])

  mutating func step0() {
    if let rule = longest(Word.step0Rules) { b.removeLast(Word.step0Rules[rule].suffix.count) }
  }

  mutating func step1a() {
    if ends("sses") {
      replace(4, with: "ss")
    } else if ends("ied") || ends("ies") {
      if b.count > 4 { replace(3, with: "i") } else { replace(3, with: "ie") }
    } else if ends("us") || ends("ss") {
      return
    } else if ends("s"), b.count >= 2, containsVowel(before: b.count - 2) {
      b.removeLast()
    }
  }

  static let step1bLongRules = rules([("eed", ""), ("eedly", "")])
  static let step1bRules = rules([("ed", ""), ("edly", ""), ("ing", ""), ("ingly", "")])

  mutating func step1b() {
    if let rule = longest(Word.step1bLongRules) {
      let count = Word.step1bLongRules[rule].suffix.count
      if b.count - count >= r1 { replace(count, with: "ee") }
      return
    }
    guard let rule = longest(Word.step1bRules) else { return }
    let count = Word.step1bRules[rule].suffix.count
    guard containsVowel(before: b.count - count) else { return }
    b.removeLast(count)
    if ends("at") || ends("bl") || ends("iz") {
      b.append(UInt8(ascii: "e"))
    } else if let last = b.last, b.count >= 2, b[b.count - 2] == last, "bdfgmnprt".utf8.contains(last) {
      b.removeLast()
    } else if isShort {
      b.append(UInt8(ascii: "e"))
    }
  }

  mutating func step1c() {
    guard let last = b.last, last == UInt8(ascii: "y") || last == 0x59, b.count > 2, !isVowel(b[b.count - 2]) else {
      return
    }
    b[b.count - 1] = UInt8(ascii: "i")
  }

  static let step2Rules = rules([
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
    ("izer", "ize"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"),
    ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"),
    ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
  ])

  mutating func step2() {
    guard let rule = longest(Word.step2Rules) else { return }
    let (suffix, replacement) = Word.step2Rules[rule]
    let start = b.count - suffix.count
    guard start >= r1 else { return }
    if suffix == Array("ogi".utf8) {
      guard start > 0, b[start - 1] == UInt8(ascii: "l") else { return }
    } else if suffix == Array("li".utf8) {
      guard start > 0, "cdeghkmnrt".utf8.contains(b[start - 1]) else { return }
    }
    replace(suffix.count, with: replacement)
  }

  static let step3Rules = rules([
    ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
    ("ful", ""), ("ness", ""), ("ative", ""),
  ])

  mutating func step3() {
    guard let rule = longest(Word.step3Rules) else { return }
    let (suffix, replacement) = Word.step3Rules[rule]
    let start = b.count - suffix.count
    guard start >= r1 else { return }
    if suffix == Array("ative".utf8) && start < r2 { return }
    replace(suffix.count, with: replacement)
  }

  static let step4Rules = rules(
    [
      "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
      "ive",
      "ize", "ion",
    ].map { ($0, "") })

  mutating func step4() {
    guard let rule = longest(Word.step4Rules) else { return }
    let suffix = Word.step4Rules[rule].suffix
    let start = b.count - suffix.count
    guard start >= r2 else { return }
    if suffix == Array("ion".utf8) {
      guard start > 0, b[start - 1] == UInt8(ascii: "s") || b[start - 1] == UInt8(ascii: "t") else { return }
    }
    b.removeLast(suffix.count)
  }

  mutating func step5() {
    let last = b.count - 1
    guard last >= 0 else { return }
    if b[last] == UInt8(ascii: "e") {
      if last >= r2 || (last >= r1 && !endsWithShortSyllable(last)) { b.removeLast() }
    } else if b[last] == UInt8(ascii: "l"), last >= r2, last > 0, b[last - 1] == UInt8(ascii: "l") {
      b.removeLast()
    }
  }
}
