import EarshotModel
import EarshotReaders
import EarshotReporters
import EarshotScoring
import EarshotStore
import Foundation

/// An incremental run over the same inputs every night: only files that are new or changed since
/// the last run are scored, and everything is scored again when the fingerprint changed.
///
/// A file is unchanged when its size and modification time match the store (fast pre-check) or,
/// failing that, its SHA-256 does, and its stored fingerprint is the current one. Results stream
/// into the store in transactions of a few dozen files, so a run killed halfway leaves the store
/// consistent and the next run scores only what is left. The store's lock makes a second run
/// started meanwhile fail at once with ``StoreError/locked(lockPath:holder:)``.
public struct NightlyJob: Sendable {
  /// Input files or folders (give the same paths every night: files are known by path).
  public var inputs: [String]
  /// The store: a SQLite path or a `postgres://` URL (``StoreLocation``).
  public var storePath: String
  /// Where to write the run's tables (`agents.csv`, `companies.csv`, ...), when set.
  public var outputDirectory: String?
  /// The configuration.
  public var configuration: EarshotConfiguration
  /// Parallel units.
  public var jobs: Int
  /// Units (files or groups) per store transaction.
  public var unitsPerTransaction: Int
  /// `(K, N)`: only shard K of N (1-based) is scored, and only its units are marked removed, so N
  /// processes can fill one PostgreSQL store at once.
  public var shard: (index: Int, count: Int)?
  /// The clock (injected by tests).
  public var now: @Sendable () -> Date

  /// Creates a job.
  public init(
    inputs: [String], storePath: String, outputDirectory: String? = nil, configuration: EarshotConfiguration,
    jobs: Int, unitsPerTransaction: Int = 64, shard: (index: Int, count: Int)? = nil,
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.inputs = inputs
    self.storePath = storePath
    self.outputDirectory = outputDirectory
    self.configuration = configuration
    self.jobs = jobs
    self.unitsPerTransaction = max(1, unitsPerTransaction)
    self.shard = shard
    self.now = now
  }

  /// A file of a unit, classified against the store.
  struct ClassifiedFile {
    var path: String
    var stamp: FileStamp
    var contentHash: String
    var change: Change
  }

  enum Change {
    case new, changed, sameContent
  }

