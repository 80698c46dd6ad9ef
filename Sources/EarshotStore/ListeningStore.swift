import EarshotScoring
import Foundation

/// What `earshot nightly` and `earshot report` need from a store, whatever holds it: the SQLite
/// file (``EarshotStore``) or a PostgreSQL database (``PostgresStore``).
///
/// Both back ends keep the same tables under the same named migrations (`docs/store.md`), write in
/// one transaction per batch of units, and give the same answers to the queries, so a report is
/// byte-identical whichever back end (and however many shards) filled the store.
public protocol ListeningStore: AnyObject, Sendable {
  /// Where the store is, for messages: a path, or `host:port/database` (never a password).
  var displayName: String { get }

  /// The names of the migrations applied to this store, in order.
  func appliedMigrations() throws -> [String]

  // MARK: Running

  /// Starts a run: runs left `running` by a process that died become `interrupted`, and a new
  /// `running` row is created. Returns the run's id.
  func beginRun(inputs: [String], fingerprint: String, toolVersion: String, startedAt: Date) throws -> Int64
  /// Every file the store knows (removed ones included), by path.
  func files() throws -> [String: StoredFile]
  /// Marks files gone from the inputs as removed and deletes their results, in one transaction.
  func markRemoved(_ paths: [String], runID: Int64) throws
  /// Writes processed units in one transaction, with the run's progress counts.
  func write(_ units: [ProcessedUnit], runID: Int64, fingerprint: String, counts: RunCounts) throws
  /// Records new stamps of files whose content did not change.
  func updateStamps(_ stamps: [(path: String, stamp: FileStamp)]) throws
  /// Finishes a run: aggregates of the store's current contents are stored under it.
  @discardableResult
  func finishRun(id: Int64, counts: RunCounts, finishedAt: Date, status: String) throws -> Aggregation
  /// Marks a run that stopped on an error as `failed`, keeping what it committed.
  func abandonRun(id: Int64, counts: RunCounts, finishedAt: Date) throws

  // MARK: Reading

  /// Every run, oldest first.
  func runs() throws -> [RunRecord]
  /// The aggregates stored with a run.
  func aggregation(runID: Int64) throws -> Aggregation
  /// The aggregation of the store's current contents: every unit's totals merged in unit-key order
  /// (byte order), so it is the same however many runs or shards wrote them.
  func currentAggregation() throws -> Aggregation
  /// Counts of current conversations by score bin.
  func scoreHistogram(bins: Int) throws -> [Int]
  /// Findings of current conversations by detector and severity, detectors sorted by name.
  func findingCounts() throws -> [DetectorFindingCount]
  /// Each company's conversations and mean score after each succeeded run, oldest run first.
  func companyTrend() throws -> [CompanyTrendPoint]
  /// Every current result as stored (the compact JSON of `conversations.jsonl`), in input order.
  func currentResultLines() throws -> [String]
  /// An agent's lowest-scoring current conversations, worst first (ties in input order).
  func worstConversations(company: String, agent: String, limit: Int) throws -> [ConversationResult]
  /// Files that could not be read, with their problems, sorted by path.
  func failedFiles() throws -> [(path: String, problems: [String])]
  /// A canonical text dump of what the store knows about the inputs (no run ids, no timestamps).
  func contentDump() throws -> String
}
