import Synchronization

/// Stems already computed, shared by the scoring threads.
///
/// Bounded: when it holds `capacity` words it starts again empty, so a corpus with an endless
/// vocabulary (ids, misspellings) costs at most one table of that size.
final class StemCache: Sendable {
  static let shared = StemCache(capacity: 200_000)

  private let capacity: Int
  private let table = Mutex<[String: String]>([:])

  init(capacity: Int) { self.capacity = capacity }

  func stem(of word: String) -> String? {
    table.withLock { $0[word] }
  }

  func remember(_ stem: String, of word: String) {
    table.withLock { table in
      if table.count >= capacity { table.removeAll(keepingCapacity: true) }
      table[word] = stem
    }
  }
}