  /// Runs it.
  ///
  /// - Parameters:
  ///   - report: called with each input problem found in this run.
  ///   - progress: files done, files to score, conversations scored so far.
  /// - Throws: ``StoreError/locked(lockPath:holder:)`` when another run holds the store; store or
  ///   output errors. Input problems never throw.
  public func run(
    report: (InputDiagnostic) -> Void, progress: (Int, Int, Int) -> Void = { _, _, _ in }
  ) async throws -> NightlySummary {
    let started = now()
    let location = try StoreLocation(storePath)
    let lock = try location.lockForRun(shard: shard)
    defer { withExtendedLifetime(lock) {} }
    // The same plan and pipeline as `batch` (corpus statistics included, learned before sharding),
    // so both score alike and every shard scores a unit as an unsharded run would.
    let run = try PreparedRun(inputs: inputs, configuration: configuration, shard: shard)
    let discovery = run.discovery
    let plan = run.plan
    let store = try lock.open()
    let fingerprint = NightlyFingerprint.compute(configuration: configuration)
    var summary = NightlySummary()
    summary.storePath = location.description
    let previousRun = try store.runs().last { $0.status == "succeeded" }
    summary.fingerprintChanged = previousRun.map { $0.fingerprint != fingerprint } ?? false

    let stored = try store.files()
    let runID = try store.beginRun(
      inputs: inputs, fingerprint: fingerprint, toolVersion: EarshotVersion.current, startedAt: started)
    summary.runID = runID
    var counts = RunCounts()
    do {
      for diagnostic in discovery.diagnostics {
        report(diagnostic)
        summary.count(diagnostic)
      }
      // Files under an input that is missing tonight (an unmounted share) or under a folder that
      // could not be listed are not "removed": whether they still exist is unknown.
      let missingInputs = discovery.unknownPaths
      let present = Set(discovery.files.map(\.path))
      let removed = stored.values.filter { file in
        file.status != .removed && !present.contains(file.path) && inShard(file.unitKey)
          && !missingInputs.contains { file.path == $0 || file.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
      }.map(\.path).sorted()
      try store.markRemoved(removed, runID: runID)
      counts.removed = removed.count
      let afterRemoval = removed.isEmpty ? stored : try store.files()

      // Files no reader recognizes are one-file units without a reader.
      var unreadable: [ProcessedUnit] = []
      var unreadableDiagnostics: [InputDiagnostic] = []
      for diagnostic in plan.diagnostics where inShard(diagnostic.location.file) {
        let path = diagnostic.location.file
        guard let file = try classify(path, unitKey: path, stored: afterRemoval, fingerprint: fingerprint) else {
          continue
        }
        if case .unchanged = file { counts.unchanged += 1; continue }
        guard case .scoring(let classified) = file else { continue }
        count(classified.change, into: &counts)
        counts.failed += 1
        unreadable.append(
          ProcessedUnit(
            key: path, files: [(path, classified.stamp, classified.contentHash)], results: [],
            diagnostics: [(path, diagnostic.description)], failed: true))
        unreadableDiagnostics.append(diagnostic)
      }
      for diagnostic in unreadableDiagnostics {
        report(diagnostic)
        summary.count(diagnostic)
      }
      try store.write(unreadable, runID: runID, fingerprint: fingerprint, counts: counts)

      // Classify every unit; only those with something new are read.
      var toScore: [(unit: WorkUnit, files: [ClassifiedFile])] = []
      var touched: [(path: String, stamp: FileStamp)] = []
      let storedPerUnit = Dictionary(grouping: afterRemoval.values.filter { $0.status != .removed }, by: \.unitKey)
        .mapValues(\.count)
      for unit in plan.units {
        var classified: [ClassifiedFile] = []
        var unchanged = storedPerUnit[unit.key] == unit.files.count
        var unitTouched: [(String, FileStamp)] = []
        for file in unit.files {
          switch try classify(file.path, unitKey: unit.key, stored: afterRemoval, fingerprint: fingerprint) {
          case .unchanged(let stamp, let hash, let stampMoved):
            classified.append(ClassifiedFile(path: file.path, stamp: stamp, contentHash: hash, change: .sameContent))
            if stampMoved { unitTouched.append((file.path, stamp)) }
          case .scoring(let file):
            classified.append(file)
            unchanged = false
          case nil:
            unchanged = false
          }
        }
        if unchanged {
          counts.unchanged += unit.files.count
          touched += unitTouched
        } else if classified.count == unit.files.count {
          toScore.append((unit, classified))
        } else {
          // A file vanished between discovery and hashing: tomorrow's run will see it.
          counts.unchanged += classified.count
        }
      }
      try store.updateStamps(touched)

      let totalFiles = toScore.reduce(0) { $0 + $1.files.count }
      var filesDone = 0
      var pending: [ProcessedUnit] = []
      var pendingConversations = 0
      // Events arrive in the units' order, whatever the number of jobs. A unit's results replace
      // its stored ones in one transaction, so they are gathered until the unit ends: results only
      // (redacted for the store), never the conversations' text, each encoded in the store's row
      // form as it arrives (as batch writes each result's line), so the result itself is freed here.
      var unitResults = EncodedResults()
      var unitDiagnostics: [InputDiagnostic] = []
      let writer = StoreWriter(store: store)
      defer { try? writer.finish() }
      try await run.stream(toScore.map(\.unit), jobs: jobs) { event in
        switch event {
        case .scored(let result, let conversation):
          unitResults.append(run.pipeline.shownResult(result, conversation: conversation, in: .store))
          return
        case .diagnostic(let diagnostic):
          report(diagnostic)
          summary.count(diagnostic)
          unitDiagnostics.append(diagnostic)
          return
        case .unitFinished(let end):
          let (unit, files) = toScore[end.index]
          for file in files {
            count(file.change, into: &counts)
            summary.bytesScored += file.stamp.size
          }
          let failedFiles = Set(unitDiagnostics.filter { !$0.isWarning }.map(\.location.file))
          counts.failed += end.failed ? files.count : files.filter { failedFiles.contains($0.path) }.count
          counts.conversationsScored += unitResults.count
          pending.append(
            ProcessedUnit(
              key: unit.key, files: files.map { ($0.path, $0.stamp, $0.contentHash) }, encoded: unitResults,
              diagnostics: unitDiagnostics.map { ($0.location.file, $0.description) }, failed: end.failed))
          pendingConversations += unitResults.count
          filesDone += files.count
          unitResults = EncodedResults()
          unitDiagnostics = []
        }
        if pending.count >= unitsPerTransaction || pendingConversations >= 2_000 {
          try writer.submit(pending, runID: runID, fingerprint: fingerprint, counts: counts)
          pending.removeAll(keepingCapacity: true)
          pendingConversations = 0
        }
        progress(filesDone, totalFiles, counts.conversationsScored)
      }
      try writer.submit(pending, runID: runID, fingerprint: fingerprint, counts: counts)
      try writer.finish()
      // Repeat contacts link conversations across units and runs: counted from every current result.
      let aggregation = try StoreCustomerHistory.adding(
        to: try store.finishRun(id: runID, counts: counts, finishedAt: now(), status: "succeeded"), from: store,
        customers: configuration.customers
      ).aggregation
      summary.counts = counts
      summary.counts.conversationsTotal = try store.runs().last { $0.id == runID }?.counts.conversationsTotal ?? 0
      if let outputDirectory { try writeTables(aggregation, summary: summary, to: outputDirectory) }
    } catch {
      try? store.abandonRun(id: runID, counts: counts, finishedAt: now())
      throw error
    }
    summary.seconds = now().timeIntervalSince(started)
    return summary
  }

  /// Whether a unit is this run's to write (every unit when unsharded).
  private func inShard(_ unitKey: String) -> Bool {
    guard let shard else { return true }
    return WorkPlan.key(unitKey, isInShard: shard.index, of: shard.count)
  }

  enum Classification {
    case unchanged(FileStamp, String, stampMoved: Bool)
    case scoring(ClassifiedFile)
  }

  /// Compares a file on disk with the store: size and modification time first, then the hash.
  func classify(_ path: String, unitKey: String, stored: [String: StoredFile], fingerprint: String) throws
    -> Classification?
  {
    guard let stamp = FileStamp.of(path: path) else { return nil }
    guard let known = stored[path], known.status != .removed else {
      return .scoring(ClassifiedFile(path: path, stamp: stamp, contentHash: try hash(path), change: .new))
    }
    let sameStamp = known.stamp == stamp && known.contentHash != nil
    let contentHash = sameStamp ? known.contentHash ?? "" : try hash(path)
    let sameContent = contentHash == known.contentHash
    if sameContent && known.fingerprint == fingerprint && known.unitKey == unitKey {
      return .unchanged(stamp, contentHash, stampMoved: !sameStamp)
    }
    return .scoring(
      ClassifiedFile(path: path, stamp: stamp, contentHash: contentHash, change: sameContent ? .sameContent : .changed))
  }

  private func hash(_ path: String) throws -> String {
    do {
      return try ContentHash.sha256(ofFile: path)
    } catch {
      // Unreadable files still get a row (the reader will report why); an empty hash never matches.
      return ""
    }
  }

  private func count(_ change: Change, into counts: inout RunCounts) {
    switch change {
    case .new: counts.new += 1
    case .changed: counts.changed += 1
    case .sameContent: counts.rescored += 1
    }
  }

  private func writeTables(_ aggregation: Aggregation, summary: NightlySummary, to directory: String) throws {
    struct Nightly: Encodable, Sendable {
      var runId: Int64
      var counts: RunCounts
      var fingerprintChanged: Bool
    }
    let body = Nightly(runId: summary.runID, counts: summary.counts, fingerprintChanged: summary.fingerprintChanged)
    let writer = try ReportWriter(directory: URL(fileURLWithPath: directory)) { ReporterRegistry.nightly(in: $0) }
    try writer.finish(RunTotals(aggregation: aggregation, ranking: configuration.aggregation.ranking, summary: body))
  }

}
