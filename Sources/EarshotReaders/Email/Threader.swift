import Foundation

/// Groups messages into threads.
///
/// Membership follows the headers: messages that share an id through `Message-ID`, `In-Reply-To`
/// or `References` are one thread, even through a referenced message that is not in the input (a
/// ghost), as in jwz's algorithm and notmuch. A reply with neither header (`Re: …` from a client
/// that drops them) joins the thread with the same normalized subject that shares a participant.
/// Within a thread, messages are ordered by date, then by read order.
enum Threader {
  /// One thread: indices into the input, in date order, and its root.
  struct Thread {
    var members: [Int]
    /// The message that starts the thread: the earliest one whose parent is not among the members.
    var root: Int
    /// For each member, the member it answers (by `In-Reply-To`, else `References`), if present.
    var parents: [Int: Int]
  }

  /// Threads `messages`, ordered by their first message's date.
  static func threads(_ messages: [EmailMessage]) -> [Thread] {
    // Sorting compares indices through these keys: copying whole messages in comparators is slow.
    let keys = messages.map { SortKey(date: $0.date, ordinal: $0.ordinal) }
    var sets = DisjointSets()
    var byID: [String: Int] = [:]
    // Properties are read in place: binding whole messages to locals would copy every field.
    for index in messages.indices {
      let id = messages[index].id
      if byID[id] == nil { byID[id] = index }
      let node = sets.node(for: id)
      for link in messages[index].references { sets.union(node, sets.node(for: link)) }
      for link in messages[index].inReplyTo { sets.union(node, sets.node(for: link)) }
    }
    attachBySubject(messages, keys, &sets)
    var groups: [Int: [Int]] = [:]
    for index in messages.indices {
      groups[sets.find(sets.node(for: messages[index].id)), default: []].append(index)
    }
    var threads: [Thread] = []
    threads.reserveCapacity(groups.count)
    for members in groups.values {
      let memberSet = Set(members)
      var parents: [Int: Int] = [:]
      for index in members {
        // The claimed parent first, then back through the references until one is a member.
        let candidates = [messages[index].inReplyTo.last].compactMap { $0 } + messages[index].references.reversed()
        for candidate in candidates {
          if let parent = byID[candidate], parent != index, memberSet.contains(parent) {
            parents[index] = parent
            break
          }
        }
      }
      let depths = depths(of: members, parents: parents)
      // Date order; on equal dates a parent comes before its replies.
      let ordered = members.sorted { lhs, rhs in
        if keys[lhs].date == keys[rhs].date, depths[lhs] != depths[rhs] {
          return (depths[lhs] ?? 0) < (depths[rhs] ?? 0)
        }
        return keys[lhs] < keys[rhs]
      }
      let root = ordered.first { parents[$0] == nil } ?? ordered[0]
      threads.append(Thread(members: ordered, root: root, parents: parents))
    }
    return threads.sorted { keys[$0.members[0]] < keys[$1.members[0]] }
  }

  /// How many ancestors each member has (a loop in broken headers stops the count).
  ///
  /// Linear in the members: each member's depth is computed once, from its parent's, so a reply
  /// chain of 100,000 messages is not walked 100,000 times.
  static func depths(of members: [Int], parents: [Int: Int]) -> [Int: Int] {
    var result: [Int: Int] = [:]
    result.reserveCapacity(members.count)
    var path: [Int] = []
    var onPath = Set<Int>()
    for member in members where result[member] == nil {
      // Climb until a member whose depth is known, a root, or a loop.
      var current = member
      var base = -1
      while true {
        if let known = result[current] {
          base = known
          break
        }
        if onPath.contains(current) {
          // A loop: the message that closes it counts as a root, as the old walk stopped there.
          break
        }
        path.append(current)
        onPath.insert(current)
        guard let parent = parents[current] else { break }
        current = parent
      }
      // Unwind: the highest climbed member is one below `base`.
      for node in path.reversed() {
        base += 1
        result[node] = base
      }
      path.removeAll(keepingCapacity: true)
      onPath.removeAll(keepingCapacity: true)
    }
    return result
  }

  /// Date order; undated messages after dated ones; read order breaks ties.
  struct SortKey: Comparable {
    var date: Date?
    var ordinal: Int

    static func < (lhs: SortKey, rhs: SortKey) -> Bool {
      switch (lhs.date, rhs.date) {
      case (let left?, let right?) where left != right: return left < right
      case (.some, nil): return true
      case (nil, .some): return false
      default: return lhs.ordinal < rhs.ordinal
      }
    }
  }

