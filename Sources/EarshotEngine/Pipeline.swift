import EarshotDetectors
import EarshotModel
import EarshotPrivacy
import EarshotReaders
import EarshotScoring
import Foundation

/// What processing one work unit produced, all at once (see `Pipeline.process(_:)`).
public struct UnitOutcome: Sendable {
  /// The unit's files.
  public var files: [InputFile]
  /// The scored conversations, in reading order, with the conversations themselves.
  public var results: [(result: ConversationResult, conversation: Conversation)]
  /// Problems found while reading; the unit's other conversations were still scored.
  public var diagnostics: [InputDiagnostic]
  /// Whether reading stopped early (the rest of the file was unreadable).
  public var failed: Bool
}

/// Thrown from a reader's `emit` once the corpus sample is complete, to stop reading the file.
private struct SampleComplete: Error {}

/// Read → analyze → detect → score, for one unit of work. Safe to share across tasks.
public struct Pipeline: Sendable {
  /// The scorer.
  public private(set) var scorer: ConversationScorer
  /// Participant ids or names that are agents whatever the reader decided (`agents.addresses`).
  public let agentIDs: Set<String>
  /// What personal data is redacted, and where (`privacy:`).
  public let privacy: PrivacySettings
  private let redactor: Redactor
  /// The checks every conversation passes before it is scored (turns, bytes per turn, time bounds).
  public let limits: ConversationLimits
  /// Each conversation's support center (`centers:`).
  public let centers: CenterAssigner
  /// Customer keys and problem terms (`customers:`), or nil when customer history is off.
  public let customers: CustomerIdentifier?

  /// Creates a pipeline from a configuration.
  ///
  /// - Throws: `ConfigurationError` for invalid detector settings, `LexiconError` for broken lexicons.
  public init(configuration: EarshotConfiguration) throws {
    var resources = try AnalysisResources.loadDefault(additions: configuration.lexiconAdditions)
    // The non-answer detector's thresholds decide every question's verdict, in the analysis.
    let nonAnswer = configuration.detectors.values[NonAnswerDetector.description.identifier] ?? [:]
    if case .number(let value) = nonAnswer["answered_threshold"] { resources.answeredThreshold = value }
    if case .number(let value) = nonAnswer["partly_threshold"] { resources.partialThreshold = value }
    scorer = ConversationScorer(
      analyzer: ConversationAnalyzer(resources: resources), detectors: try configuration.detectorsInForce(),
      weights: configuration.scoringWeights, toolVersion: EarshotVersion.current)
    agentIDs = Set(configuration.agents.addresses.map { $0.lowercased() })
    privacy = configuration.privacy
    redactor = try Redactor(settings: configuration.privacy)
    limits = configuration.readers.limits
    centers = CenterAssigner(settings: configuration.centers)
    customers = try CustomerIdentifier(settings: configuration.customers, configurationFile: configuration.source)
  }

  /// The same pipeline with corpus statistics (word rarity, template replies) collected from the
  /// first conversations of `units`, read in order until `limit` conversations, with configured
  /// roles applied as when scoring: a deterministic sample, the same for every shard of a run.
  public func collectingCorpusStatistics(from units: [WorkUnit], limit: Int) -> Pipeline {
    let resources = scorer.analyzer.resources
    var builder = CorpusStatisticsBuilder(stopwords: resources.lexicons.stopwords)
    var conversations = 0
    for unit in units where conversations < limit {
      for file in unit.files where conversations < limit {
        // Reading stops at the limit (`SampleComplete` ends the reader): the rest of the file is
        // read again by the run itself, and reading it here too was a serial pass over the whole
        // of a one-file corpus before any job could start.
        try? unit.reader.read(
          file,
          emit: { conversation in
            guard conversations < limit else { throw SampleComplete() }
            guard let admitted = limits.admit(conversation, diagnose: { _ in }) else { return }
            builder.add(self.applyingConfiguredRoles(admitted))
            conversations += 1
            if conversations == limit { throw SampleComplete() }
          }, diagnose: { _ in })
      }
    }
    var copy = self
    copy.scorer = ConversationScorer(
      analyzer: ConversationAnalyzer(resources: resources.with(corpus: builder.build())),
      detectors: scorer.detectors, weights: scorer.weights, toolVersion: scorer.toolVersion)
    return copy
  }

  /// The same pipeline for one scoring thread of several: its analyzer's resources in a box of
  /// that thread's own (see `ConversationAnalyzer.withOwnResourceBox()`); the lexicons themselves
  /// are still shared, read-only.
  func forScoringThread() -> Pipeline {
    var copy = self
    copy.scorer = ConversationScorer(
      analyzer: scorer.analyzer.withOwnResourceBox(), detectors: scorer.detectors, weights: scorer.weights,
      toolVersion: scorer.toolVersion)
    return copy
  }

  /// Reads and scores every conversation of `unit`, holding all its results (`score` and tests;
  /// batch and nightly stream through `BatchRunner` instead).
  public func process(_ unit: WorkUnit) -> UnitOutcome {
    var results: [(ConversationResult, Conversation)] = []
    var diagnostics: [InputDiagnostic] = []
    // The closures never throw, so neither does `read`.
    let failed =
      (try? read(
        unit,
        conversation: { conversation in
          if let scored = self.score(conversation, diagnose: { diagnostics.append($0) }) { results.append(scored) }
        }, diagnostic: { diagnostics.append($0) })) ?? true
    return UnitOutcome(files: unit.files, results: results, diagnostics: diagnostics, failed: failed)
  }

