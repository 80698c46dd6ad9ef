import EarshotModel
import EarshotReaders
import EarshotScoring
import Foundation

/// The one way into the pipeline, for `score`, `batch` and `nightly` alike: inputs discovered,
/// work planned, and a pipeline whose corpus statistics come from the run's first conversations
/// (read in input order, with configured roles applied, before any sharding), so every command
/// scores the same files the same way.
public struct PreparedRun: Sendable {
  /// The files found under the inputs, and what was passed over or could not be listed.
  public var discovery: InputDiscovery
  /// The units of work (files, or groups of files read together) and the files no reader takes.
  public var plan: WorkPlan
  /// Read → analyze → detect → score, with the run's corpus statistics.
  public var pipeline: Pipeline

  /// Discovers, plans and samples.
  ///
  /// - Parameters:
  ///   - inputs: files or folders.
  ///   - configuration: the configuration in force.
  ///   - forcedFormat: a reader identifier to use instead of detecting each file's format.
  ///   - shard: `(K, N)` keeps only shard K of N (1-based) after the statistics are learned.
  /// - Throws: `InputDiagnostic` for an unknown forced format, `ConfigurationError` or
  ///   `LexiconError` when the pipeline cannot be built. Unreadable inputs never throw.
  public init(
    inputs: [String], configuration: EarshotConfiguration, forcedFormat: String? = nil,
    shard: (index: Int, count: Int)? = nil
  ) throws {
    discovery = InputDiscovery(paths: inputs)
    plan = try WorkPlan(
      files: discovery.files, registry: .builtIn(options: configuration.readers), forcedFormat: forcedFormat)
    pipeline = try Pipeline(configuration: configuration)
      .collectingCorpusStatistics(from: plan.units, limit: configuration.analysis.corpusSample)
    if let shard { plan.keepShard(shard.index, of: shard.count) }
  }

  /// Problems found before any file was read: inputs that could not be listed, files no reader
  /// recognizes.
  public var diagnostics: [InputDiagnostic] { discovery.diagnostics + plan.diagnostics }

  /// Processes `units` (the whole plan by default) with at most `jobs` conversations scored at once,
  /// handing every event to `consume` in input order (see `BatchRunner`). Memory stays bounded
  /// whatever the size of a file.
  ///
  /// - Throws: what `consume` throws.
  public func stream(
    _ units: [WorkUnit]? = nil, jobs: Int, consume: (PipelineEvent) throws -> Void
  ) async throws {
    try await BatchRunner(jobs: jobs).run(units ?? plan.units, pipeline: pipeline, consume: consume)
  }

  /// Processes `units` like `stream(_:jobs:consume:)`, with `prepare` called for each scored
  /// conversation on the thread that scored it and its value handed to `consume` with the
  /// `.scored` event (nil with the others; see `BatchRunner.run(_:pipeline:prepare:consume:)`).
  ///
  /// - Throws: what `consume` throws.
  public func stream<Prepared: Sendable>(
    _ units: [WorkUnit]? = nil, jobs: Int,
    prepare: @escaping @Sendable (ConversationResult, Conversation) -> Prepared,
    consume: (PipelineEvent, Prepared?) throws -> Void
  ) async throws {
    try await BatchRunner(jobs: jobs).run(
      units ?? plan.units, pipeline: pipeline, prepare: prepare, consume: consume)
  }

  /// Processes `units` like `stream(_:jobs:consume:)`, handing `consume` one outcome per unit with
  /// all its results (held until the unit ends: for `score`, which shows a file's conversations together).
  ///
  /// - Throws: what `consume` throws.
  public func process(
    _ units: [WorkUnit]? = nil, jobs: Int, consume: (UnitOutcome) throws -> Void
  ) async throws {
    try await BatchRunner(jobs: jobs).runUnits(units ?? plan.units, pipeline: pipeline, consume: consume)
  }
}