  /// Replies without threading headers join the matching subject's thread when a participant is shared.
  ///
  /// The partner is the latest earlier message with the same subject that shares a participant:
  /// found per participant by binary search in that subject's and participant's messages in key
  /// order, so a long thread of header-less replies is n log n, not quadratic.
  private static func attachBySubject(_ messages: [EmailMessage], _ keys: [SortKey], _ sets: inout DisjointSets) {
    let orphans = messages.indices.filter { messages[$0].links.isEmpty && isReply(messages[$0].subject) }
    guard !orphans.isEmpty else { return }
    struct Slot: Hashable {
      var subject: String
      var participant: String
    }
    let subjects = messages.map { normalizedSubject($0.subject) }
    var bySlot: [Slot: [Int]] = [:]
    for index in messages.indices where !subjects[index].isEmpty {
      for participant in Set(messages[index].participants) {
        bySlot[Slot(subject: subjects[index], participant: participant), default: []].append(index)
      }
    }
    for key in bySlot.keys { bySlot[key]?.sort { keys[$0] < keys[$1] } }
    for index in orphans where !subjects[index].isEmpty {
      var partner: Int?
      for participant in Set(messages[index].participants) {
        guard let list = bySlot[Slot(subject: subjects[index], participant: participant)] else { continue }
        // The first position whose key is not before this message's key.
        var low = 0
        var high = list.count
        while low < high {
          let middle = (low + high) / 2
          if keys[list[middle]] < keys[index] { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { continue }
        let candidate = list[low - 1]
        if partner.map({ keys[$0] < keys[candidate] }) ?? true { partner = candidate }
      }
      if let partner {
        sets.union(sets.node(for: messages[index].id), sets.node(for: messages[partner].id))
      }
    }
  }

  private static let replyPrefixes: Set<String> = [
    "re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "antwort", "tr", "rif", "r", "ref", "réf", "odp", "res",
    "enc", "doorst", "vb", "ynt", "השב",
  ]

  /// Whether the subject starts with a reply or forward prefix (`Re:`, `AW:`, `SV:`, `Fwd:`…).
  static func isReply(_ subject: String) -> Bool {
    let (_, stripped) = stripPrefixes(subject)
    return stripped > 0
  }

  /// The subject without reply/forward prefixes and `[list]` tags, lowercased, spaces collapsed.
  static func normalizedSubject(_ subject: String) -> String {
    stripPrefixes(subject).rest.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(
      separator: " ")
  }

  private static func stripPrefixes(_ subject: String) -> (rest: String, count: Int) {
    var rest = Substring(subject)
    var count = 0
    while true {
      rest = rest.drop { $0 == " " || $0 == "\t" }
      if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
        // `[notmuch]`, `[support #123]`: list and ticket tags are not part of the topic.
        rest = rest[rest.index(after: close)...]
        continue
      }
      guard let colon = rest.firstIndex(where: { $0 == ":" || $0 == "：" }) else { break }
      var word = rest[..<colon].lowercased()
      // `RE[2]:`, `Re(3):`, `Re^2:`
      if let mark = word.firstIndex(where: { $0 == "[" || $0 == "(" || $0 == "^" }) {
        word = String(word[..<mark])
      }
      guard replyPrefixes.contains(word.trimmingCharacters(in: .whitespaces)) else { break }
      rest = rest[rest.index(after: colon)...]
      count += 1
    }
    return (String(rest), count)
  }
}

/// Union-find over message ids, with path compression.
struct DisjointSets {
  private var index: [String: Int] = [:]
  private var parent: [Int] = []

  /// The node for `id`, created on first use.
  mutating func node(for id: String) -> Int {
    if let existing = index[id] { return existing }
    let node = parent.count
    parent.append(node)
    index[id] = node
    return node
  }

  /// The representative of `node`'s set.
  mutating func find(_ node: Int) -> Int {
    var root = node
    while parent[root] != root { root = parent[root] }
    var current = node
    while parent[current] != root {
      let next = parent[current]
      parent[current] = root
      current = next
    }
    return root
  }

  /// Merges the sets of `lhs` and `rhs`.
  mutating func union(_ lhs: Int, _ rhs: Int) {
    let left = find(lhs)
    let right = find(rhs)
    if left != right { parent[max(left, right)] = min(left, right) }
  }
}
