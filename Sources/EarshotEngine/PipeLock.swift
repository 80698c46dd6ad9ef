#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One mutex with two condition variables on it, for `ConversationPipe`: the reader waits for room
/// and the scoring threads for work on separate conditions, so freeing room wakes only the reader
/// and new work only the scorers (`NSCondition` has one condition: every broadcast woke everyone).
final class PipeLock: @unchecked Sendable {
  /// A condition waited on with the lock held.
  enum Condition {
    /// The reader waits for room in the window.
    case room
    /// Scoring threads wait for conversations to score.
    case work
  }

  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let room = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private let work = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  init() {
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(room, nil)
    pthread_cond_init(work, nil)
  }

  deinit {
    pthread_cond_destroy(work)
    pthread_cond_destroy(room)
    pthread_mutex_destroy(mutex)
    work.deallocate()
    room.deallocate()
    mutex.deallocate()
  }

  /// Runs `body` with the mutex held.
  func withLock<Value>(_ body: () throws -> Value) rethrows -> Value {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }

  /// Waits on `condition`; call with the mutex held (inside `withLock`), and check again after.
  func wait(_ condition: Condition) {
    pthread_cond_wait(pointer(condition), mutex)
  }

  /// Wakes one thread waiting on `condition`.
  func signal(_ condition: Condition) {
    pthread_cond_signal(pointer(condition))
  }

  /// Wakes every thread waiting on `condition`.
  func broadcast(_ condition: Condition) {
    pthread_cond_broadcast(pointer(condition))
  }

  private func pointer(_ condition: Condition) -> UnsafeMutablePointer<pthread_cond_t> {
    switch condition {
    case .room: room
    case .work: work
    }
  }
}
