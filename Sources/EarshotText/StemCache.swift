#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Stems already computed, one table per thread.
///
/// Per thread, not shared: with one table behind a lock, every lookup of every scoring thread took
/// the same lock and the two cores passed its cache line back and forth (stems are looked up
/// dozens of times per conversation). A word stemmed on two threads is stemmed twice at most.
///
/// Bounded: when it holds `capacity` words it starts again empty, so a corpus with an endless
/// vocabulary (ids, misspellings) costs at most one table of that size per thread.
final class StemCache {
  /// The calling thread's cache, made on first use and freed when the thread ends.
  static var current: StemCache {
    if let stored = pthread_getspecific(key) {
      return Unmanaged<StemCache>.fromOpaque(stored).takeUnretainedValue()
    }
    let cache = StemCache(capacity: 200_000)
    pthread_setspecific(key, Unmanaged.passRetained(cache).toOpaque())
    return cache
  }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, releaseCache)
    return key
  }()

  private let capacity: Int
  private var table: [String: String] = [:]

  init(capacity: Int) { self.capacity = capacity }

  func stem(of word: String) -> String? { table[word] }

  func remember(_ stem: String, of word: String) {
    if table.count >= capacity { table.removeAll(keepingCapacity: true) }
    table[word] = stem
  }
}

/// Releases a thread's cache when the thread ends (the `pthread_key_create` destructor).
#if canImport(Darwin)
  private func releaseCache(_ stored: UnsafeMutableRawPointer) {
    Unmanaged<StemCache>.fromOpaque(stored).release()
  }
#else
  private func releaseCache(_ stored: UnsafeMutableRawPointer?) {
    guard let stored else { return }
    Unmanaged<StemCache>.fromOpaque(stored).release()
  }
#endif
