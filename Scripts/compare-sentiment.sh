#!/usr/bin/env bash
# Checks that a change to the tokenizer or the sentiment scorer keeps every result identical:
# builds the text and sentiment modules of a base revision and of the working tree into two small
# throwaway packages, scores every line of the given files with both, and compares token counts,
# sentence counts, scores and cues line by line.
#
#   Scripts/compare-sentiment.sh HEAD ../shared/corpora/sentiment-gold/*_GroundTruth.txt
#   Scripts/compare-sentiment.sh 8e1d500 ../shared/corpora/twcs/twcs_dev.csv
#
# Exit 0 when identical, 1 with the first differences when not.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: Scripts/compare-sentiment.sh BASE_REVISION FILE...}
shift
[[ $# -gt 0 ]] || { echo "compare-sentiment.sh: give at least one text file to score" >&2; exit 64; }
work=${WORK:-$(mktemp -d /tmp/earshot-compare.XXXXXX)}
modules=(Sources/EarshotModel Sources/EarshotText Sources/EarshotSentiment Lexicons)

for side in base tree; do
  rm -rf "$work/$side" && mkdir -p "$work/$side/Sources/dump"
  if [[ $side == base ]]; then
    (cd "$root" && git archive "$base" "${modules[@]}") | tar -x -C "$work/$side"
  else
    (cd "$root" && tar -c "${modules[@]}") | tar -x -C "$work/$side"
  fi
  cat > "$work/$side/Package.swift" <<'SWIFT'
// swift-tools-version:6.1
import PackageDescription

let settings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
let package = Package(
  name: "compare",
  targets: [
    .target(name: "EarshotModel", swiftSettings: settings),
    .target(
      name: "EarshotLexicons", path: "Lexicons", exclude: ["README.md", "licenses"], sources: ["Swift"],
      resources: [.copy("data")], swiftSettings: settings),
    .target(name: "EarshotText", dependencies: ["EarshotLexicons"], swiftSettings: settings),
    .target(
      name: "EarshotSentiment", dependencies: ["EarshotModel", "EarshotText", "EarshotLexicons"],
      swiftSettings: settings),
    .executableTarget(name: "dump", dependencies: ["EarshotSentiment", "EarshotText"], swiftSettings: settings),
  ])
SWIFT
  cat > "$work/$side/Sources/dump/main.swift" <<'SWIFT'
import EarshotSentiment
import EarshotText
import Foundation

// One line out per line in: tokens|sentences|compound|positive|negative|cues (byte range:valence).
let analyzer = try SentimentAnalyzer.loadDefault()
var out = ""
for path in CommandLine.arguments.dropFirst() {
  let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    let tokenized = TokenizedText(String(line))
    let score = analyzer.score(tokenized)
    let cues = analyzer.cues(tokenized).map { "\($0.byteRange.lowerBound)-\($0.byteRange.upperBound):\($0.valence)" }
    out += "\(tokenized.tokens.count)|\(tokenized.sentences.count)|\(score.compound)|\(score.positive)|"
    out += "\(score.negative)|\(cues.joined(separator: ","))\n"
  }
}
print(out, terminator: "")
SWIFT
  (cd "$work/$side" && swift build -c release >&2)
  "$work/$side/.build/release/dump" "$@" > "$work/$side.txt"
done
lines=$(wc -l < "$work/base.txt")
if cmp -s "$work/base.txt" "$work/tree.txt"; then
  echo "identical: $lines lines scored by $base and by the working tree"
else
  echo "different: first differing lines (base < > working tree), of $lines:"
  diff "$work/base.txt" "$work/tree.txt" | head -20
  exit 1
fi
