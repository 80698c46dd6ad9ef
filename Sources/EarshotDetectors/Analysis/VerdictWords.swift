import EarshotText

/// The word classes the verdict features and implicit requests look up, in one table read on the
/// token's bytes (case-insensitive, `’` as `'`), so the per-token check allocates nothing.
enum VerdictWords {
  static let apology: UInt16 = 1
  static let step: UInt16 = 2
  static let amount: UInt16 = 4
  static let time: UInt16 = 8
  static let thanks: UInt16 = 16
  static let problem: UInt16 = 32
  static let firstPerson: UInt16 = 64
  static let dm: UInt16 = 128
  static let fix: UInt16 = 256
  static let explain: UInt16 = 512
  static let product: UInt16 = 1024
  static let already: UInt16 = 2048
  static let auxiliary: UInt16 = 4096
  static let subject: UInt16 = 8192
  static let whWord: UInt16 = 16384

  static let table: TermTable<UInt16> = {
    var table = TermTable<UInt16>(capacity: 256)
    func add(_ words: some Sequence<String>, _ flag: UInt16) {
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
    return table
  }()

  /// The classes of the word at `range` (0 when it is in none).
  @inline(__always)
  static func classes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt16 {
    table.value(bytes, range) ?? 0
  }
}
