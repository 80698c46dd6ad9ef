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
  /// Template clusters: representative fingerprint → number of conversations using it.
  let templateClusters: [UInt64: Int]
  /// The representatives by each of their eight bytes, so near neighbours are found without a scan.
  let bands: [[UInt8: [UInt64]]]
  /// Conversations a near-duplicate reply must appear in to count as a template.
  public let templateMinimumConversations: Int

  /// Turns needed before corpus IDF replaces the built-in estimate.
  public static let minimumDocuments = 200
  /// Fingerprints this many bits apart or closer are the same template (unrelated texts sit about
  /// 32 bits apart). Below 16, two such fingerprints always share at least one of their sixteen
  /// 4-bit bands, which the band index relies on.
  public static let templateDistance = 10
  /// The band index: sixteen bands of four bits.
  static let bandCount = 16

  /// No statistics: built-in IDF estimates, no templates.
  public static let empty = CorpusStatistics(
    documents: 0, documentFrequency: [:], templateClusters: [:], bands: Array(repeating: [:], count: bandCount),
    templateMinimumConversations: 5)

  init(
    documents: Int, documentFrequency: [String: Int], templateClusters: [UInt64: Int], bands: [[UInt8: [UInt64]]],
    templateMinimumConversations: Int
  ) {
    self.documents = documents
    self.documentFrequency = documentFrequency
    self.templateClusters = templateClusters
    self.bands = bands
    self.templateMinimumConversations = templateMinimumConversations
  }

  /// The 4-bit value of band `band` of `fingerprint`.
  static func bandKey(_ fingerprint: UInt64, _ band: Int) -> UInt8 {
    UInt8(truncatingIfNeeded: (fingerprint >> UInt64(band * 4)) & 0xF)
  }

  /// The representatives of the clusters `fingerprint` is near.
  static func neighbours(of fingerprint: UInt64, in bands: [[UInt8: [UInt64]]]) -> [UInt64] {
    var result: [UInt64] = []
    for band in 0..<bandCount {
      for candidate in bands[band][bandKey(fingerprint, band)] ?? []
      where SimHash.distance(candidate, fingerprint) <= templateDistance && !result.contains(candidate) {
        result.append(candidate)
      }
    }
    return result
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
    CorpusStatistics.neighbours(of: fingerprint, in: bands).reduce(0) { max($0, templateClusters[$1] ?? 0) }
  }

  /// Whether `fingerprint` is a template reply in this corpus.
  public func isTemplate(_ fingerprint: UInt64) -> Bool {
    !templateClusters.isEmpty && templateUses(fingerprint) >= templateMinimumConversations
  }
}

/// Collects `CorpusStatistics` from conversations; merge builders from shards with `merge(_:)`.
public struct CorpusStatisticsBuilder: Sendable {
  var documents = 0
  var documentFrequency: [String: Int] = [:]
  /// Fingerprint clusters, found through the band index so lookups stay cheap.
  var clusters: [UInt64: Int] = [:]
  var bands: [[UInt8: [UInt64]]] = Array(repeating: [:], count: CorpusStatistics.bandCount)
  let stopwords: TermTable<Bool>

  /// Creates a builder that ignores `stopwords`.
  public init(stopwords: TermTable<Bool>) {
    self.stopwords = stopwords
  }

  /// Adds one conversation's turns.
  public mutating func add(_ conversation: Conversation) {
    var seenTemplates = Set<UInt64>()
    for turn in conversation.turns {
      let text = TokenizedText(turn.text)
      documents += 1
      for stem in ContentTerms.terms(in: text, stopwords: stopwords) { documentFrequency[stem, default: 0] += 1 }
      guard turn.role.isCompanySide, let fingerprint = SimHash.fingerprint(text) else { continue }
      let representative = cluster(for: fingerprint)
      if seenTemplates.insert(representative).inserted { clusters[representative, default: 0] += 1 }
    }
  }

  mutating func cluster(for fingerprint: UInt64) -> UInt64 {
    if let existing = CorpusStatistics.neighbours(of: fingerprint, in: bands).first { return existing }
    for band in 0..<CorpusStatistics.bandCount {
      bands[band][CorpusStatistics.bandKey(fingerprint, band), default: []].append(fingerprint)
    }
    return fingerprint
  }

  /// The statistics collected so far.
  public func build(templateMinimumConversations: Int = 5) -> CorpusStatistics {
    CorpusStatistics(
      documents: documents, documentFrequency: documentFrequency, templateClusters: clusters, bands: bands,
      templateMinimumConversations: templateMinimumConversations)
  }
}
