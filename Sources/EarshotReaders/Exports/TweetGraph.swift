/// The reply links of a twcs file, kept as small integers so that the whole graph of a large file
/// fits in memory without its text (about 60 bytes per tweet).
///
/// Tweet ids are keyed as `Int64` when they are canonical decimal numbers (twcs ids always are);
/// any other spelling gets a negative key of its own, so two ids have the same key exactly when they
/// are the same string.
struct TweetGraph {
  /// The key of each accepted tweet, in file order.
  private(set) var keys: [Int64] = []
  private var indexByKey: [Int64: Int32] = [:]
  private var otherKeys: [String: Int64] = [:]
  /// The keys of every tweet's links (parent, then responses), flattened; `linkEnds[i]` ends tweet i's.
  private var links: [Int64] = []
  private var linkEnds: [Int32] = []

  /// The number of tweets.
  var count: Int { keys.count }

  /// The key of an id string.
  mutating func key(_ id: String) -> Int64 {
    if let number = Self.canonicalNumber(id) { return number }
    if let known = otherKeys[id] { return known }
    let key = -Int64(otherKeys.count) - 1
    otherKeys[id] = key
    return key
  }

  /// The key of an id string, without recording a new one (nil when the id was never seen).
  func existingKey(_ id: String) -> Int64? {
    Self.canonicalNumber(id) ?? otherKeys[id]
  }

  /// Whether a tweet with this id was already added.
  mutating func contains(_ id: String) -> Bool {
    indexByKey[key(id)] != nil
  }

  /// Adds a tweet and its links (ids that may be absent from the file).
  mutating func add(id: String, links linked: [String]) {
    let key = key(id)
    indexByKey[key] = Int32(keys.count)
    keys.append(key)
    for link in linked { links.append(self.key(link)) }
    linkEnds.append(Int32(links.count))
  }

  /// Connects linked tweets and returns, for every tweet, its component's root (the component's
  /// first tweet in file order) and, for every root, the index of the component's last tweet.
  ///
  /// Frees the links and the id index: only `keys` is kept, to check the second pass.
  mutating func components() -> (root: [Int32], last: [Int32]) {
    var parent = (0..<Int32(keys.count)).map { $0 }
    func root(_ index: Int32) -> Int32 {
      var node = index
      while parent[Int(node)] != node {
        parent[Int(node)] = parent[Int(parent[Int(node)])]
        node = parent[Int(node)]
      }
      return node
    }
    var start = 0
    for tweet in 0..<keys.count {
      let end = Int(linkEnds[tweet])
      for link in links[start..<end] {
        guard let other = indexByKey[link] else { continue }
        let (a, b) = (root(Int32(tweet)), root(other))
        if a != b { parent[Int(max(a, b))] = min(a, b) }
      }
      start = end
    }
    links = []
    linkEnds = []
    indexByKey = [:]
    var last = [Int32](repeating: -1, count: keys.count)
    for tweet in 0..<keys.count {
      let top = root(Int32(tweet))
      parent[tweet] = top
      last[Int(top)] = Int32(tweet)
    }
    return (parent, last)
  }

  /// `id` as a number when it is written the canonical way (no sign, no leading zero, fits Int64).
  static func canonicalNumber(_ id: String) -> Int64? {
    let bytes = id.utf8
    guard let first = bytes.first, first >= 0x31 && first <= 0x39 || (first == 0x30 && bytes.count == 1),
      bytes.count <= 18, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return nil }
    return Int64(id)
  }
}
