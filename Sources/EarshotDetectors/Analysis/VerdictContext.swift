import EarshotModel
import EarshotText

/// Signals of the thread before a question that the reply-verdict model weighs beside the
/// (question, reply) pair itself. The labeling guide judges a reply in its thread: a DM request
/// after the customer said their DMs go unanswered, or the same canned text the agent sent two
/// turns earlier, talks past the question however well it would read alone; and a reply addressed
/// to another customer of a shared thread does not answer this one.
enum VerdictContext {
  /// Feature names, in the order `values` returns them (appended to `VerdictFeatures.names`).
  static let names = [
    "earlier_reply", "earlier_deflection", "customer_unheard", "deflect_again", "reply_repeats", "other_addressee",
  ]

  /// The signals for `replies` to the question at `questionTurn`, in `names` order.
  ///
  /// `earlier_deflection` is an earlier company turn that moved to a direct message or deflected
  /// (`deflections.tsv`: a help link, "reach out to", "contact us"); `deflect_again` is such a move
  /// again, after it or after the customer said they were unheard. `reply_repeats` compares the
  /// replies with the last `repeatWindow` company turns before the question.
  ///
  /// - Parameter deflects: whether the replies move to a direct message or deflect.
  static func values(questionTurn: Int, replies: [Turn], deflects: Bool, in conversation: AnalyzedConversation)
    -> [Double]
  {
    let prefix = conversation.memo.threadPrefix { ThreadPrefix(conversation) }
    let flags = prefix.flags[questionTurn]
    let earlierDeflection = flags & ThreadPrefix.earlierDeflection != 0
    let unheard = flags & ThreadPrefix.unheard != 0
    var earlier: [Int] = []
    var previous = Int(prefix.previousCompany[questionTurn])
    while previous >= 0, earlier.count < repeatWindow {
      earlier.append(previous)
      previous = Int(prefix.previousCompany[previous])
    }
    return [
      flags & ThreadPrefix.earlierReply != 0 ? 1 : 0,
      earlierDeflection ? 1 : 0,
      unheard ? 1 : 0,
      deflects && (unheard || earlierDeflection) ? 1 : 0,
      earlier.isEmpty ? 0 : repetition(of: replies, earlier: earlier, conversation),
      addressesSomeoneElse(replies, asker: conversation.turns[questionTurn].speaker, conversation) ? 1 : 0,
    ]
  }

  /// How many earlier company turns a reply is compared with: a canned text comes back within a
  /// few turns, and a bound keeps a thread of many questions linear.
  static let repeatWindow = 3

  /// What the thread holds before each turn, found in one pass over the conversation (so that a
  /// conversation of many questions costs one pass, not one per question).
  struct ThreadPrefix: Sendable {
    static let earlierReply: UInt8 = 1
    static let earlierDeflection: UInt8 = 2
    static let unheard: UInt8 = 4

    /// Per turn position: a company turn came before it (`earlierReply`), one of them deflected
    /// (`earlierDeflection`), a customer turn up to and including it said it went unheard (`unheard`).
    let flags: [UInt8]
    /// Per turn position: the position of the last company turn before it, or −1.
    let previousCompany: [Int32]

    init(_ conversation: AnalyzedConversation) {
      let turns = conversation.turns
      var flags = [UInt8](repeating: 0, count: turns.count)
      var previousCompany = [Int32](repeating: -1, count: turns.count)
      var state: UInt8 = 0
      var lastCompany: Int32 = -1
      for position in turns.indices {
        let turn = turns[position]
        let text = conversation.texts[turn.index]
        if turn.role == .customer, state & Self.unheard == 0, VerdictContext.saysUnheard(text) {
          state |= Self.unheard
        }
        flags[position] = state
        previousCompany[position] = lastCompany
        guard turn.role.isCompanySide else { continue }
        state |= Self.earlierReply
        lastCompany = Int32(position)
        if state & Self.earlierDeflection == 0,
          VerdictFeatures.mentionsDM(text) || !conversation.resources.lexicons.deflections.matches(in: text).isEmpty
        {
          state |= Self.earlierDeflection
        }
      }
      self.flags = flags
      self.previousCompany = previousCompany
    }
  }

  /// Whether a customer turn says a private message went unheard or was already sent ("I already
  /// DMed you", "sent you a message", "still waiting", "my DMs go unanswered").
  static func saysUnheard(_ text: TokenizedText) -> Bool {
    text.bytes.withUnsafeBufferPointer { bytes in
      var dm = false
      var already = false
      var previous: UInt32 = 0
      for token in text.tokens where token.kind == .word {
        let classes = VerdictWords.classes(bytes, token.range)
        if classes & VerdictWords.unheard != 0 { return true }
        // "still waiting": an answer the customer was promised has not come.
        if classes & VerdictWords.waiting != 0, previous & VerdictWords.still != 0 { return true }
        if classes & VerdictWords.dm != 0 { dm = true }
        if classes & VerdictWords.already != 0 { already = true }
        previous = classes
      }
      return dm && already
    }
  }

  /// The highest share of words (Jaccard, words and numbers) the replies have in common with one
  /// earlier company turn: 1 when the agent sends the same text again.
  static func repetition(of replies: [Turn], earlier: [Int], _ conversation: AnalyzedConversation) -> Double {
    let reply = distinctWords(replies.map(\.index), conversation)
    guard !reply.isEmpty else { return 0 }
    var best = 0.0
    for turn in earlier {
      let words = distinctWords([turn], conversation)
      guard !words.isEmpty else { continue }
      var shared = 0
      var left = 0
      var right = 0
      // Both arrays are sorted and distinct: count the intersection in one merge.
      while left < reply.count, right < words.count {
        if reply[left] == words[right] {
          shared += 1
          left += 1
          right += 1
        } else if reply[left] < words[right] {
          left += 1
        } else {
          right += 1
        }
      }
      best = max(best, Double(shared) / Double(reply.count + words.count - shared))
    }
    return best
  }

  /// The sorted distinct term hashes of the word and number tokens of `turns`.
  static func distinctWords(_ turns: [Int], _ conversation: AnalyzedConversation) -> [Int] {
    var hashes: [Int] = []
    for turn in turns {
      let text = conversation.texts[turn]
      for (token, hash) in zip(text.tokens, text.termHashes) where token.kind == .word || token.kind == .number {
        hashes.append(hash)
      }
    }
    hashes.sortDistinct()
    return hashes
  }

  /// Whether the replies open by addressing someone (`@handle`) and never name the asker: in a
  /// thread several customers joined, such a reply answers another one.
  static func addressesSomeoneElse(_ replies: [Turn], asker: String, _ conversation: AnalyzedConversation) -> Bool {
    var opensWithMention = false
    for reply in replies {
      let text = conversation.texts[reply.index]
      if text.tokens.first?.kind == .mention { opensWithMention = true }
      for token in text.tokens where token.kind == .mention {
        if handle(text, token).elementsEqual(asker.utf8.lazy.map(ASCII.lowercase)) { return false }
      }
    }
    return opensWithMention
  }

  /// The mention's handle without its `@`, ASCII lowercased.
  static func handle(_ text: TokenizedText, _ token: Token) -> [UInt8] {
    text.bytes[(token.start + 1)..<token.end].map(ASCII.lowercase)
  }
}
