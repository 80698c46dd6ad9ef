#!/usr/bin/env bash
# Batch and nightly benchmark on a generated corpus of at least 1 GB (kept under /tmp, never in git).
#
#   Scripts/bench-batch.sh                 # build release, generate 1024 MB, measure
#   MB=256 Scripts/bench-batch.sh          # a smaller corpus
#   BIN=/path/to/release Scripts/bench-batch.sh   # use already-built release binaries
#   STEPS="batch2 nightly noop batch1" Scripts/bench-batch.sh   # choose and order the measurements
#   STEPS="batch2 merge" Scripts/bench-batch.sh   # only the sharding check
#   STEPS="wc batch1 onefile" Scripts/bench-batch.sh   # Earshot against `wc -w`, and one large file
#   STEPS="wc stages" Scripts/bench-batch.sh   # CPU time of each stage of batch on one core, against `wc -w`
#   EARSHOT_BENCH_POSTGRES_URL=postgres://user@host:port/db Scripts/bench-batch.sh   # also PostgreSQL
#   PG=start Scripts/bench-batch.sh        # also PostgreSQL, on a throw-away server (postgres-test-server.sh)
#
# Generates the corpus with `earshot-bench batch-corpus` (sample corpora varied in ids, agents and
# companies, plus real corpora from ../shared/corpora when present), then measures with
# /usr/bin/time -v: `earshot batch` with 1 and 2 jobs, a first `earshot nightly` into an empty store,
# and a second `earshot nightly` with nothing new. Prints wall time, MB/s, conversations/s and peak
# RSS for each. The `wc` step times GNU `wc -w` on the same files, pinned to one core as
# `batch --jobs 1` is, and batch1 then prints its ratio to it; batch2 prints its speed-up over batch1.
# The `onefile` step joins the corpus's JSON Lines packs into one file and runs 1 and 2 jobs on it
# (work is split by conversation, not by file). Figures are recorded in docs/performance.md. The `merge` step runs `earshot batch
# --shard K/4` for K = 1…4 and `earshot merge`, and checks the merged files against the `batch2`
# output ("merge: identical", or which files differ and how).
# With a PostgreSQL server (EARSHOT_BENCH_POSTGRES_URL, its password from PGPASSWORD or PGPASSFILE,
# or PG=start), the same first and no-op nightly into a new database on it (steps pgnightly, pgnoop),
# and 2 shards at once with --jobs 1 each (pgshards).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mb=${MB:-1024}
work=${WORK:-/tmp/earshot-bench}
corpus=${CORPUS:-$work/corpus}
real=${REAL:-$root/../shared/corpora}

if [[ -z "${BIN:-}" ]]; then
  scratch=${SCRATCH:-$root/.build}
  (cd "$root" && swift build -c release --scratch-path "$scratch" --product earshot >&2 \
    && swift build -c release --scratch-path "$scratch" --product earshot-bench >&2)
  BIN=$(cd "$root" && swift build -c release --scratch-path "$scratch" --show-bin-path)
fi
earshot=$BIN/earshot
bench=$BIN/earshot-bench
[[ -x /usr/bin/time ]] || { echo "bench-batch.sh: needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

mkdir -p "$work"
if [[ ! -f "$corpus/.complete-$mb" ]]; then
  rm -rf "$corpus"
  (cd "$root" && "$bench" batch-corpus "$corpus" --megabytes "$mb" --samples corpora --real "$real")
  touch "$corpus/.complete-$mb"
fi
bytes=$(du -sb --exclude='.complete-*' "$corpus" | cut -f1)
files=$(find "$corpus" -type f ! -name '.complete-*' | wc -l)
echo "corpus: $corpus, $((bytes / 1048576)) MB in $files files; $(nproc) cores; $(uname -sr)"

# measure LABEL CONVERSATIONS-SOURCE COMMAND...: prints one row.
measure() {
  local label=$1
  shift
  sync
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v "$@" 2> "$work/stderr.txt" > /dev/null || true
  end=$(date +%s.%N)
  local rss seconds
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/stderr.txt")
  seconds=$(echo "$end - $start" | bc -l)
  echo "$seconds $rss"
}

row() {
  # label seconds rss conversations bytes
  awk -v l="$1" -v s="$2" -v r="$3" -v c="$4" -v b="$5" 'BEGIN {
    printf "%-34s %8.1f s %9.1f MB/s %10.0f conv/s %8.0f MB peak RSS (%d conversations)\n", l, s, b / 1048576 / s, c / s, r / 1024, c }'
}

