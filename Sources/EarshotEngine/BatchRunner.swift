import EarshotModel
import EarshotReaders
import EarshotScoring
import Foundation

/// Runs work units with at most `jobs` conversations scored at once and hands every event to the
/// caller in input order (units in order; inside a unit, conversations and diagnostics in reading
/// order), so outputs are the same whatever the number of jobs.
///
/// Conversations, not files, are the unit of parallel work: one large file keeps every job busy.
/// With one job, reading and scoring run in turn on the caller's task. With more, one thread reads
/// (units in order, conversation by conversation) and `jobs` threads score, a few conversations at
/// a time; only a window of `jobs × windowPerJob` read-but-unconsumed conversations (and at most
/// `turnBudget` turns among them) is held, so memory stays bounded however large a file is.
public struct BatchRunner: Sendable {
  /// How many conversations are scored at once.
  public var jobs: Int
  /// The most turns held by read-but-unconsumed conversations before the reader waits (one larger
  /// conversation is still let through alone).
  public var turnBudget: Int

  /// Read-but-unconsumed conversations allowed per job. The consumer and the reader are woken a
  /// quarter of the window at a time, so a larger window means fewer wake-ups (a conversation and
  /// its result are a few kilobytes; the turn budget bounds long ones).
  public static let windowPerJob = 64

  /// Creates a runner.
  public init(jobs: Int, turnBudget: Int = 200_000) {
    self.jobs = max(1, jobs)
    self.turnBudget = turnBudget
  }

  /// Processes `units` with `pipeline`, calling `consume` for each event in input order.
  ///
  /// - Throws: what `consume` throws; reading and scoring stop at once.
  public func run(
    _ units: [WorkUnit], pipeline: Pipeline, consume: (PipelineEvent) throws -> Void
  ) async throws {
    try await run(units, pipeline: pipeline, prepare: { _, _ in () }) { event, _ in try consume(event) }
  }

  /// Processes `units` like `run(_:pipeline:consume:)`, with `prepare` called for each scored
  /// conversation on the thread that scored it: per-result work that does not depend on order (the
  /// result redacted and encoded as its output line) is then shared by the jobs instead of
  /// serialized on the consumer. `consume` gets each event with `prepare`'s value for a `.scored`
  /// event, nil for the others.
  ///
  /// - Throws: what `consume` throws; reading and scoring stop at once.
  public func run<Prepared: Sendable>(
    _ units: [WorkUnit], pipeline: Pipeline,
    prepare: @escaping @Sendable (ConversationResult, Conversation) -> Prepared,
    consume: (PipelineEvent, Prepared?) throws -> Void
  ) async throws {
    if jobs == 1 {
      do {
        for (index, unit) in units.enumerated() {
          let failed = try pipeline.read(
            unit,
            conversation: { conversation in
              var problems: [InputDiagnostic] = []
              let scored = pipeline.score(conversation, diagnose: { problems.append($0) })
              for problem in problems { try consume(.diagnostic(problem), nil) }
              if let scored {
                try consume(
                  .scored(scored.result, scored.conversation), prepare(scored.result, scored.conversation))
              }
            }, diagnostic: { try consume(.diagnostic($0), nil) })
          try consume(.unitFinished(UnitEnd(index: index, files: unit.files, failed: failed)), nil)
        }
      } catch let stop as RunCancelled {
        throw stop.underlying ?? stop
      }
      return
    }
    let pipe = ConversationPipe<Prepared>(window: jobs * BatchRunner.windowPerJob, turnBudget: turnBudget)
    pipe.start(units: units, pipeline: pipeline, jobs: jobs, prepare: prepare)
    var failure: (any Error)?
    while var delivery = await pipe.next() {
      if failure == nil {
        do {
          while case (let event, let prepared)? = delivery.eventsLastFirst.popLast() { try consume(event, prepared) }
        } catch {
          failure = error
          pipe.cancel()
        }
      }
      pipe.consumed(delivery)
    }
    if let failure { throw failure }
  }

  /// Processes `units` like `run(_:pipeline:consume:)`, gathering each unit's events into one
  /// `UnitOutcome` (all its results held until the unit ends: for `score` and tests).
  public func runUnits(
    _ units: [WorkUnit], pipeline: Pipeline, consume: (UnitOutcome) throws -> Void
  ) async throws {
    var results: [(result: ConversationResult, conversation: Conversation)] = []
    var diagnostics: [InputDiagnostic] = []
    try await run(units, pipeline: pipeline) { event in
      switch event {
      case .scored(let result, let conversation): results.append((result, conversation))
      case .diagnostic(let diagnostic): diagnostics.append(diagnostic)
      case .unitFinished(let end):
        try consume(UnitOutcome(files: end.files, results: results, diagnostics: diagnostics, failed: end.failed))
        results = []
        diagnostics = []
      }
    }
  }
}
