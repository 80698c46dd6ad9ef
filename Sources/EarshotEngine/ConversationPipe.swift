import EarshotModel
import EarshotScoring
import Foundation

/// The parallel path of `BatchRunner`: one thread reads the units in order, `jobs` threads score
/// their conversations (and `prepare` each scored one: its output encoded, say), and `next()` hands
/// the events back in reading order, each scored one with what `prepare` made of it.
///
/// Every conversation and diagnostic takes a sequence number when it is read; scored conversations
/// are handed on only when every earlier number has been, so the order is the reader's whatever
/// finishes first. Memory is bounded by a window: the reader waits while `window` numbers are read
/// but not yet consumed, or while the turns they hold pass `turnBudget` (so a file of huge
/// conversations does not fill the window with gigabytes).
///
/// What it costs is kept off the scoring threads' backs: the numbers live in a ring of `window`
/// slots (no dictionary, no generic stream in between); the reader hands over a few conversations
/// per lock round trip; and the three kinds of waiting are woken only when there is enough to do —
/// the reader when a quarter of the window is free, the consumer when a quarter of the window is
/// ready (or nothing more can become ready before it consumes), a scorer when there is work.
///
/// Threads, not tasks: the reader and the scorers block on the window and the queue, which must
/// never happen on the cooperative pool of Swift concurrency. The consumer is a task: it suspends.
final class ConversationPipe<Prepared: Sendable>: @unchecked Sendable {
  /// An event, and for a scored conversation what `prepare` made of it.
  typealias Event = (event: PipelineEvent, prepared: Prepared?)

  /// Events of consecutive sequence numbers, handed on together, and how many numbers they cover.
  struct Delivery: Sendable {
    /// The events, the last first: the consumer takes them with `popLast()`, which moves each out
    /// instead of copying it and destroying the array's copy after.
    var eventsLastFirst: [Event]
    var sequences: Int
  }

  /// What one sequence number holds.
  private enum Slot {
    case empty
    /// Read, waiting for a scoring thread.
    case queued(Conversation)
    /// Taken by a scoring thread.
    case scoring
    /// Ready to be handed on.
    case ready(Events)
  }

  /// A sequence number's events: nearly always one, which then needs no array of its own.
  private enum Events {
    case one(Event)
    case many([Event])
  }

  /// What the reader collects before handing it over in one lock round trip.
  private enum Item {
    case conversation(Conversation)
    case ready(Event)
  }

  /// The most conversations a scoring thread takes at once.
  static var batch: Int { 8 }
  /// The most items the reader collects before handing them over.
  static var readerBatch: Int { 8 }

  private let lock = PipeLock()
  private let window: Int
  private let turnBudget: Int
  /// Ready sequence numbers that wake a waiting consumer, and free room that wakes a waiting reader.
  private let wakeAfter: Int
  /// The window's slots and the turns each holds, at `sequence % window`.
  private var slots: [Slot]
  private var weights: [Int]
  /// Sequence numbers handed in by the reader.
  private var produced = 0
  /// The first sequence number no scoring thread has looked at.
  private var nextToScore = 0
  /// Sequence numbers waiting for a scoring thread.
  private var queued = 0
  /// `delivered..<readyEnd` are ready.
  private var readyEnd = 0
  private var delivered = 0
  private var consumed = 0
  private var turnsInFlight = 0
  private var producing = true
  private var cancelled = false
  private var threadsRunning = 0
  private var scorers = 1
  private var waitingScorers = 0
  /// The room the reader is waiting for (0 when it is not waiting).
  private var readerNeeds = 0
  /// The consumer, when it waits.
  private var consumer: UnsafeContinuation<Void, Never>?

  init(window: Int, turnBudget: Int) {
    self.window = max(Self.readerBatch, window)
    self.turnBudget = max(1, turnBudget)
    wakeAfter = max(1, self.window / 4)
    slots = Array(repeating: .empty, count: self.window)
    weights = Array(repeating: 0, count: self.window)
  }

