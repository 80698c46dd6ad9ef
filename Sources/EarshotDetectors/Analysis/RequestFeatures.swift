import EarshotModel
import EarshotText
import Foundation

/// The signals of a run of customer turns with no explicit question that the implicit-request model
/// weighs (`RequestModel`): whether the hand-made rule (`ImplicitRequests`) sees a concrete problem,
/// problem words, how negative the turns are, a "still not working" or a closing thanks, whether
/// the customer is answering an agent's question, length, and where the run sits. Whether the
/// company replied is left out on purpose: a request nobody answered is the guide's `unanswered`,
/// and a model that learned "no reply, no request" would hide exactly those.
///
/// The order is `RequestFeatures.names`; `Lexicons/data/implicit-requests.tsv` names its weights the same way.
public enum RequestFeatures {
  /// Feature names, in vector order.
  public static let names = [
    "bias", "rule", "problem", "min_compound", "max_compound", "still_broken", "closes", "answering",
    "log_words", "first_block", "turns", "has_question_mark", "mentions_only",
  ]

  /// The index of each name in the vector.
  public static let index: [String: Int] = Dictionary(
    uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

  /// The feature vector of the customer turns of `block`, and the turn where the hand-made rule
  /// (`ImplicitRequests`) places a request, if it fires: one pass over the turns computes both,
  /// since the rule and the features read the same words and phrase lists.
  static func scan(block: Range<Int>, in conversation: AnalyzedConversation, lexicons: DetectorLexicons)
    -> (values: [Double], ruleTurn: Int?)
  {
    let previousCompany = conversation.turns[..<block.lowerBound].last { $0.role.isCompanySide }
    // After an agent's question the customer's turn is most often the answer ("iOS 11.1, still
    // slow"), not a new item: the rule then takes only a report that it is still broken.
    let answering = previousCompany.map { conversation.texts[$0.index].bytes.contains(UInt8(ascii: "?")) } ?? false
    var words = 0
    var problem = false
    var stillBroken = false
    var closes = false
    var question = false
    var minCompound = 1.0
    var maxCompound = -1.0
    var turns = 0
    var mentionsOnly = true
    var ruleTurn: Int?
    for index in block where conversation.turns[index].role == .customer {
      let text = conversation.texts[index]
      turns += 1
      var turnWords = 0
      var turnProblem = false
      text.bytes.withUnsafeBufferPointer { bytes in
        for token in text.tokens {
          switch token.kind {
          case .word, .number:
            turnWords += 1
            if !turnProblem, token.kind == .word,
              VerdictWords.classes(bytes, token.range) & VerdictWords.problem != 0
            {
              turnProblem = true
            }
          default: break
          }
        }
      }
      words += turnWords
      problem = problem || turnProblem
      if turnWords > 0 { mentionsOnly = false }
      if text.bytes.contains(UInt8(ascii: "?")) { question = true }
      let broken = !lexicons.unresolved.matches(in: text).isEmpty
      let closing = !lexicons.customerResolved.matches(in: text).isEmpty && !broken
      stillBroken = stillBroken || broken
      closes = closes || closing
      let compound = conversation.sentiments[index].compound
      minCompound = min(minCompound, compound)
      maxCompound = max(maxCompound, compound)
      // The rule: four or more words stating a problem, clearly negative, or still broken; not
      // thanks that close the matter ("that worked, thanks") and not praise.
      if ruleTurn == nil, turnWords >= 4, !closing, broken || (!answering && (turnProblem || compound <= -0.3)),
        !(compound >= 0.6 && !broken && !turnProblem)
      {
        ruleTurn = index
      }
    }
    func flag(_ on: Bool) -> Double { on ? 1 : 0 }
    // In `names` order (a test checks the two agree); built in place, since this runs for every
    // run of customer turns without a question.
    let values = [
      1, flag(ruleTurn != nil), flag(problem), turns > 0 ? minCompound : 0, turns > 0 ? maxCompound : 0,
      flag(stillBroken), flag(closes), flag(answering), log(1 + Double(words)), flag(previousCompany == nil),
      Double(turns), flag(question), flag(mentionsOnly),
    ]
    return (values, ruleTurn)
  }

  /// The customer turns' texts of `block`, whose wording the model weighs too.
  static func texts(block: Range<Int>, in conversation: AnalyzedConversation) -> [TokenizedText] {
    block.filter { conversation.turns[$0].role == .customer }.map { conversation.texts[conversation.turns[$0].index] }
  }
}

extension AnalyzedConversation {
  /// Every run of customer turns in which no explicit question or request was found, with the
  /// implicit-request model's features and the run's wording terms (`TermBag`, spelled out): the
  /// rows `Scripts/fit-implicit-requests.py` fits on. `turn` is the run's first customer turn.
  public func implicitRequestCandidates() -> [(turn: Int, features: [Double], terms: [String])] {
    let verdicts = QuestionVerdicts(lexicons: resources.lexicons)
    var rows: [(turn: Int, features: [Double], terms: [String])] = []
    var cursor = 0
    for block in verdicts.customerBlocks(self) {
      while cursor < questions.count, questions[cursor].turn < block.lowerBound { cursor += 1 }
      if cursor < questions.count, block.contains(questions[cursor].turn) { continue }
      rows.append(
        (
          block.lowerBound, RequestFeatures.scan(block: block, in: self, lexicons: resources.lexicons).values,
          TermBag.strings(RequestFeatures.texts(block: block, in: self))
        ))
    }
    return rows
  }
}
