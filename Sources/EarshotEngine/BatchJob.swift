import EarshotModel
import EarshotReaders
import EarshotReporters
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
    let run = try PreparedRun(
      inputs: inputs, configuration: configuration, forcedFormat: forcedFormat, shard: shard)
    let writer = try ReportWriter(directory: URL(fileURLWithPath: outputDirectory), reporters: ReporterRegistry.batch)
    var aggregation = Aggregation()
    var summary = BatchSummary()
    summary.filesFound = run.discovery.files.count + run.discovery.diagnostics.count
    summary.filesSkipped = run.discovery.skipped.map(\.path)
    var problemFiles = Set<String>()
    func note(_ diagnostic: InputDiagnostic) throws {
      report(diagnostic)
      try writer.write(diagnostic)
      summary.count(diagnostic)
      if !diagnostic.isWarning { problemFiles.insert(diagnostic.location.file) }
    }
    for diagnostic in run.diagnostics { try note(diagnostic) }
    var done = 0
    let totalFiles = run.plan.units.reduce(0) { $0 + $1.files.count }
    // Events arrive in input order whatever the number of jobs; nothing of a file is held here.
    try await run.stream(jobs: jobs) { event in
      switch event {
      case .scored(let result, let conversation):
        try writer.write(run.pipeline.shown(result, conversation: conversation, in: .evidence).result)
        aggregation.add(result)
        summary.add(result)
      case .diagnostic(let diagnostic):
        try note(diagnostic)
      case .unitFinished(let end):
        for file in end.files {
          summary.bytes += (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
        }
        done += end.files.count
        progress(done, totalFiles, summary.conversations)
      }
    }
    summary.filesWithProblems = problemFiles.count
    summary.seconds = Date().timeIntervalSince(started)
    try writer.finish(RunTotals(aggregation: aggregation, ranking: configuration.aggregation.ranking, summary: summary))
    return summary
  }
}
