import EarshotModel
import EarshotText
import Foundation

/// The signals of one (question, reply burst) pair that the reply-verdict model weighs, computed
/// on the turns' bytes: how much of the question the reply repeats (weighted by rarity), whether it
/// has what the question type calls for, which kind of deflection it makes, whether it only asks
/// back or only sympathizes, whether it is a template, what it carries (links, digits, times,
/// amounts, steps), its length, and about the question: its type, whether its answer needs the
/// customer's private data, the customer's mood, and how the customer reacted next.
///
/// The order is `VerdictFeatures.names`; `Lexicons/data/reply-verdicts.tsv` names its weights the same way.
public enum VerdictFeatures {
  /// Feature names, in vector order.
  public static let names =
    [
      "bias", "overlap", "block_overlap", "type_match", "deflect_dm", "deflect_faq", "deflect_elsewhere",
      "deflect_cannot", "deflect_feedback", "deflect_nonews", "deflect_tellmore", "link_thin", "clarify_overlap",
      "shares_number", "open_overlap", "dm_general", "dm_private", "dm_only", "asks_back", "has_question", "asks_info",
      "empathy_only",
      "apology",
      "template", "link", "digits", "amount", "time_words", "steps", "promise", "agent_resolved", "log_reply_words",
      "log_content_words", "reply_turns", "private_topic", "contact_question", "explicit_question", "mood",
      "log_question_words", "next_thanks", "next_negative", "next_still_broken", "type_time", "type_place",
      "type_amount", "type_reason", "type_howto", "type_yesno", "type_request", "type_other", "handoff_product",
      "fix_try", "explains", "repeat_deflect", "info_question",
    ] + VerdictContext.names

