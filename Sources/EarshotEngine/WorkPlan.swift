import EarshotModel
import EarshotReaders
import Foundation

/// One unit of work: a file, or a group of files that a grouped reader reads together.
public struct WorkUnit: Sendable {
  /// The files, in order.
  public var files: [InputFile]
  /// The reader for them.
  public var reader: any TranscriptReader
  /// Stable identity of the unit (the file path, or the group key), used for sharding.
  public var key: String
}

/// Sniffs every discovered file and groups them into work units.
public struct WorkPlan: Sendable {
  /// The units, in a stable order.
  public var units: [WorkUnit] = []
  /// Files no reader recognized.
  public var diagnostics: [InputDiagnostic] = []

  /// Plans `files` with `registry`; `forcedFormat` skips sniffing.
  ///
  /// - Throws: `InputDiagnostic` when `forcedFormat` names no reader.
  public init(files: [InputFile], registry: ReaderRegistry, forcedFormat: String? = nil) throws {
    var forced: (any TranscriptReader)?
    if let forcedFormat {
      guard let reader = registry.reader(forFormat: forcedFormat) else {
        throw InputDiagnostic(
          file: "--input-format",
          "unknown format '\(forcedFormat)'; expected one of: \(registry.formats.joined(separator: ", "))")
      }
      forced = reader
    }
    var groups: [String: (reader: any GroupedTranscriptReader, files: [InputFile], position: Int)] = [:]
    var ordered: [(position: Int, unit: WorkUnit?)] = []
    for file in files {
      // A path given straight to `score` skips discovery: it too must be a regular file before any
      // reader (some open the path themselves) touches it.
      if case .success(let kind) = FileKind.of(file.path), kind != .regular {
        diagnostics.append(
          InputDiagnostic(file: file.path, "not a regular file (\(kind)); only regular files are read"))
        continue
      }
      let reader: any TranscriptReader
      if let forced {
        reader = forced
      } else {
        do {
          reader = try registry.detect(file)
        } catch let diagnostic as InputDiagnostic {
          diagnostics.append(diagnostic)
          continue
        } catch {
          diagnostics.append(InputDiagnostic(file: file.path, "\(error)"))
          continue
        }
      }
      if let grouped = reader as? any GroupedTranscriptReader {
        let key = reader.format + ":" + grouped.groupKey(for: file)
        if groups[key] == nil {
          groups[key] = (grouped, [], ordered.count)
          ordered.append((ordered.count, nil))
        }
        groups[key]?.files.append(file)
      } else {
        ordered.append((ordered.count, WorkUnit(files: [file], reader: reader, key: file.path)))
      }
    }
    for (key, group) in groups {
      ordered[group.position].unit = WorkUnit(files: group.files, reader: group.reader, key: key)
    }
    units = ordered.compactMap(\.unit)
  }

  /// Keeps only the units of shard `index` (1-based) of `count`, by a stable hash of their keys,
  /// so `--shard K/N` runs split a batch deterministically.
  public mutating func keepShard(_ index: Int, of count: Int) {
    units = units.filter { Self.key($0.key, isInShard: index, of: count) }
  }

  /// Whether the unit `key` belongs to shard `index` (1-based) of `count`: what ``keepShard(_:of:)``
  /// keeps, for stored units that are no longer in the plan (removed files).
  public static func key(_ key: String, isInShard index: Int, of count: Int) -> Bool {
    Int(stableHash(key) % UInt64(count)) == index - 1
  }

  static func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return hash
  }
}
