/// The Snowball English ("Porter2") stemmer, on lowercase ASCII bytes.
///
/// Follows the published algorithm (snowballstem.org, "The English (Porter2) stemming
/// algorithm"): exceptional forms, R1/R2 regions, steps 0–5. Words with non-ASCII letters are
/// returned lowercased but unstemmed.
public enum Stemmer {
  /// The stem of `word`.
  public static func stem(_ word: String) -> String {
    let word = word.replacingOccurrences(of: "\u{2019}", with: "'")
    var bytes: [UInt8] = []
    bytes.reserveCapacity(word.utf8.count)
    for byte in word.utf8 {
      if byte >= 0x80 { return word.lowercased() }
      bytes.append(ASCII.lowercase(byte))
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

  mutating func stemmed() -> [UInt8] {
    if b.count <= 2 { return b }
    if b.first == 0x27 { b.removeFirst() }
    if let special = Word.exceptions[String(decoding: b, as: UTF8.self)] { return Array(special.utf8) }
    markConsonantY()
    computeRegions()
    step0()
    step1a()
    if Word.invariantAfter1a.contains(String(decoding: b, as: UTF8.self)) { return b }
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
    let text = String(decoding: b, as: UTF8.self)
    if text.hasPrefix("gener") || text.hasPrefix("arsen") {
      r1 = 5
    } else if text.hasPrefix("commun") {
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

  func ends(_ suffix: String) -> Bool {
    let s = Array(suffix.utf8)
    return b.count >= s.count && Array(b[(b.count - s.count)...]) == s
  }

  /// The start of `suffix` when the word ends with it.
  func suffixStart(_ suffix: String) -> Int? { ends(suffix) ? b.count - suffix.utf8.count : nil }

  mutating func replace(_ count: Int, with replacement: String) {
    b.removeLast(count)
    b.append(contentsOf: replacement.utf8)
  }

  /// The longest of `suffixes` the word ends with.
  func longest(_ suffixes: [String]) -> String? {
    suffixes.filter { ends($0) }.max { $0.utf8.count < $1.utf8.count }
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

  mutating func step0() {
    if let suffix = longest(["'s'", "'s", "'"]) { b.removeLast(suffix.utf8.count) }
  }

  mutating func step1a() {
    if ends("sses") {
      replace(4, with: "ss")
    } else if ends("ied") || ends("ies") {
      replace(3, with: b.count > 4 ? "i" : "ie")
    } else if ends("us") || ends("ss") {
      return
    } else if ends("s"), b.count >= 2, containsVowel(before: b.count - 2) {
      b.removeLast()
    }
  }

  mutating func step1b() {
    if let suffix = longest(["eed", "eedly"]) {
      if b.count - suffix.utf8.count >= r1 { replace(suffix.utf8.count, with: "ee") }
      return
    }
    guard let suffix = longest(["ed", "edly", "ing", "ingly"]) else { return }
    let start = b.count - suffix.utf8.count
    guard containsVowel(before: start) else { return }
    b.removeLast(suffix.utf8.count)
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

  static let step2Rules: [(String, String)] = [
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
    ("izer", "ize"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"),
    ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"),
    ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
  ]

  mutating func step2() {
    guard let suffix = longest(Word.step2Rules.map(\.0)), let start = suffixStart(suffix), start >= r1 else { return }
    let replacement = Word.step2Rules.first { $0.0 == suffix }?.1 ?? ""
    if suffix == "ogi" {
      guard start > 0, b[start - 1] == UInt8(ascii: "l") else { return }
    } else if suffix == "li" {
      guard start > 0, "cdeghkmnrt".utf8.contains(b[start - 1]) else { return }
    }
    replace(suffix.utf8.count, with: replacement)
  }

  static let step3Rules: [(String, String)] = [
    ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
    ("ful", ""), ("ness", ""), ("ative", ""),
  ]

  mutating func step3() {
    guard let suffix = longest(Word.step3Rules.map(\.0)), let start = suffixStart(suffix), start >= r1 else { return }
    if suffix == "ative" && start < r2 { return }
    replace(suffix.utf8.count, with: Word.step3Rules.first { $0.0 == suffix }?.1 ?? "")
  }

  static let step4Suffixes = [
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive",
    "ize", "ion",
  ]

  mutating func step4() {
    guard let suffix = longest(Word.step4Suffixes), let start = suffixStart(suffix), start >= r2 else { return }
    if suffix == "ion" {
      guard start > 0, b[start - 1] == UInt8(ascii: "s") || b[start - 1] == UInt8(ascii: "t") else { return }
    }
    b.removeLast(suffix.utf8.count)
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
