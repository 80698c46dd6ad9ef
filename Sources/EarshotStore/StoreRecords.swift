import EarshotScoring
import Foundation

/// What the store remembers about one input file.
public struct StoredFile: Sendable, Hashable {
  /// The path, as the user gave it.
  public var path: String
  /// The work unit the file was read in (its own path, or a group key such as a maildir).
  public var unitKey: String
  /// Size and modification time when it was last hashed.
  public var stamp: FileStamp
  /// SHA-256 of its contents, or nil when it must be read again (a file of its group went away).
  public var contentHash: String?
  /// The fingerprint of the configuration, lexicons, tool and schema it was scored with.
  public var fingerprint: String
  /// `current`, `failed` or `removed`.
  public var status: FileStatus

  /// Creates a record.
  public init(
    path: String, unitKey: String, stamp: FileStamp, contentHash: String?, fingerprint: String, status: FileStatus
  ) {
    self.path = path
    self.unitKey = unitKey
    self.stamp = stamp
    self.contentHash = contentHash
    self.fingerprint = fingerprint
    self.status = status
  }
}

/// The state of an input file in the store.
public enum FileStatus: String, Sendable, Codable, CaseIterable {
  /// Read and scored; its results are in the store.
  case current
  /// Could not be read (whole or in part); the problems are stored with it.
  case failed
  /// Gone from the inputs; its results were deleted, the row is kept as history.
  case removed
}

/// One processed work unit, ready to be written: its files, results and problems.
public struct ProcessedUnit: Sendable {
  /// The unit's key.
  public var key: String
  /// Its files, with the stamp and hash taken before reading.
  public var files: [(path: String, stamp: FileStamp, contentHash: String)]
  /// The results, in reading order (empty when they were given encoded).
  public var results: [ConversationResult]
  /// The results already in the store's row form, when the run encoded them as they were scored.
  public var encodedResults: EncodedResults?
  /// Problems found while reading, as printed (`file:line:col: error: ...`), by file path.
  public var diagnostics: [(file: String, message: String)]
  /// Whether reading stopped early.
  public var failed: Bool

  /// Creates a unit.
  public init(
    key: String, files: [(path: String, stamp: FileStamp, contentHash: String)], results: [ConversationResult],
    diagnostics: [(file: String, message: String)], failed: Bool
  ) {
    self.key = key
    self.files = files
    self.results = results
    self.diagnostics = diagnostics
    self.failed = failed
  }

  /// Creates a unit whose results were encoded as they were scored (``EncodedResults``).
  public init(
    key: String, files: [(path: String, stamp: FileStamp, contentHash: String)], encoded: EncodedResults,
    diagnostics: [(file: String, message: String)], failed: Bool
  ) {
    self.init(key: key, files: files, results: [], diagnostics: diagnostics, failed: failed)
    encodedResults = encoded
  }

  /// The number of results.
  public var resultCount: Int { encodedResults?.count ?? results.count }
}

/// What a run did, file by file.
public struct RunCounts: Sendable, Hashable, Codable {
  /// Files seen for the first time.
  public var new = 0
  /// Files whose content changed.
  public var changed = 0
  /// Files re-scored because the fingerprint (configuration, lexicons, version, schema) changed.
  public var rescored = 0
  /// Files skipped because nothing about them changed.
  public var unchanged = 0
  /// Files gone since the last run.
  public var removed = 0
  /// Files that could not be read in this run.
  public var failed = 0
  /// Conversations scored in this run.
  public var conversationsScored = 0
  /// Conversations in the store after the run (current files only).
  public var conversationsTotal = 0

  /// No counts yet.
  public init() {}
}

/// One run of `earshot nightly`, as stored.
public struct RunRecord: Sendable, Hashable {
  /// The run's id (increasing).
  public var id: Int64
  /// When it started and finished.
  public var startedAt: Date
  public var finishedAt: Date?
  /// `running`, `succeeded`, `failed` or `interrupted`.
  public var status: String
  /// The fingerprint it scored with.
  public var fingerprint: String
  /// The tool version.
  public var toolVersion: String
  /// What it did.
  public var counts: RunCounts
  /// Mean score over the store's current conversations after the run.
  public var meanScore: Double?
}

/// Minor and major findings of one detector across the store's current conversations.
public struct DetectorFindingCount: Sendable, Hashable {
  /// The detector's identifier.
  public var detector: String
  /// Findings by severity.
  public var info: Int
  public var minor: Int
  public var major: Int

  /// Creates a count.
  public init(detector: String, info: Int, minor: Int, major: Int) {
    self.detector = detector
    self.info = info
    self.minor = minor
    self.major = major
  }
}

/// One company's standing after one run, for trend lines.
public struct CompanyTrendPoint: Sendable, Hashable {
  /// The run.
  public var runID: Int64
  /// When the run finished.
  public var finishedAt: Date
  /// The company ("" when unknown).
  public var company: String
  /// Conversations and mean score.
  public var conversations: Int
  public var meanScore: Double?
}
