#!/bin/sh
# Sentiment scorer throughput and peak memory on the gold sentences (one core), release build, with
# VADER 3.3.2 on the same core and sentences right after, and the ratio of the two.
# Usage: Scripts/bench-sentiment.sh [gold folder] [seconds] [core]
set -eu
cd "$(dirname "$0")/.."
GOLD="${1:-../shared/corpora/sentiment-gold}"
SECONDS_PER_ROW="${2:-5}"
CORE="${3:-0}"
swift build -c release --scratch-path .build-sentiment --product earshot-bench
# taskset pins both runs to the same core when available, so the figures are per core.
if command -v taskset >/dev/null 2>&1; then PIN="taskset -c $CORE"; else PIN=""; fi
echo "machine load before: $(uptime)"
EARSHOT=$($PIN .build-sentiment/release/earshot-bench sentiment "$GOLD" --seconds "$SECONDS_PER_ROW")
echo "$EARSHOT" | grep -v '^earshot tokenize+score MB/s:'
if ! python3 -c "import vaderSentiment" 2>/dev/null; then
  echo "VADER not installed (pip install vaderSentiment==3.3.2): no ratio"
  exit 0
fi
echo "VADER $(python3 -c 'import importlib.metadata as m; print(m.version("vaderSentiment"))') on the same core and sentences (Scripts/vader-reference.py --throughput):"
VADER=$($PIN python3 Scripts/vader-reference.py --throughput "$SECONDS_PER_ROW" "$GOLD")
echo "$VADER" | grep -v '^vader polarity_scores MB/s:'
echo "machine load after: $(uptime)"
# Both tools time tokenize + score of the same sentences; the ratio uses the wall clock and,
# for a core shared with other work, each process's own CPU time.
E_WALL=$(echo "$EARSHOT" | awk '/^earshot tokenize\+score MB\/s:/ {print $5}')
E_CPU=$(echo "$EARSHOT" | awk '/^earshot tokenize\+score MB\/s:/ {print $7}')
V_WALL=$(echo "$VADER" | awk '/^vader polarity_scores MB\/s:/ {print $5}')
V_CPU=$(echo "$VADER" | awk '/^vader polarity_scores MB\/s:/ {print $7}')
awk -v ew="$E_WALL" -v ec="$E_CPU" -v vw="$V_WALL" -v vc="$V_CPU" 'BEGIN {
  printf "Earshot / VADER: %.1f× (wall clock: %.2f / %.2f MB/s; CPU time: %.1f×, %.2f / %.2f MB/s)\n",
    ew / vw, ew, vw, ec / vc, ec, vc
}'
