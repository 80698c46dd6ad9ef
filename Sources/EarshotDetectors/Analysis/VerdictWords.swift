import EarshotText

/// The word classes the verdict features and implicit requests look up, in one table read on the
/// token's bytes (case-insensitive, `’` as `'`), so the per-token check allocates nothing.
enum VerdictWords {
  static let apology: UInt32 = 1
  static let step: UInt32 = 2
  static let amount: UInt32 = 4
  static let time: UInt32 = 8
  static let thanks: UInt32 = 16
  static let problem: UInt32 = 32
  static let firstPerson: UInt32 = 64
  static let dm: UInt32 = 128
  static let fix: UInt32 = 256
  static let explain: UInt32 = 512
  static let product: UInt32 = 1024
  static let already: UInt32 = 2048
  static let auxiliary: UInt32 = 4096
  static let subject: UInt32 = 8192
  static let whWord: UInt32 = 16384
  /// A private message sent or gone unheard ("I DMed you", "nobody answers my inbox").
  static let unheard: UInt32 = 32768
  /// "still", "waiting": with both, the customer is still waiting for an answer.
  static let still: UInt32 = 65536
  static let waiting: UInt32 = 131_072

  static let table: TermTable<UInt32> = {
    var table = TermTable<UInt32>(capacity: 256)
    func add(_ words: some Sequence<String>, _ flag: UInt32) {
      for word in words { table.set(word, (table.value(for: word) ?? 0) | flag) }
    }
    add(VerdictFeatures.apologies, apology)
    add(VerdictFeatures.stepWords, step)
    add(VerdictFeatures.amountWords, amount)
    add(AnswerTypes.timeWords, time)
    add(VerdictFeatures.thanksWords, thanks)
    add(ImplicitRequests.problemWords, problem)
    add(VerdictFeatures.firstPerson, firstPerson)
    add(["dm", "dms", "pm"], dm)
    add(VerdictFeatures.fixWords, fix)
    add(VerdictFeatures.explainWords, explain)
    add(VerdictFeatures.productWords, product)
    add(VerdictFeatures.alreadyWords, already)
    add(["do", "does", "can", "is", "are", "will", "could", "would"], auxiliary)
    add(["you", "your", "there", "it", "i", "we", "the", "they"], subject)
    add(["when", "where", "what", "how", "which", "why"], whWord)
    add(["dmed", "dm'd", "dm'ed", "messaged", "inbox", "unanswered", "ignored", "ignoring"], unheard)
    add(["still"], still)
    add(["waiting", "wait"], waiting)
    return table
  }()

  /// The classes of the word at `range` (0 when it is in none).
  @inline(__always)
  static func classes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt32 {
    table.value(bytes, range) ?? 0
  }
}