# PostgreSQL: a server from the environment, or a throw-away one; each step gets a new database on it.
pg_url=${EARSHOT_BENCH_POSTGRES_URL:-}
if [[ -z "$pg_url" && "${PG:-}" == start ]]; then
  # PostgreSQL's durable defaults (fsync on), as a team's server would run.
  eval "$(POSTGRES_TEST_FSYNC=on "$root/Scripts/postgres-test-server.sh" start)"
  trap '"$root/Scripts/postgres-test-server.sh" stop "$EARSHOT_TEST_POSTGRES_DIR"' EXIT
  pg_url=$EARSHOT_TEST_POSTGRES_URL
fi
# new_database NAME: creates it on pg_url's server (with psql) and prints its URL.
new_database() {
  local base=${pg_url%%\?*}
  psql "$base" -qAt -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >&2
  echo "${base%/*}/$1"
}

# One core for the single-job figures and `wc -w`, so their ratio compares like with like.
pin=()
command -v taskset > /dev/null && pin=(taskset -c 0)

out=$work/out
rm -rf "$out"-* "$work"/store.sqlite*
default_steps="wc batch1 batch2 onefile merge nightly noop"
[[ -n "$pg_url" ]] && default_steps="$default_steps pgnightly pgnoop pgshards"
# STEPS picks and orders the measurements (the no-op nightly needs the first nightly before it).
steps=${STEPS:-$default_steps}
for step in $steps; do
  case $step in
    wc)
      # Best of three: the page cache is warm after the first.
      wc_seconds=
      for _ in 1 2 3; do
        start=$(date +%s.%N)
        find "$corpus" -type f ! -name '.complete-*' -print0 | "${pin[@]}" xargs -0 wc -w > /dev/null
        took=$(echo "$(date +%s.%N) - $start" | bc -l)
        if [[ -z $wc_seconds ]] || (($(echo "$took < $wc_seconds" | bc -l))); then wc_seconds=$took; fi
      done
      echo "$wc_seconds $bytes" | awk '{ printf "%-34s %8.2f s %9.1f MB/s\n", "wc -w (one core, best of 3)", $1, $2 / 1048576 / $1 }'
      ;;
    stages)
      # Where one core's time goes: cumulative passes read, tokenize, analyze, score, redact,
      # encode, write (earshot-bench stages), with each stage's ratio to `wc -w` when wc ran first.
      wc_option=()
      [[ -n "${wc_seconds:-}" ]] && wc_option=(--wc-mbps "$(echo "$bytes / 1048576 / $wc_seconds" | bc -l)")
      "${pin[@]}" "$bench" stages "$corpus" "${wc_option[@]}" --scratch "$work/stages"
      rm -rf "$work/stages"
      ;;
    batch1 | batch2)
      jobs=${step#batch}
      runner=()
      [[ $jobs == 1 ]] && runner=("${pin[@]}")
      read -r seconds rss < <(measure "batch" "${runner[@]}" "$earshot" batch "$corpus" --out "$out-$jobs" --jobs "$jobs")
      conversations=$(sed -n 's/.*"conversations" : \([0-9]*\).*/\1/p' "$out-$jobs/summary.json")
      read_bytes=$(sed -n 's/.*"bytes" : \([0-9]*\).*/\1/p' "$out-$jobs/summary.json")
      row "batch --jobs $jobs$([[ $jobs == 1 ]] && echo ' (one core)')" "$seconds" "$rss" "$conversations" "$read_bytes"
      if [[ $jobs == 1 ]]; then
        batch1_seconds=$seconds
        [[ -n "${wc_seconds:-}" ]] && echo "$wc_seconds $seconds" \
          | awk '{ printf "    speed / wc -w speed: %.3f (target at least 0.10)\n", $1 / $2 }'
      elif [[ -n "${batch1_seconds:-}" ]]; then
        echo "$batch1_seconds $seconds" | awk '{ printf "    2 jobs / 1 job: %.2fx\n", $1 / $2 }'
      fi
      # The merge step compares its shards with this batch's output.
      [[ $jobs == 2 && " $steps " == *" merge "* ]] || rm -rf "$out-$jobs"
      ;;
    onefile)
      single=$work/one-file.jsonl
      if [[ ! -f $single ]]; then
        find "$corpus" -type f -name '*.jsonl' -print0 | sort -z | xargs -0 cat > "$single"
      fi
      single_bytes=$(stat -c %s "$single")
      for jobs in 1 2; do
        read -r seconds rss < <(measure "batch" "$earshot" batch "$single" --out "$out-one-$jobs" --jobs "$jobs")
        conversations=$(sed -n 's/.*"conversations" : \([0-9]*\).*/\1/p' "$out-one-$jobs/summary.json")
        row "one $((single_bytes / 1048576)) MB file, --jobs $jobs" "$seconds" "$rss" "$conversations" "$single_bytes"
        [[ $jobs == 1 ]] && one_seconds=$seconds
      done
      echo "$one_seconds $seconds" | awk '{ printf "    2 jobs / 1 job on one file: %.2fx\n", $1 / $2 }'
      cmp -s "$out-one-1/conversations.jsonl" "$out-one-2/conversations.jsonl" \
        && echo "    conversations.jsonl identical for 1 and 2 jobs" \
        || echo "    conversations.jsonl DIFFERS between 1 and 2 jobs"
      rm -rf "$out"-one-*
      ;;
    merge)
      [[ -f "$out-2/manifest.json" ]] || "$earshot" batch "$corpus" --out "$out-2" --jobs 2 > /dev/null 2>&1 || true
      start=$(date +%s.%N)
      for k in 1 2 3 4; do
        "$earshot" batch "$corpus" --out "$out-shard-$k" --jobs 2 --shard "$k/4" > /dev/null 2>&1 || true
      done
      middle=$(date +%s.%N)
      # Exit status 2 only says the shards met unreadable inputs, as the single batch did.
      "$earshot" merge "$out"-shard-{1,2,3,4} --out "$out-merged" 2> "$work/merge.txt" > /dev/null || true
      end=$(date +%s.%N)
      echo "$middle $start $end" | awk '{ printf "%-34s %8.1f s for 4 shards (--jobs 2, one after another), %.1f s to merge\n", "batch --shard K/4 + merge", $1 - $2, $3 - $1 }'
      different=()
      # Every file the single batch wrote (the tables, whatever they are, included).
      for path in "$out-2"/*; do
        file=$(basename "$path")
        [[ $file == summary.json ]] && continue
        cmp -s "$path" "$out-merged/$file" || different+=("$file")
      done
      # summary.json: the same but for the seconds.
      if ! diff <(grep -v '"seconds"' "$out-2/summary.json") <(grep -v '"seconds"' "$out-merged/summary.json") > /dev/null; then
        different+=("summary.json")
      fi
      if [[ ${#different[@]} -eq 0 ]]; then
        echo "    merge: identical ($(ls "$out-2" | grep -v '^summary.json$' | tr '\n' ' ')and summary.json but its seconds)"
      else
        echo "    merge: differs in ${different[*]}"
        sed 's/^/    /' "$work/merge.txt"
        for file in "${different[@]}"; do
          [[ $file == conversations.jsonl ]] && continue
          diff <(grep -v '"seconds"' "$out-2/$file" 2> /dev/null) <(grep -v '"seconds"' "$out-merged/$file" 2> /dev/null) | head -20 | sed 's/^/    /'
        done
      fi
      rm -rf "$out"-shard-* "$out-merged" "$out-2"
      ;;
    nightly)
      read -r seconds rss < <(measure "nightly" "$earshot" nightly "$corpus" --store "$work/store.sqlite" --jobs 2)
      conversations=$(sed -n 's/^Scored \([0-9]*\) conversation.*/\1/p' "$work/stderr.txt")
      row "nightly, empty store (--jobs 2)" "$seconds" "$rss" "${conversations:-0}" "$bytes"
      grep -E '^(Files|Scored|Run)' "$work/stderr.txt" | sed 's/^/    /'
      # The store's file and what SQLite keeps beside it (the WAL, emptied when the last connection closes).
      store_bytes=$(($(stat -c %s "$work/store.sqlite") + $(stat -c %s "$work/store.sqlite-wal" 2> /dev/null || echo 0)))
      awk -v s="$store_bytes" -v b="$bytes" 'BEGIN { printf "    store size: %.0f MB = %.2f× the input\n", s / 1048576, s / b }'
      ;;
    noop)
      read -r seconds rss < <(measure "nightly" "$earshot" nightly "$corpus" --store "$work/store.sqlite" --jobs 2)
      total=$(sed -n 's/.*store now holds \([0-9]*\) conversation.*/\1/p' "$work/stderr.txt")
      row "nightly, nothing new (--jobs 2)" "$seconds" "$rss" "${total:-0}" "$bytes"
      grep -E '^(Files|Nothing|Run)' "$work/stderr.txt" | sed 's/^/    /'
      echo "    (MB/s and conv/s over the whole corpus; this run reads no transcript, it stats and sniffs files)"
      ;;
    pgnightly | pgnoop)
      [[ -n "$pg_url" ]] || { echo "bench-batch.sh: $step needs EARSHOT_BENCH_POSTGRES_URL or PG=start" >&2; exit 64; }
      [[ $step == pgnightly || -z "${pg_store:-}" ]] && pg_store=$(new_database earshot_bench)
      read -r seconds rss < <(measure "nightly" "$earshot" nightly "$corpus" --store "$pg_store" --jobs 2)
      if [[ $step == pgnightly ]]; then
        conversations=$(sed -n 's/^Scored \([0-9]*\) conversation.*/\1/p' "$work/stderr.txt")
        row "nightly, PostgreSQL, empty (--jobs 2)" "$seconds" "$rss" "${conversations:-0}" "$bytes"
        grep -E '^(Files|Scored|Run|error)' "$work/stderr.txt" | sed 's/^/    /'
        database_bytes=$(psql "${pg_url%%\?*}" -qAt -c "SELECT pg_database_size('earshot_bench')")
        awk -v s="$database_bytes" -v b="$bytes" 'BEGIN { printf "    database size: %.0f MB = %.2f× the input (pg_database_size)\n", s / 1048576, s / b }'
      else
        total=$(sed -n 's/.*store now holds \([0-9]*\) conversation.*/\1/p' "$work/stderr.txt")
        row "nightly, PostgreSQL, nothing new" "$seconds" "$rss" "${total:-0}" "$bytes"
        grep -E '^(Files|Nothing|Run|error)' "$work/stderr.txt" | sed 's/^/    /'
      fi
      ;;
    pgshards)
      [[ -n "$pg_url" ]] || { echo "bench-batch.sh: $step needs EARSHOT_BENCH_POSTGRES_URL or PG=start" >&2; exit 64; }
      shard_store=$(new_database earshot_bench_shards)
      start=$(date +%s.%N)
      "$earshot" nightly "$corpus" --store "$shard_store" --shard 1/2 --jobs 1 2>"$work/shard1.txt" &
      first=$!
      "$earshot" nightly "$corpus" --store "$shard_store" --shard 2/2 --jobs 1 2>"$work/shard2.txt" || true
      wait "$first" || true
      seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
      conversations=$(cat "$work"/shard[12].txt | sed -n 's/^Scored \([0-9]*\) conversation.*/\1/p' | paste -sd+ | bc)
      row "nightly, PostgreSQL, 2 shards at once" "$seconds" 0 "${conversations:-0}" "$bytes"
      grep -hE '^(Scored|error)' "$work"/shard[12].txt | sed 's/^/    /'
      ;;
    *) echo "bench-batch.sh: unknown step $step" >&2; exit 64 ;;
  esac
done
