import EarshotModel
import EarshotReaders
import EarshotScoring
import Foundation

/// A whole batch: discover, plan, run in parallel, write outputs, summarize.
public struct BatchJob: Sendable {
  /// Input files or folders.
  public var inputs: [String]
  /// The output folder.
  public var outputDirectory: String
  /// The configuration.
  public var configuration: EarshotConfiguration
  /// Parallel units.
  public var jobs: Int
  /// A format to force instead of sniffing.
  public var forcedFormat: String?
  /// `(K, N)`: run only shard K of N.
  public var shard: (index: Int, count: Int)?

  /// Creates a job.
  public init(
    inputs: [String], outputDirectory: String, configuration: EarshotConfiguration, jobs: Int,
    forcedFormat: String? = nil, shard: (index: Int, count: Int)? = nil
  ) {
    self.inputs = inputs
    self.outputDirectory = outputDirectory
    self.configuration = configuration
    self.jobs = jobs
    self.forcedFormat = forcedFormat
    self.shard = shard
  }

  /// Runs the batch. Each problem with an input goes to `report` as it is found.
  ///
  /// - Throws: when outputs cannot be written or the configuration is invalid; input problems never throw.
  public func run(report: (InputDiagnostic) -> Void, progress: (Int, Int, Int) -> Void = { _, _, _ in }) async throws
    -> BatchSummary
  {
    let started = Date()
    let discovery = InputDiscovery(paths: inputs)
    var plan = try WorkPlan(
      files: discovery.files, registry: .builtIn(options: configuration.readers), forcedFormat: forcedFormat)
    // Statistics come from the whole run's first conversations, before sharding, so every shard agrees.
    let pipeline = try Pipeline(configuration: configuration)
      .collectingCorpusStatistics(from: plan.units, limit: configuration.corpusSample)
    if let shard { plan.keepShard(shard.index, of: shard.count) }
    let writer = try BatchOutputWriter(directory: URL(fileURLWithPath: outputDirectory))
    var summary = BatchSummary()
    summary.filesFound = discovery.files.count + discovery.diagnostics.count
    summary.filesSkipped = discovery.skipped.map(\.path)
    var problemFiles = Set<String>()
    for diagnostic in discovery.diagnostics + plan.diagnostics {
      report(diagnostic)
      try writer.write(diagnostic)
      summary.count(diagnostic)
      if !diagnostic.isWarning { problemFiles.insert(diagnostic.location.file) }
    }
    var done = 0
    let totalFiles = plan.units.reduce(0) { $0 + $1.files.count }
    try await BatchRunner(jobs: jobs).run(plan.units, pipeline: pipeline) { outcome in
      for (result, _) in outcome.results {
        try writer.write(result)
        summary.conversations += 1
        summary.scoreSum += result.score.value
        for finding in result.findings where finding.severity != .info {
          summary.findings[finding.detector, default: 0] += 1
        }
      }
      for diagnostic in outcome.diagnostics {
        report(diagnostic)
        try writer.write(diagnostic)
        summary.count(diagnostic)
        if !diagnostic.isWarning { problemFiles.insert(diagnostic.location.file) }
      }
      for file in outcome.files {
        summary.bytes += (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
      }
      done += outcome.files.count
      progress(done, totalFiles, summary.conversations)
    }
    summary.filesWithProblems = problemFiles.count
    summary.seconds = Date().timeIntervalSince(started)
    try writer.finish(summary: summary, ranking: configuration.ranking)
    return summary
  }
}