  /// Reads `unit`, handing each conversation to `conversation` as soon as its reader completes it
  /// and each problem to `diagnostic`, in reading order. An error that ends a file becomes its last
  /// diagnostic; an error of `conversation` or `diagnostic` (the consumer's) stops reading and is
  /// thrown wrapped in `RunCancelled`, never taken for a problem of the file.
  ///
  /// - Returns: whether reading stopped early (the rest of a file was unreadable).
  /// - Throws: `RunCancelled` carrying the consumer's error.
  func read(
    _ unit: WorkUnit, conversation: (Conversation) throws -> Void, diagnostic: (InputDiagnostic) throws -> Void
  ) throws -> Bool {
    // `diagnose` of the reader protocol cannot throw: a consumer error met there is kept, and
    // reading stops at the next conversation.
    var stopped: RunCancelled?
    let diagnose: (InputDiagnostic) -> Void = { problem in
      guard stopped == nil else { return }
      do { try RunCancelled.wrapping { try diagnostic(problem) } } catch { stopped = error as? RunCancelled }
    }
    let emit: (Conversation) throws -> Void = { read in
      if let stopped { throw stopped }
      try RunCancelled.wrapping { try conversation(read) }
    }
    do {
      if let grouped = unit.reader as? any GroupedTranscriptReader, unit.files.count > 1 {
        try grouped.read(group: unit.files, emit: emit, diagnose: diagnose)
      } else {
        for file in unit.files {
          try unit.reader.read(file, emit: emit, diagnose: diagnose)
          if let stopped { throw stopped }
        }
      }
    } catch let stop as RunCancelled {
      throw stop
    } catch {
      if let stopped { throw stopped }
      let problem = error as? InputDiagnostic ?? InputDiagnostic(file: unit.files.first?.path ?? unit.key, "\(error)")
      try RunCancelled.wrapping { try diagnostic(problem) }
      return true
    }
    if let stopped { throw stopped }
    return false
  }

  /// The per-conversation step: the limits checked, configured roles applied, then scored. Problems
  /// go to `diagnose`; nil when the conversation cannot be scored. Independent of every other
  /// conversation, so conversations of one file can be scored in parallel.
  public func score(_ conversation: Conversation, diagnose: (InputDiagnostic) -> Void)
    -> (result: ConversationResult, conversation: Conversation)?
  {
    guard let admitted = limits.admit(conversation, diagnose: diagnose) else { return nil }
    let resolved = applyingConfiguredRoles(admitted)
    let scored = scorer.score(resolved)
    return (annotated(scored.result, analyzed: scored.analyzed), resolved)
  }

  /// `result` with its center and, when customer history is on, its customer key and problem
  /// terms: facts about the conversation that do not change its score.
  func annotated(_ result: ConversationResult, analyzed: AnalyzedConversation) -> ConversationResult {
    guard centers.isConfigured || customers != nil else { return result }
    var copy = result
    copy.center = centers.center(for: analyzed.conversation)
    customers?.annotate(&copy, analyzed: analyzed)
    return copy
  }

  /// `result` and its conversation as `output` may show them: with personal data replaced by
  /// placeholders when the configuration redacts it there. Detectors always saw the original.
  public func shown(
    _ result: ConversationResult, conversation: Conversation, in output: PrivacySettings.Output
  ) -> (result: ConversationResult, conversation: Conversation) {
    guard privacy.applies(to: output), privacy.redactsAnything else { return (result, conversation) }
    return redactor.redacting(result, conversation: conversation)
  }

  /// `result` as `output` may show it, like `shown(_:conversation:in:)` without the redacted
  /// conversation (batch and nightly write results only, so only quoted turns are scanned).
  public func shownResult(
    _ result: ConversationResult, conversation: Conversation, in output: PrivacySettings.Output
  ) -> ConversationResult {
    guard privacy.applies(to: output), privacy.redactsAnything else { return result }
    return redactor.redactingResult(result, conversation: conversation)
  }

  /// `result` redacted for `output` when its turns are not at hand (results read back from a store).
  public func shown(_ result: ConversationResult, in output: PrivacySettings.Output) -> ConversationResult {
    guard privacy.applies(to: output), privacy.redactsAnything else { return result }
    return redactor.redacting(result)
  }

  /// Marks configured agents as agents, in participants and turns.
  func applyingConfiguredRoles(_ conversation: Conversation) -> Conversation {
    guard !agentIDs.isEmpty else { return conversation }
    var copy = conversation
    var changed = Set<String>()
    for index in copy.participants.indices {
      let participant = copy.participants[index]
      let names = [participant.id.lowercased(), participant.name?.lowercased() ?? ""]
      if names.contains(where: agentIDs.contains), participant.role != .agent {
        copy.participants[index].role = .agent
        changed.insert(participant.id)
      }
    }
    for index in copy.turns.indices where changed.contains(copy.turns[index].speaker) {
      copy.turns[index].role = .agent
    }
    return copy
  }
}