  /// Starts the reader thread and `jobs` scoring threads, which call `prepare` for each scored
  /// conversation.
  func start(
    units: [WorkUnit], pipeline: Pipeline, jobs: Int,
    prepare: @escaping @Sendable (ConversationResult, Conversation) -> Prepared
  ) {
    lock.withLock {
      threadsRunning = jobs + 1
      scorers = max(1, jobs)
    }
    launch { [self] in
      defer { finishProducing() }
      var pending: [Item] = []
      var pendingTurns = 0
      pending.reserveCapacity(Self.readerBatch)
      // A handful at a time, and fewer when they are long (the turn budget bounds what is held).
      func add(_ item: Item) throws {
        if case .conversation(let conversation) = item { pendingTurns += conversation.turns.count }
        pending.append(item)
        if pending.count >= Self.readerBatch || pendingTurns * Self.readerBatch >= turnBudget {
          try hand(&pending)
          pendingTurns = 0
        }
      }
      for (index, unit) in units.enumerated() {
        // A cancelled run stops here; the error that cancelled it is the consumer's to throw.
        guard
          let failed = try? pipeline.read(
            unit, conversation: { try add(.conversation($0)) }, diagnostic: { try add(.ready((.diagnostic($0), nil))) })
        else { return }
        let end = UnitEnd(index: index, files: unit.files, failed: failed)
        guard (try? add(.ready((.unitFinished(end), nil)))) != nil else { return }
      }
      if !pending.isEmpty { try? hand(&pending) }
    }
    for _ in 0..<jobs {
      launch { [self] in
        defer { threadEnded() }
        let pipeline = pipeline.forScoringThread()
        while var work = nextWork() {
          // A few conversations per lock round trip: one conversation's scoring takes a fraction
          // of a millisecond, so waking threads for each one cost a good part of a core.
          var done: [(Int, Events)] = []
          done.reserveCapacity(work.count)
          // Taken from the end: each conversation is let go as soon as it is scored.
          work.reverse()
          while case (let sequence, let conversation)? = work.popLast() {
            var problems: [Event] = []
            let scored = pipeline.score(conversation, diagnose: { problems.append((.diagnostic($0), nil)) })
            if let scored {
              let event: Event = (
                .scored(scored.result, scored.conversation), prepare(scored.result, scored.conversation)
              )
              if problems.isEmpty {
                done.append((sequence, .one(event)))
                continue
              }
              problems.append(event)
            }
            done.append((sequence, problems.count == 1 ? .one(problems[0]) : .many(problems)))
          }
          complete(&done)
        }
      }
    }
  }

