import EarshotModel
import EarshotText
import Foundation

/// What the run's corpus says about words and replies: how rare each word stem is (IDF) and which
/// agent replies are templates reused across many conversations.
///
/// Built in a first pass over a deterministic sample of the run (`CorpusStatisticsBuilder`), then
/// shared read-only by every detector. Below `minimumDocuments` turns, IDF falls back to a built-in
/// estimate from word length, so small runs and single files still weigh rare words higher.
public struct CorpusStatistics: Sendable {
  /// Turns counted.
  public let documents: Int
  /// Turns containing each stem.
  let documentFrequency: [String: Int]
  /// Template clusters: their representative fingerprints, indexed for near-neighbour lookups.
  let templates: TemplateIndex
  /// Per representative (by its position in `templates`), the conversations that used the cluster.
  let templateConversations: [Int]
  /// Conversations a near-duplicate reply must appear in to count as a template.
  public let templateMinimumConversations: Int

  /// Turns needed before corpus IDF replaces the built-in estimate.
  public static let minimumDocuments = 200
  /// Fingerprints this many bits apart or closer are the same template (unrelated texts sit about
  /// 32 bits apart). At ten or less, two such fingerprints differ by one bit at most in one of
  /// `TemplateIndex`'s six blocks, which its lookups rely on.
  public static let templateDistance = 10

  /// No statistics: built-in IDF estimates, no templates.
  public static let empty = CorpusStatistics(
    documents: 0, documentFrequency: [:], templates: TemplateIndex(), templateConversations: [],
    templateMinimumConversations: 5)

  init(
    documents: Int, documentFrequency: [String: Int], templates: TemplateIndex, templateConversations: [Int],
    templateMinimumConversations: Int
  ) {
    self.documents = documents
    self.documentFrequency = documentFrequency
    self.templates = templates
    self.templateConversations = templateConversations
    self.templateMinimumConversations = templateMinimumConversations
  }

  /// Inverse document frequency of a stem: rarer stems weigh more.
  public func idf(_ stem: String) -> Double {
    guard documents >= CorpusStatistics.minimumDocuments else {
      // Built-in estimate: longer words tend to be rarer and more specific.
      return 1 + min(Double(stem.count), 10) / 4
    }
    let frequency = Double(documentFrequency[stem] ?? 0)
    return log((Double(documents) + 1) / (frequency + 1)) + 1
  }

  /// How many conversations of the sample used a reply near-identical to `fingerprint`.
  public func templateUses(_ fingerprint: UInt64) -> Int {
    var uses = 0
    templates.forEachNeighbour(of: fingerprint) { position, _ in uses = max(uses, templateConversations[position]) }
    return uses
  }

  /// Whether `fingerprint` is a template reply in this corpus.
  public func isTemplate(_ fingerprint: UInt64) -> Bool {
    !templates.isEmpty && templateUses(fingerprint) >= templateMinimumConversations
  }
}

/// Collects `CorpusStatistics` from conversations.
public struct CorpusStatisticsBuilder: Sendable {
  var documents = 0
  var documentFrequency: [String: Int] = [:]
  /// Fingerprint clusters by their representatives, found through the index so lookups stay cheap.
  var templates = TemplateIndex()
  /// Per cluster (by position in `templates`), the conversations that used it.
  var templateConversations: [Int] = []
  let stopwords: TermTable<Bool>

  /// Creates a builder that ignores `stopwords`.
  public init(stopwords: TermTable<Bool>) {
    self.stopwords = stopwords
  }

  /// Adds one conversation's turns.
  public mutating func add(_ conversation: Conversation) {
    var seenTemplates = Set<Int>()
    for turn in conversation.turns {
      let text = TokenizedText(turn.text)
      documents += 1
      for stem in ContentTerms.terms(in: text, stopwords: stopwords) { documentFrequency[stem, default: 0] += 1 }
      guard turn.role.isCompanySide, let fingerprint = SimHash.fingerprint(text) else { continue }
      let representative = cluster(for: fingerprint)
      if seenTemplates.insert(representative).inserted { templateConversations[representative] += 1 }
    }
  }

  /// The position of the cluster `fingerprint` joins: the nearest-listed existing one, or a new
  /// cluster it represents.
  mutating func cluster(for fingerprint: UInt64) -> Int {
    if let existing = templates.firstNeighbour(of: fingerprint) { return existing }
    templateConversations.append(0)
    return templates.add(fingerprint)
  }

  /// The statistics collected so far.
  public func build(templateMinimumConversations: Int = 5) -> CorpusStatistics {
    CorpusStatistics(
      documents: documents, documentFrequency: documentFrequency, templates: templates,
      templateConversations: templateConversations, templateMinimumConversations: templateMinimumConversations)
  }
}
