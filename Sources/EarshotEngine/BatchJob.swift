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
    // Sharded here rather than by `PreparedRun`, to know where each kept unit sits in the whole plan.
    var run = try PreparedRun(inputs: inputs, configuration: configuration, forcedFormat: forcedFormat)
    let whole = run.plan.units
    if let shard { run.plan.keepShard(shard.index, of: shard.count) }
    let layout = PlanLayout(whole: whole, kept: run.plan.units, forcedFormat: forcedFormat)
    let writer = try ReportWriter(
      directory: URL(fileURLWithPath: outputDirectory), reporters: ReporterRegistry.batch)
    // A shard also writes each unit's place and totals, for `earshot merge`.
    let unitsFile = try shard.map { _ in try writer.folder.stream(ShardUnit.fileName) }
    if shard == nil { try? FileManager.default.removeItem(atPath: writer.folder.path(ShardUnit.fileName)) }
    var aggregation = Aggregation()
    // What the repeat-contact pass needs of each result with a known customer: a few dozen bytes
    // each, kept while the results themselves stream out.
    var contacts: [CustomerContact] = []
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
    var unitIndex = 0
    let totalFiles = run.plan.units.reduce(0) { $0 + $1.files.count }
    // Events arrive in input order whatever the number of jobs; nothing of a file's text is held here.
    // Totals are summed per unit, then added in plan order: the order a merge of shards can repeat.
    var totals = UnitTotals()
    var unitDiagnostics = 0
    // Each result is redacted and encoded on the thread that scored it; here it is only written.
    let pipeline = run.pipeline
    let encode: @Sendable (ConversationResult, Conversation) -> EncodedResult = { result, conversation in
      EncodedResult(pipeline.shownResult(result, conversation: conversation, in: .evidence))
    }
    try await run.stream(jobs: jobs, prepare: encode) { event, encoded in
      switch event {
      case .scored(let result, let conversation):
        try writer.write(encoded ?? encode(result, conversation))
        totals.add(result)
        if let contact = CustomerContact(result) { contacts.append(contact) }
      case .diagnostic(let diagnostic):
        unitDiagnostics += 1
        try note(diagnostic)
      case .unitFinished(let end):
        for file in end.files {
          totals.bytes += (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
        }
        summary.add(totals)
        aggregation.merge(totals.aggregation)
        try unitsFile?.write(
          ShardUnit(
            position: layout.positions[unitIndex], key: run.plan.units[unitIndex].key,
            diagnostics: unitDiagnostics, totals: totals
          ).line())
        totals = UnitTotals()
        unitDiagnostics = 0
        unitIndex += 1
        done += end.files.count
        progress(done, totalFiles, summary.conversations)
      }
    }
    summary.filesWithProblems = problemFiles.count
    summary.seconds = Date().timeIntervalSince(started)
    let repeats = RepeatContacts.find(contacts, settings: configuration.customers.repeatContacts)
    aggregation.addRepeatContacts(repeats)
    try writer.finish(
      RunTotals(
        aggregation: aggregation, ranking: configuration.aggregation.ranking, summary: summary,
        repeatContacts: repeats))
    try unitsFile?.close()
    // Last, so a folder with a manifest is a finished batch output.
    let manifest = BatchManifest(
      configuration: configuration, forcedFormat: forcedFormat, layout: layout, shard: shard,
      diagnosticsBeforeUnits: run.diagnostics.count)
    try writer.folder.write(try manifest.encoded(), to: BatchManifest.fileName)
    return summary
  }
}