  /// The next events, in order, or nil when every thread has ended and everything was handed on
  /// (or the run was cancelled). Call `consumed(_:)` once a delivery is handled.
  func next() async -> Delivery? {
    while true {
      let taken: Delivery?? = lock.withLock {
        if deliverable { return .some(takeDelivery()) }
        if finished { return .some(nil) }
        return nil
      }
      if let taken { return taken }
      await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
        let now = lock.withLock {
          if deliverable || finished { return true }
          consumer = continuation
          return false
        }
        if now { continuation.resume() }
      }
    }
  }

  /// Called by the consumer after it handled `delivery`: its numbers leave the window.
  func consumed(_ delivery: Delivery) {
    lock.withLock {
      for _ in 0..<delivery.sequences {
        let slot = consumed % window
        turnsInFlight -= weights[slot]
        weights[slot] = 0
        consumed += 1
      }
      if readerNeeds > 0 && hasRoom(for: readerNeeds) { lock.signal(.room) }
    }
  }

  /// Stops reading and scoring (the consumer failed); `next()` returns nil once threads end.
  func cancel() {
    let waiting = lock.withLock {
      cancelled = true
      lock.broadcast(.room)
      lock.broadcast(.work)
      return consumerIfDue()
    }
    waiting?.resume()
  }

  private func launch(_ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    // Scoring recurses no deeper than on the main thread; give it the main thread's usual stack.
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Whether `count` more numbers fit in the window. Holds the lock.
  private func hasRoom(for count: Int) -> Bool {
    produced - consumed + count <= window && (turnsInFlight < turnBudget || produced == consumed)
  }

  /// Hands what the reader collected to the window, waiting for room first; empties `items`.
  /// Throws when the run was cancelled.
  private func hand(_ items: inout [Item]) throws {
    let waiting = try lock.withLock {
      if !cancelled && !hasRoom(for: items.count) {
        // Woken once a quarter of the window is free, not at every number consumed.
        readerNeeds = min(window, max(items.count, wakeAfter))
        // Nothing more may become ready until the consumer makes room: it must not wait for more.
        if let waiting = consumerIfDue() { waiting.resume() }
        while !cancelled && !hasRoom(for: readerNeeds) { lock.wait(.room) }
        readerNeeds = 0
      }
      if cancelled { throw RunCancelled() }
      // Taken from the end (moved, not copied), each into its own number.
      let first = produced
      produced += items.count
      while let item = items.popLast() {
        let slot = (first + items.count) % window
        switch consume item {
        case .conversation(let conversation):
          slots[slot] = .queued(conversation)
          weights[slot] = conversation.turns.count
          turnsInFlight += conversation.turns.count
          queued += 1
        case .ready(let event):
          slots[slot] = .ready(.one(event))
        }
      }
      if queued > 0 && waitingScorers > 0 { lock.broadcast(.work) }
      advanceReady()
      return consumerIfDue()
    }
    waiting?.resume()
  }

  /// The next conversations to score (up to `batch`, never more than a fair share of what waits),
  /// or nil when reading is over and nothing waits (or cancelled).
  private func nextWork() -> [(Int, Conversation)]? {
    lock.withLock {
      while queued == 0 && producing && !cancelled {
        waitingScorers += 1
        lock.wait(.work)
        waitingScorers -= 1
      }
      guard !cancelled, queued > 0 else { return nil }
      let share = max(1, min(Self.batch, queued / scorers))
      var work: [(Int, Conversation)] = []
      work.reserveCapacity(share)
      while work.count < share {
        let index = nextToScore % window
        if case .queued = slots[index] {
          var slot = Slot.scoring
          swap(&slot, &slots[index])
          if case .queued(let conversation) = consume slot { work.append((nextToScore, conversation)) }
          queued -= 1
        }
        nextToScore += 1
      }
      return work
    }
  }

  /// Stores what a scoring thread made; empties `done`.
  private func complete(_ done: inout [(Int, Events)]) {
    let waiting = lock.withLock {
      while case (let sequence, let events)? = done.popLast() { slots[sequence % window] = .ready(events) }
      advanceReady()
      return consumerIfDue()
    }
    waiting?.resume()
  }

  /// Moves `readyEnd` past the numbers that are ready. Holds the lock.
  private func advanceReady() {
    while readyEnd < produced, case .ready = slots[readyEnd % window] { readyEnd += 1 }
  }

  /// Whether the consumer should take what is ready now: a quarter of the window, or whatever is
  /// ready when nothing else can be before it consumes (all read numbers are ready, and the reader
  /// waits for room or has ended). Holds the lock.
  private var deliverable: Bool {
    let ready = readyEnd - delivered
    guard ready > 0, !cancelled else { return false }
    return ready >= wakeAfter || (readyEnd == produced && (readerNeeds > 0 || !producing))
  }

  /// Whether nothing more will be handed on. Holds the lock.
  private var finished: Bool { threadsRunning == 0 && (cancelled || delivered == produced) }

  /// The waiting consumer, taken, when it has something to do. Holds the lock.
  private func consumerIfDue() -> UnsafeContinuation<Void, Never>? {
    guard let waiting = consumer, deliverable || finished else { return nil }
    consumer = nil
    return waiting
  }

  /// Every ready number from `delivered` on, moved out of the window (the last first). Holds the
  /// lock.
  private func takeDelivery() -> Delivery {
    var delivery = Delivery(eventsLastFirst: [], sequences: readyEnd - delivered)
    delivery.eventsLastFirst.reserveCapacity(delivery.sequences)
    for sequence in (delivered..<readyEnd).reversed() {
      var slot = Slot.empty
      swap(&slot, &slots[sequence % window])
      switch consume slot {
      case .ready(.one(let event)): delivery.eventsLastFirst.append(event)
      case .ready(.many(let list)): delivery.eventsLastFirst += list.reversed()
      default: break
      }
    }
    delivered = readyEnd
    return delivery
  }

  private func finishProducing() {
    let waiting = lock.withLock {
      producing = false
      lock.broadcast(.work)
      return consumerIfDue()
    }
    waiting?.resume()
    threadEnded()
  }

  private func threadEnded() {
    let waiting = lock.withLock {
      threadsRunning -= 1
      return consumerIfDue()
    }
    waiting?.resume()
  }
}
