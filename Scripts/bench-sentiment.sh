#!/bin/sh
# Sentiment scorer throughput and peak memory on the gold sentences (one core), release build.
# Usage: Scripts/bench-sentiment.sh [gold folder] [seconds]
set -eu
cd "$(dirname "$0")/.."
GOLD="${1:-../shared/corpora/sentiment-gold}"
SECONDS_PER_ROW="${2:-5}"
swift build -c release --scratch-path .build-sentiment --product earshot-bench
# taskset pins the run to one core when available, so the figure is per core.
if command -v taskset >/dev/null 2>&1; then PIN="taskset -c 0"; else PIN=""; fi
$PIN .build-sentiment/release/earshot-bench sentiment "$GOLD" --seconds "$SECONDS_PER_ROW"
if python3 -c "import vaderSentiment" 2>/dev/null; then
  echo "VADER 3.3.2 on the same files (Scripts/vader-reference.py):"
  $PIN python3 Scripts/vader-reference.py "$GOLD"
fi
