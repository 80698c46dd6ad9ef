import EarshotModel
import EarshotText
import Foundation

/// Computes `ReplyRanker`'s feature vectors (in the order of `ReplyRanker.featureNames`) for the
/// replies of one thread. Kept apart from the ranker so the model (names and weights) reads on its own.
struct ReplyFeatures {
  let conversation: AnalyzedConversation
  let questionTurn: Int
  let answerTerms: [String: Double]

  /// The feature vector of every turn after `questionTurn`, by turn index.
  func all() -> [Int: [Double]] {
    let resources = conversation.resources
    let stopwords = resources.lexicons.stopwords
    let question = conversation.turns[questionTurn]
    let asker = question.speaker
    let replies = conversation.turns.filter { $0.index > questionTurn }
    guard !replies.isEmpty else { return [:] }
    let vectors = replies.map {
      TermVector(conversation.texts[$0.index], stopwords: stopwords, corpus: resources.corpus)
    }
    let questionVector = TermVector(conversation.texts[questionTurn], stopwords: stopwords, corpus: resources.corpus)
    let cosines = vectors.map { questionVector.cosine($0) }
    let wordCounts = replies.map { ReplyCues.words(conversation.texts[$0.index]).count }
    let meanLogWords = wordCounts.reduce(0.0) { $0 + log(1 + Double($1)) } / Double(replies.count)
    let sortedCosines = cosines.sorted(by: >)
    let authors = Dictionary(grouping: replies, by: \.speaker).mapValues(\.count)
    let names = Set(
      conversation.conversation.participants.compactMap { $0.name?.lowercased() }.filter { $0.count > 2 })
    // Forum peers agree with a right answer: similarity to the other (non-asker) replies.
    let answererPositions = replies.indices.filter { replies[$0].speaker != asker }
    var result: [Int: [Double]] = [:]
    for (position, reply) in replies.enumerated() {
      let text = conversation.texts[reply.index]
      let words = ReplyCues.words(text)
      let count = Double(words.count)
      let lowered = reply.text.lowercased()
      let ownName = conversation.conversation.participant(withID: reply.speaker)?.name?.lowercased()
      let firstPerson = Double(words.filter { $0 == "i" || $0 == "me" || $0 == "my" }.count)
      let exclamations = Double(reply.text.utf8.filter { $0 == UInt8(ascii: "!") }.count)
      let questionMarks = Double(reply.text.utf8.filter { $0 == UInt8(ascii: "?") }.count)
      let capitals = Double(reply.text.utf8.filter { $0 >= 0x41 && $0 <= 0x5A }.count)
      let opening = Set(ReplyCues.words(TokenizedText(String(reply.text.prefix(30)))))
      let earlier = replies[..<position]
      let later = replies[(position + 1)...]
      let others = answererPositions.filter { $0 != position }
      let consensus =
        others.isEmpty ? 0 : others.reduce(0.0) { $0 + vectors[position].cosine(vectors[$1]) } / Double(others.count)
      let previous = position > 0 ? replies[position - 1] : nil
      let next = later.first
      result[reply.index] = [
        1,
        Double(position + 1) / 10,
        reply.speaker == asker ? 1 : 0,
        log(1 + count),
        cosines[position],
        reply.text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("?") ? 1 : 0,
        ReplyCues.thanks(words, lowered) ? 1 : 0,
        words.contains { ReplyCues.banter.contains($0) } || lowered.contains("good luck") ? 1 : 0,
        text.tokens.contains { $0.kind == .url } ? 1 : 0,
        reply.text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } ? 1 : 0,
        count < 5 ? 1 : 0,
        Double(authors[reply.speaker] ?? 0) / 10,
        names.contains { $0 != ownName && lowered.contains($0) } ? 1 : 0,
        ReplyCues.advicePhrases.contains { lowered.contains($0) }
          || words.contains { ReplyCues.adviceWords.contains($0) }
          ? 1 : 0,
        words.contains { ReplyCues.amountWords.contains($0) } || reply.text.contains("$") ? 1 : 0,
        count > 0 ? firstPerson / count : 0,
        count > 0 ? exclamations / count : 0,
        Double(sortedCosines.firstIndex(of: cosines[position]) ?? 0) / 10,
        log(1 + count) - meanLogWords,
        opening.contains { ReplyCues.yesNo.contains($0) } ? 1 : 0,
        earlier.contains { $0.speaker == asker } ? 1 : 0,
        questionMarks > 0 ? 1 : 0,
        questionMarks / max(count, 1),
        earlier.contains { $0.speaker == reply.speaker } ? 0 : 1,
        Self.logHours(from: question.timestamp, to: reply.timestamp),
        // Two people talking to each other around this reply: chat, rarely an answer.
        previous != nil && previous?.speaker == next?.speaker && previous?.speaker != reply.speaker ? 1 : 0,
        reply.text.utf8.isEmpty ? 0 : capitals / Double(reply.text.utf8.count),
        // The asker thanking right after a reply, or later on, marks the replies that helped.
        next.map { $0.speaker == asker && ReplyCues.thanksAnywhere(conversation.texts[$0.index], $0.text) } == true
          ? 1 : 0,
        later.contains { $0.speaker == asker && ReplyCues.thanksAnywhere(conversation.texts[$0.index], $0.text) }
          ? 1 : 0,
        consensus,
        text.tokens.contains { $0.kind == .emoticon } ? 1 : 0,
        // Summed in sorted order so the score is the same to the last bit on every run.
        ReplyCues.lexiconTerms(text).sorted().reduce(0.0) { $0 + (answerTerms[$1] ?? 0) },
      ]
    }
    return result
  }

  /// log(1 + hours) from the question to the reply; 0 without both timestamps.
  static func logHours(from question: Date?, to reply: Date?) -> Double {
    guard let question, let reply else { return 0 }
    return log(1 + max(reply.timeIntervalSince(question), 0) / 3600)
  }
}
