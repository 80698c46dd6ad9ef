import EarshotModel
import EarshotScoring
import Foundation

/// `manifest.json`: what a batch output folder holds, written last by every `earshot batch` (and
/// by `earshot merge`), so a folder without it is not a finished batch output.
///
/// `earshot merge` compares manifests to decide whether shards fit together: the same tool and
/// result schema, the same configuration and lexicons (one fingerprint), the same plan (every unit
/// key of the whole run, before sharding), and shards `1/N … N/N` each present once.
public struct BatchManifest: Codable, Sendable, Equatable {
  /// The file's name in the output folder.
  public static let fileName = "manifest.json"
  /// The value of ``format``: marks the folder as an Earshot batch output.
  public static let formatName = "earshot-batch"
  /// The manifest layout this build writes and reads.
  public static let currentVersion = 1

  /// Always ``formatName``.
  public var format: String
  /// The manifest layout (``currentVersion``).
  public var manifestVersion: Int
  /// The earshot version that scored the conversations.
  public var toolVersion: String
  /// The result schema version of `conversations.jsonl`.
  public var schemaVersion: Int
  /// SHA-256 over the configuration's raw text, the lexicons, the tool and schema versions (the
  /// nightly fingerprint): shards scored under different settings do not merge.
  public var configurationFingerprint: String
  /// The format forced with `--input-format`, if any.
  public var inputFormat: String?
  /// The whole run's plan, before sharding.
  public var plan: PlanIdentity
  /// Which shard this folder holds; absent for an unsharded (or merged) batch.
  public var shard: ShardSpec?
  /// How `agents.csv` ranks agents (`aggregation:` in earshot.yml), so a merge needs no configuration.
  public var ranking: RankingSettings
  /// How repeat contacts are found (`customers:` in earshot.yml), so a merge can run the pass again
  /// over every shard's results; absent when customer history is off (no result has a customer).
  public var repeatContacts: RepeatContactFields?
  /// The first lines of `diagnostics.jsonl`, written before any unit was read (inputs that could
  /// not be listed, files no reader recognizes); every shard writes the same ones.
  public var diagnosticsBeforeUnits: Int

  /// The whole plan: how many units, and a SHA-256 over the forced format and every unit key in order.
  public struct PlanIdentity: Codable, Sendable, Equatable {
    /// Units in the whole plan.
    public var units: Int
    /// The plan's fingerprint.
    public var fingerprint: String

    enum CodingKeys: String, CodingKey {
      case units, fingerprint
    }
  }

  /// `--shard K/N`, and how many of the plan's units the shard kept.
  public struct ShardSpec: Codable, Sendable, Equatable, CustomStringConvertible {
    /// K, 1-based.
    public var index: Int
    /// N.
    public var count: Int
    /// Units of the plan in this shard (lines of `units.jsonl`).
    public var units: Int

    public var description: String { "\(index)/\(count)" }

    enum CodingKeys: String, CodingKey {
      case index, count, units
    }
  }

  /// The ranking policy's settings.
  public struct RankingSettings: Codable, Sendable, Equatable {
    /// `aggregation.minimum_conversations`.
    public var minimumConversations: Int
    /// `aggregation.prior_strength`.
    public var priorStrength: Double

    /// The policy.
    public var ranking: AgentRanking {
      AgentRanking(minimumConversations: minimumConversations, priorStrength: priorStrength)
    }

    enum CodingKeys: String, CodingKey {
      case minimumConversations = "minimum_conversations"
      case priorStrength = "prior_strength"
    }
  }

  /// The repeat-contact settings.
  public struct RepeatContactFields: Codable, Sendable, Equatable {
    /// `customers.repeat_window_days` (or its default).
    public var windowDays: Double
    /// The problem terms two contacts must share.
    public var minSharedTerms: Int

    /// The settings.
    public var settings: RepeatContactSettings {
      RepeatContactSettings(windowDays: windowDays, minSharedTerms: minSharedTerms)
    }

    enum CodingKeys: String, CodingKey {
      case windowDays = "window_days"
      case minSharedTerms = "min_shared_terms"
    }
  }

  enum CodingKeys: String, CodingKey {
    case format
    case manifestVersion = "manifest_version"
    case toolVersion = "tool_version"
    case schemaVersion = "schema_version"
    case configurationFingerprint = "configuration_fingerprint"
    case inputFormat = "input_format"
    case plan, shard, ranking
    case repeatContacts = "repeat_contacts"
    case diagnosticsBeforeUnits = "diagnostics_before_units"
  }

  /// The manifest as written: pretty JSON with sorted keys.
  public func encoded() throws -> String {
    String(decoding: try JSONCoding.encoder(.pretty, snakeCase: false).encode(self), as: UTF8.self) + "\n"
  }
}

extension BatchManifest {
  /// The manifest of a batch run with `configuration` over a plan laid out as `layout`.
  init(
    configuration: EarshotConfiguration, forcedFormat: String?, layout: PlanLayout,
    shard: (index: Int, count: Int)?, diagnosticsBeforeUnits: Int
  ) {
    self.init(
      format: Self.formatName, manifestVersion: Self.currentVersion, toolVersion: EarshotVersion.current,
      schemaVersion: ConversationResult.schemaVersion,
      configurationFingerprint: NightlyFingerprint.compute(configuration: configuration), inputFormat: forcedFormat,
      plan: layout.identity,
      shard: shard.map { ShardSpec(index: $0.index, count: $0.count, units: layout.positions.count) },
      ranking: RankingSettings(
        minimumConversations: configuration.aggregation.minimumConversations,
        priorStrength: configuration.aggregation.priorStrength),
      repeatContacts: configuration.customers.isEnabled
        ? RepeatContactFields(
          windowDays: configuration.customers.repeatContacts.windowDays,
          minSharedTerms: configuration.customers.repeatContacts.minSharedTerms) : nil,
      diagnosticsBeforeUnits: diagnosticsBeforeUnits)
  }
}
