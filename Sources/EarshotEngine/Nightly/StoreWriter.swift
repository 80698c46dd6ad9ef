import Dispatch
import EarshotStore
import Foundation

/// Writes a nightly run's batches of units into the store on a thread of its own, in order, so the
/// run keeps taking scored units from the workers while a batch is encoded, compressed and
/// committed. Without it the workers stall whenever a commit takes longer than their few finished
/// units waiting (one-conversation files fill that in microseconds).
///
/// At most two batches wait for the writer, so memory stays bounded; each is still one store
/// transaction, committed in the order submitted, so crash semantics are unchanged. A failed write
/// is thrown by the next ``submit(_:runID:fingerprint:counts:)`` or by ``finish()``.
final class StoreWriter: @unchecked Sendable {
  private let store: any ListeningStore
  private let queue = DispatchQueue(label: "earshot.nightly.store-writer")
  private let slots = DispatchSemaphore(value: 2)
  // Guarded by `lock`: the first error a background write met.
  private let lock = NSLock()
  private var failure: (any Error)?

  init(store: any ListeningStore) {
    self.store = store
  }

  /// Queues one batch (one transaction), waiting while two are already queued.
  func submit(_ units: [ProcessedUnit], runID: Int64, fingerprint: String, counts: RunCounts) throws {
    try rethrowFailure()
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      guard lock.withLock({ failure == nil }) else { return }
      do {
        try store.write(units, runID: runID, fingerprint: fingerprint, counts: counts)
      } catch {
        lock.withLock { failure = error }
      }
    }
  }

  /// Waits until every queued batch is committed, and throws the first write error, if any.
  func finish() throws {
    queue.sync {}
    try rethrowFailure()
  }

  private func rethrowFailure() throws {
    if let error = lock.withLock({ failure }) { throw error }
  }
}