  /// The index of each name in the vector.
  public static let index: [String: Int] = Dictionary(
    uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

  /// Apology words: a reply that apologizes may still answer, but rarely a canned one.
  static let apologies: Set<String> = ["sorry", "apologize", "apologise", "apologies", "apology"]
  /// Words that open or carry an instruction ("try", "restart", "go to").
  static let stepWords: Set<String> = [
    "try", "go", "click", "tap", "select", "open", "enter", "press", "hold", "choose", "navigate", "settings",
    "restart", "reset", "install", "uninstall", "update", "log", "sign", "follow", "steps", "visit", "clear", "turn",
    "check", "make", "ensure", "unplug", "reboot", "delete", "remove",
  ]
  static let amountWords: Set<String> = ["free", "fee", "fees", "price", "cost", "costs", "usd", "dollars", "pounds"]
  static let thanksWords: Set<String> = ["thanks", "thank", "thx", "ty", "cheers", "appreciate", "perfect", "great"]
  /// Words of a concrete fix to try (labeling-guide.md: "a concrete fix to try" is an answer, even
  /// when it is phrased as a question: "have you tried restarting?").
  static let fixWords: Set<String> = [
    "try", "tried", "trying", "restart", "restarting", "reinstall", "reinstalling", "uninstall", "reboot", "reset",
    "clear", "clearing", "disable", "enable", "toggle", "settings", "unplug", "force", "cache", "browser",
  ]
  /// Words that carry an explanation or a statement of fact ("isn't supported", "due to", "only
  /// available in"): a reply that explains answers rather than engages.
  static let explainWords: Set<String> = [
    "because", "due", "since", "unfortunately", "currently", "supported", "available", "unavailable", "only",
    "located", "policy", "means", "isn't", "aren't", "doesn't", "won't", "can't", "cannot", "offer", "allowed",
  ]
  /// Words of a question about how a product, device, app or feature works, which a support team
  /// can answer in the open (a DM or a help link in its place talks past it), unlike one about the
  /// customer's own account or order (`private-topics.tsv`).
  static let productWords: Set<String> = [
    "app", "apps", "update", "updated", "updating", "ios", "android", "battery", "keyboard", "feature", "features",
    "setting", "settings", "bug", "glitch", "screen", "icon", "icons", "music", "songs", "playlist", "playlists",
    "device", "iphone", "ipad", "mac", "laptop", "console", "game", "games", "camera", "photo", "photos", "version",
    "download", "install", "website", "site", "browser", "bluetooth", "software", "option", "phone", "charging",
    "wireless", "notifications",
  ]
  /// Words of a customer saying a step was already taken or went unheard ("I already DMed", "tried
  /// that", "nobody replies"): the same deflection again talks past them.
  static let alreadyWords: Set<String> = [
    "already", "tried", "again", "nobody", "sent", "done", "several", "multiple",
  ]

  /// The feature vector of `replies` (one burst of company turns) against `question`.
  ///
  /// - Parameters:
  ///   - question: the question or request, in a customer turn.
  ///   - block: the customer turns the question belongs to (asked together, before the reply).
  ///   - explicit: whether the question was found as a question or request (not an implicit complaint).
  ///   - replies: the company turns judged together, in order; not empty.
  ///   - judgement: `AnswerJudge`'s reading of the same pair.
  static func vector(
    question: CustomerQuestion, block: Range<Int>, explicit: Bool, replies: [Turn], judgement: AnswerJudgement,
    in conversation: AnalyzedConversation
  ) -> [Double] {
    let lexicons = conversation.resources.lexicons
    var values = [Double](repeating: 0, count: names.count)
    // Names not in `names` are a programming error caught by the tests (every feature is set).
    func set(_ name: String, _ value: Double) { if let slot = index[name] { values[slot] = value } }
    func flag(_ name: String, _ on: Bool) { if on { set(name, 1) } }
    set("bias", 1)
    set("overlap", judgement.overlap)
    var blockTerms = Set<String>()
    for turn in block where conversation.turns[turn].role == .customer {
      blockTerms.formUnion(conversation.contentTerms[turn])
    }
    var replyTerms = Set<String>()
    for reply in replies { replyTerms.formUnion(conversation.contentTerms[reply.index]) }
    set("block_overlap", weightedOverlap(blockTerms, replyTerms, corpus: conversation.resources.corpus))
    flag("type_match", judgement.typeMatch)
    let kinds = judgement.deflectionKinds
    var words = 0
    var hasQuestion = false
    var asksInfo = false
    var apology = false
    var link = false
    var digits = false
    var amount = false
    var time = false
    var steps = false
    var promise = false
    var resolved = false
    var fix = false
    var explains = false
    for reply in replies {
      let text = conversation.texts[reply.index]
      if !asksInfo { asksInfo = !lexicons.asks.matches(in: text).isEmpty }
      if !promise { promise = !lexicons.promises.matches(in: text).isEmpty }
      if !resolved { resolved = !lexicons.agentResolved.matches(in: text).isEmpty }
      if text.bytes.contains(UInt8(ascii: "$")) || text.bytes.contains(0xC2) { amount = true }
      text.bytes.withUnsafeBufferPointer { bytes in
        for token in text.tokens {
          switch token.kind {
          case .word:
            words += 1
            let classes = VerdictWords.classes(bytes, token.range)
            if classes & VerdictWords.apology != 0 { apology = true }
            if classes & VerdictWords.step != 0 { steps = true }
            if classes & VerdictWords.amount != 0 { amount = true }
            if classes & VerdictWords.time != 0 { time = true }
            if classes & VerdictWords.fix != 0 { fix = true }
            if classes & VerdictWords.explain != 0 { explains = true }
          case .number:
            words += 1
            digits = true
          case .url:
            link = true
          case .punctuation where bytes[token.start] == UInt8(ascii: "?"):
            hasQuestion = true
          default:
            break
          }
        }
      }
    }
    // An acknowledgement of the customer's private message is a DM handoff too.
    let dm = kinds.contains("dm") || replies.contains { mentionsDM(conversation.texts[$0.index]) }
    flag("deflect_dm", dm)
    flag("deflect_faq", kinds.contains("faq"))
    flag("deflect_elsewhere", kinds.contains("elsewhere") && judgement.deflection != nil)
    flag("deflect_cannot", kinds.contains("cannot"))
    flag("deflect_feedback", kinds.contains("feedback"))
    flag("deflect_nonews", kinds.contains("nonews"))
    flag("deflect_tellmore", kinds.contains("tellmore"))
    // A link with little around it: a help page or form stands in for the answer.
    flag("link_thin", link && judgement.contentWords <= 10)
    // A question back that uses the question's words is a relevant clarifying question.
    set("clarify_overlap", hasQuestion ? judgement.overlap : 0)
    // Overlap of a reply that neither deflects nor moves to DM: the reply engages in the open.
    let deflects = !kinds.isEmpty || replies.contains { mentionsDM(conversation.texts[$0.index]) }
    set("open_overlap", deflects ? 0 : judgement.overlap)
    flag("shares_number", sharesNumber(block: block, replies: replies, conversation))
    let questionText = conversation.texts[question.turn]
    var privateTopic = false
    for turn in block where conversation.turns[turn].role == .customer {
      if !lexicons.privateTopics.matches(in: conversation.texts[turn]).isEmpty { privateTopic = true }
    }
    flag("private_topic", privateTopic)
    flag("dm_private", dm && privateTopic)
    // A general question (nothing of the customer's own: no "my", "I", "me") could be answered in
    // the open, so a DM in its place talks past it.
    flag("dm_general", dm && !privateTopic && !speaksOfSelf(block: block, conversation))
    flag("dm_only", dm && judgement.contentWords <= 6)
    flag("asks_back", judgement.asksBack)
    flag("has_question", hasQuestion)
    flag("asks_info", asksInfo)
    flag("empathy_only", judgement.emptyEmpathy)
    flag("apology", apology)
    flag("template", judgement.templateUses != nil)
    flag("link", link)
    flag("digits", digits)
    flag("amount", amount)
    flag("time_words", time)
    flag("steps", steps)
    flag("promise", promise)
    flag("agent_resolved", resolved)
    set("log_reply_words", log(1 + Double(words)))
    set("log_content_words", log(1 + Double(judgement.contentWords)))
    set("reply_turns", Double(min(replies.count, 3)) / 3)
    flag("contact_question", judgement.asksForContact)
    flag("explicit_question", explicit)
    set("mood", conversation.sentiments[question.turn].compound)
    set("log_question_words", log(1 + Double(questionText.tokens.reduce(0) { $0 + ($1.kind == .word ? 1 : 0) })))
    // How the customer took the reply: thanks, anger, or "still not working" right after it.
    if let last = replies.last, let next = conversation.turns.first(where: { $0.index > last.index }),
      next.role == .customer
    {
      let text = conversation.texts[next.index]
      let thanks = text.bytes.withUnsafeBufferPointer { bytes in
        text.tokens.contains { $0.kind == .word && VerdictWords.classes(bytes, $0.range) & VerdictWords.thanks != 0 }
      }
      flag("next_thanks", thanks)
      flag("next_negative", conversation.sentiments[next.index].compound <= -0.3)
      flag("next_still_broken", !lexicons.unresolved.matches(in: text).isEmpty)
    }
    // A DM or a bare link for a question about how a product works, which could be answered in
    // the open (the guide's not_answered), unless the question needs the customer's own data.
    let handoff = dm || (link && judgement.contentWords <= 10)
    flag("handoff_product", handoff && !privateTopic && blockHas(VerdictWords.product, block: block, conversation))
    // A fix to try, in the open (not a DM request that mentions trying).
    flag("fix_try", fix && !dm)
    flag("explains", explains && !deflects)
    // The same deflection after the customer said they already did that, or again after an
    // earlier deflection (labeling-guide.md: not_answered).
    let deflection = deflects || handoff
    flag(
      "repeat_deflect",
      deflection
        && (blockHas(VerdictWords.already, block: block, conversation)
          || previousBurstDeflected(before: block, dm: dm, conversation))
    )
    flag("info_question", isInfoQuestion(question, conversation))
    let context = VerdictContext.values(
      questionTurn: question.turn, replies: replies, deflects: dm || deflects || handoff, in: conversation)
    for (name, value) in zip(VerdictContext.names, context) { set(name, value) }
    let typeName: String
    switch question.type {
    case .time: typeName = "type_time"
    case .place: typeName = "type_place"
    case .amount: typeName = "type_amount"
    case .reason: typeName = "type_reason"
    case .howto: typeName = "type_howto"
    case .yesno: typeName = "type_yesno"
    case .request: typeName = "type_request"
    case .other: typeName = "type_other"
    }
    set(typeName, 1)
    return values
  }

  /// The guide's bare DM, a DM with no question back for a question that could have been answered
  /// in the open: a question about how a product, app or device works, with no private-data words;
  /// or a general information question ("do you ship to…", "when does the store open") with
  /// nothing of the customer's own, met by a DM with little else. (A DM for any question without
  /// "my"/"I" caught mostly `partial` replies on the twcs labels: complaints about a store visit,
  /// a ride or an outage, which do need the customer's details.)
  static func isBareDM(_ values: [Double]) -> Bool {
    func on(_ name: String) -> Bool { index[name].map { values[$0] == 1 } ?? false }
    guard on("deflect_dm"), !on("has_question") else { return false }
    return on("handoff_product") || (on("dm_general") && on("dm_only") && on("info_question"))
  }

  /// Whether the question sentence opens as a general information question: an auxiliary and a
  /// subject ("do you", "can I", "is there") or a question word and an auxiliary ("when does",
  /// "how do"), mentions and hashtags before it skipped.
  static func isInfoQuestion(_ question: CustomerQuestion, _ conversation: AnalyzedConversation) -> Bool {
    let text = conversation.texts[question.turn]
    return text.bytes.withUnsafeBufferPointer { bytes in
      var first: UInt32?
      for position in question.tokenRange {
        let token = text.tokens[position]
        guard token.kind == .word else {
          // Mentions, hashtags and punctuation before the first word are skipped; after it, the
          // opening is over.
          if first == nil { continue }
          return false
        }
        let classes = VerdictWords.classes(bytes, token.range)
        guard let opening = first else {
          first = classes
          continue
        }
        if opening & VerdictWords.auxiliary != 0, classes & VerdictWords.subject != 0 { return true }
        if opening & VerdictWords.whWord != 0, classes & VerdictWords.auxiliary != 0 { return true }
        return false
      }
      return false
    }
  }

  /// The guide's private channel: a DM for a question about the customer's own account, order,
  /// billing or service, with no help-page, feedback or no-news deflection beside it.
  static func isPrivateChannel(_ values: [Double]) -> Bool {
    func on(_ name: String) -> Bool { index[name].map { values[$0] == 1 } ?? false }
    return on("dm_private") && !on("deflect_faq") && !on("deflect_feedback") && !on("deflect_nonews")
  }

  static let firstPerson: Set<String> = ["i", "my", "me", "mine", "i'm", "i've", "i'd", "im", "ive", "we", "our", "us"]

  /// Whether the customer's turns speak of themselves ("my order", "I can't").
  static func speaksOfSelf(block: Range<Int>, _ conversation: AnalyzedConversation) -> Bool {
    block.contains { turn in
      let text = conversation.texts[turn]
      guard conversation.turns[turn].role == .customer else { return false }
      return text.bytes.withUnsafeBufferPointer { bytes in
        text.tokens.contains {
          $0.kind == .word && VerdictWords.classes(bytes, $0.range) & VerdictWords.firstPerson != 0
        }
      }
    }
  }

  /// Whether the customer turns of `block` have a word of class `wordClass` (`VerdictWords`).
  static func blockHas(_ wordClass: UInt32, block: Range<Int>, _ conversation: AnalyzedConversation) -> Bool {
    block.contains { turn in
      guard conversation.turns[turn].role == .customer else { return false }
      let text = conversation.texts[turn]
      return text.bytes.withUnsafeBufferPointer { bytes in
        text.tokens.contains { $0.kind == .word && VerdictWords.classes(bytes, $0.range) & wordClass != 0 }
      }
    }
  }

  /// Whether the company turn just before `block` made the same kind of deflection: a DM again
  /// (when `dm`), or a link again.
  static func previousBurstDeflected(before block: Range<Int>, dm: Bool, _ conversation: AnalyzedConversation)
    -> Bool
  {
    var turn = block.lowerBound - 1
    while turn >= 0, !conversation.turns[turn].role.isCompanySide { turn -= 1 }
    guard turn >= 0 else { return false }
    let text = conversation.texts[turn]
    if dm { return mentionsDM(text) || !conversation.resources.lexicons.deflections.matches(in: text).isEmpty }
    return text.tokens.contains { $0.kind == .url }
  }

  /// Whether a reply repeats a number the customer gave (a flight, an order, a version, an amount).
  static func sharesNumber(block: Range<Int>, replies: [Turn], _ conversation: AnalyzedConversation) -> Bool {
    var numbers = Set<String>()
    for turn in block where conversation.turns[turn].role == .customer {
      let text = conversation.texts[turn]
      for token in text.tokens where token.kind == .number { numbers.insert(text.string(token)) }
    }
    guard !numbers.isEmpty else { return false }
    return replies.contains { reply in
      let text = conversation.texts[reply.index]
      return text.tokens.contains { $0.kind == .number && numbers.contains(text.string($0)) }
    }
  }

  /// Whether the text speaks of a direct or private message ("we've replied to your DM",
  /// "check your DMs"): the conversation moves to a private channel.
  static func mentionsDM(_ text: TokenizedText) -> Bool {
    text.bytes.withUnsafeBufferPointer { bytes in
      text.tokens.contains { $0.kind == .word && VerdictWords.classes(bytes, $0.range) & VerdictWords.dm != 0 }
    }
  }

}
