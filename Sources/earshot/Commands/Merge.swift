import ArgumentParser
import EarshotEngine
import Foundation

extension Earshot {
  /// `earshot merge DIR... --out DIR`: the shards of a batch made into one batch output.
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Merge the output folders of `earshot batch --shard K/N` into one batch output.",
      discussion: """
        Give the folders of every shard 1/N … N/N, in any order. The merged folder has what an unsharded \
        batch of the same inputs writes: conversations.jsonl and diagnostics.jsonl with the shards' \
        lines in the unsharded order (the repeat-contact pass run again over all of them), agents.csv, \
        companies.csv, channels.csv, days.csv and centers.csv byte for byte, and summary.json with \
        the same totals (its seconds are the longest shard's). No configuration is needed: each \
        shard's manifest.json records what the merge uses.

        Shards that do not fit together are refused before anything is written: another earshot \
        version or configuration, other inputs, shards of different splits, a shard given twice or \
        missing, a folder that is not a finished batch shard. See docs/nightly-and-reports.md.

        Exit codes:
          0   merged; every input of the shards was read
          1   the merge failed (output not written, internal error)
          2   merged, but the shards could not read some inputs (see diagnostics.jsonl)
          64  usage error, or folders that do not merge; nothing was merged
        """)

    @Argument(help: "The shard output folders.", completion: .directory)
    var folders: [String]

    @Option(name: .shortAndLong, help: "The merged output folder.")
    var out: String

    func run() throws {
      let summary: BatchSummary
      do {
        summary = try BatchMerge(folders: folders, outputDirectory: out).run()
      } catch let error as MergeError {
        Console.error(error.description)
        throw ExitCode(EarshotExitCode.usage.rawValue)
      } catch {
        Console.error(ErrorLine.text(for: error))
        throw ExitCode(EarshotExitCode.failure.rawValue)
      }
      Console.error("Merged \(folders.count) shard\(folders.count == 1 ? "" : "s"). " + summary.line)
      Console.error(
        "Wrote \(out)/conversations.jsonl, agents.csv, companies.csv, channels.csv, days.csv, centers.csv, summary.json"
      )
      if summary.exitCode != .ok { throw ExitCode(summary.exitCode.rawValue) }
    }
  }
}
