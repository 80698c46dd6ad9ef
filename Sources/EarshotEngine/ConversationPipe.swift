import EarshotModel
import EarshotScoring
import Foundation

/// The parallel path of `BatchRunner`: one thread reads the units in order, `jobs` threads score
/// their conversations (and `prepare` each scored one: its output encoded, say), and the events
/// come back through `events` in reading order, each scored one with what `prepare` made of it.
///
/// Every conversation and diagnostic takes a sequence number when it is read; scored conversations
/// are handed on only when every earlier number has been, so the order is the reader's whatever
/// finishes first. Memory is bounded by a window: the reader waits while `window` numbers are read
/// but not yet consumed, or while the turns they hold pass `turnBudget` (so a file of huge
/// conversations does not fill the window with gigabytes).
///
/// Threads, not tasks: the reader and the scorers block on the window and the queue, which must
/// never happen on the cooperative pool of Swift concurrency.
final class ConversationPipe<Prepared: Sendable>: @unchecked Sendable {
  /// An event, and for a scored conversation what `prepare` made of it.
  typealias Event = (event: PipelineEvent, prepared: Prepared?)

  private enum Slot {
    /// Read, waiting for a scoring thread (or being scored when `nil` was left in the queue).
    case waiting
    /// Ready to be handed on.
    case ready([Event])
  }

  /// Events of consecutive sequence numbers, handed on together, and how many numbers they cover.
  struct Delivery: Sendable {
    var events: [Event]
    var sequences: Int
  }

  /// The events, in order; finishes when every thread has ended.
  let events: AsyncStream<Delivery>
  private let continuation: AsyncStream<Delivery>.Continuation
  private let window: Int
  private let turnBudget: Int
  private let condition = NSCondition()
  private var slots: [Int: Slot] = [:]
  private var weights: [Int: Int] = [:]
  /// Conversations read, in order; an entry is emptied when a scoring thread takes it, so nothing
  /// scored stays referenced from here.
  private var queue: [(sequence: Int, conversation: Conversation?)] = []
  private var queueHead = 0
  private var produced = 0
  private var delivered = 0
  private var consumed = 0
  private var turnsInFlight = 0
  private var producing = true
  private var cancelled = false
  private var threadsRunning = 0
  private var scorers = 1

  /// The most conversations a scoring thread takes at once.
  static var batch: Int { 8 }

  init(window: Int, turnBudget: Int) {
    self.window = max(1, window)
    self.turnBudget = max(1, turnBudget)
    (events, continuation) = AsyncStream.makeStream(of: Delivery.self)
  }

  /// Starts the reader thread and `jobs` scoring threads, which call `prepare` for each scored
  /// conversation.
  func start(
    units: [WorkUnit], pipeline: Pipeline, jobs: Int,
    prepare: @escaping @Sendable (ConversationResult, Conversation) -> Prepared
  ) {
    condition.lock()
    threadsRunning = jobs + 1
    scorers = max(1, jobs)
    condition.unlock()
    launch { [self] in
      defer { finishProducing() }
      for (index, unit) in units.enumerated() {
        // A cancelled run stops here; the error that cancelled it is the consumer's to throw.
        guard
          let failed = try? pipeline.read(
            unit, conversation: { try self.submit($0) }, diagnostic: { try self.submit([(.diagnostic($0), nil)]) })
        else { return }
        guard (try? submit([(.unitFinished(UnitEnd(index: index, files: unit.files, failed: failed)), nil)])) != nil
        else { return }
      }
    }
    for _ in 0..<jobs {
      launch { [self] in
        defer { threadEnded() }
        while let work = nextWork() {
          // A few conversations per lock round trip: one conversation's scoring takes a fraction
          // of a millisecond, so waking threads for each one cost a good part of a core.
          let done = work.map { sequence, conversation in
            var events: [Event] = []
            if let scored = pipeline.score(conversation, diagnose: { events.append((.diagnostic($0), nil)) }) {
              events.append(
                (.scored(scored.result, scored.conversation), prepare(scored.result, scored.conversation)))
            }
            return (sequence, events)
          }
          complete(done)
        }
      }
    }
  }

  /// Called by the consumer after it handled one element of `events`.
  func consumed(_ delivery: Delivery) {
    condition.lock()
    for _ in 0..<delivery.sequences {
      turnsInFlight -= weights.removeValue(forKey: consumed) ?? 0
      consumed += 1
    }
    condition.broadcast()
    condition.unlock()
  }

  /// Stops reading and scoring (the consumer failed); `events` still finishes once threads end.
  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }

  private func launch(_ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    // Scoring recurses no deeper than on the main thread; give it the main thread's usual stack.
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Waits for room in the window; false when the run was cancelled meanwhile. Holds the lock.
  private func waitForRoom() -> Bool {
    while !cancelled
      && (produced - consumed >= window || (turnsInFlight >= turnBudget && produced > consumed))
    {
      condition.wait()
    }
    return !cancelled
  }

  /// A conversation read, to be scored.
  private func submit(_ conversation: Conversation) throws {
    condition.lock()
    defer { condition.unlock() }
    guard waitForRoom() else { throw RunCancelled() }
    slots[produced] = .waiting
    weights[produced] = conversation.turns.count
    turnsInFlight += conversation.turns.count
    queue.append((produced, conversation))
    produced += 1
    condition.broadcast()
  }

  /// Events with nothing to score (diagnostics of the reader, the end of a unit).
  private func submit(_ events: [Event]) throws {
    condition.lock()
    defer { condition.unlock() }
    guard waitForRoom() else { throw RunCancelled() }
    slots[produced] = .ready(events)
    produced += 1
    deliver()
  }

  /// The next conversations to score (up to `batch`, never more than a fair share of what waits),
  /// or nil when reading is over and the queue empty (or cancelled).
  private func nextWork() -> [(Int, Conversation)]? {
    condition.lock()
    defer { condition.unlock() }
    while queueHead == queue.count && producing && !cancelled { condition.wait() }
    guard !cancelled, queueHead < queue.count else { return nil }
    let share = max(1, min(Self.batch, (queue.count - queueHead) / scorers))
    var work: [(Int, Conversation)] = []
    for _ in 0..<share {
      let (sequence, conversation) = queue[queueHead]
      queue[queueHead].conversation = nil
      queueHead += 1
      if let conversation { work.append((sequence, conversation)) }
    }
    // Drop handed-out entries now and then, so the queue holds only what is waiting.
    if queueHead >= 256 && queueHead * 2 >= queue.count {
      queue.removeFirst(queueHead)
      queueHead = 0
    }
    return work
  }

  private func complete(_ done: [(Int, [Event])]) {
    condition.lock()
    defer { condition.unlock() }
    for (sequence, events) in done { slots[sequence] = .ready(events) }
    deliver()
  }

  /// Hands on every ready slot that follows the last one handed on, as one delivery. Holds the
  /// lock, so slots are yielded in sequence order.
  private func deliver() {
    var delivery = Delivery(events: [], sequences: 0)
    while case .ready(let events)? = slots[delivered] {
      slots[delivered] = nil
      delivery.events += events
      delivery.sequences += 1
      delivered += 1
    }
    if delivery.sequences > 0 { continuation.yield(delivery) }
  }

  private func finishProducing() {
    condition.lock()
    producing = false
    condition.broadcast()
    condition.unlock()
    threadEnded()
  }

  private func threadEnded() {
    condition.lock()
    threadsRunning -= 1
    let last = threadsRunning == 0
    condition.unlock()
    if last { continuation.finish() }
  }
}
