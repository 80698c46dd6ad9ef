#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (address sanitizer, LeakSanitizer included) into .build-fuzz
# and runs each for SECONDS; prints executions and coverage per target; exits 1 on any crash, leak,
# timeout (one input running over 10 s) or input using more than 2 GB.
#
#   Scripts/fuzz.sh                      # every target, 60 s each
#   Scripts/fuzz.sh 600 xml email        # two targets (names without the earshot-fuzz- prefix), 10 min each
#   FUZZ_KEEP_GOING=1 Scripts/fuzz.sh    # fork mode: go on after a crash and keep every finding
#   FUZZ_SKIP_BUILD=1 Scripts/fuzz.sh    # reuse the binaries already in .build-fuzz
#   FUZZ_BUDGET=600 Scripts/fuzz.sh 30   # CI: build, then share what is left of 600 s among the
#                                        # targets (at most 30 s, at least 10 s each)
#
# Seeds are gathered at run time from the tests' fixtures, corpora/ and ../shared/reliability/crashes
# (when present); nothing is copied into the repository. Per target, under .build-fuzz/fuzz/:
# seeds/ (rebuilt each run), corpus/ (what libFuzzer found, kept between runs), findings/ (crash-*,
# leak-*, timeout-*, oom-* inputs), <target>.log and <target>.dict. Reproduce a finding with
# `.build-fuzz/debug/earshot-fuzz-TARGET FILE`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=${1:-60}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: Scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 64; }
shift || true
all_targets=(json jsonl chatlog whatsapp email xml csv exports-json config score)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $target "* ]] || {
    echo "fuzz.sh: unknown target '$target'; known: ${all_targets[*]}" >&2
    exit 64
  }
done

scratch=$root/.build-fuzz
work=$scratch/fuzz
fixtures=Tests/EarshotReadersTests/Fixtures
crashes=$root/../shared/reliability/crashes

# The longest input libFuzzer makes per target: large enough for several records with their
# headers, small enough to keep thousands of runs a second.
max_len() {
  case $1 in
    config) echo 4096 ;;
    email | xml | exports-json) echo 32768 ;;
    *) echo 16384 ;;
  esac
}

# seed_files TARGET: the files that seed TARGET, one per line.
seed_files() {
  local shared=()
  [[ -d $crashes ]] && shared=("$crashes")
  case $1 in
    json) find "$fixtures/earshot" corpora/json "${shared[@]}" -name '*.json' ;;
    jsonl) find "$fixtures/earshot" corpora/json "$fixtures/exports/zendesk" -name '*.jsonl' -o -name '*.ndjson' ;;
    chatlog) find "$fixtures/earshot" corpora/chat "${shared[@]}" -name '*.txt' ! -name 'README.txt' ;;
    whatsapp) find "$fixtures/exports/whatsapp" -name '*.txt' ;;
    email) find "$fixtures/email" "${shared[@]}" -type f ! -name '*.md' ! -name '*.json' ! -name '*.xml' ! -name '*.txt' ;;
    xml) find "$fixtures/xml" "${shared[@]}" -name '*.xml' ;;
    csv) find "$fixtures/exports" -name '*.csv' ;;
    exports-json) find "$fixtures/exports" -name '*.json' -o -name '*.ndjson' ;;
    config) ;; # written by config_seeds
    score) find corpora "$fixtures/earshot" "${shared[@]}" -name '*.json' -o -name '*.jsonl' -o -name '*.txt' ! -name 'README.txt' ;;
  esac
}

# config_seeds DIR: the YAML example of docs/configuration.md, whole and one top-level section at a
# time, and the YAML texts of the configuration tests.
config_seeds() {
  local dir=$1
  awk '/^```yaml/ { on = 1; next } /^```/ { on = 0 } on' docs/configuration.md > "$dir/docs-example.yml"
  awk -v dir="$dir" '
    /^[a-z_]+:/ { n++; file = dir "/docs-section-" n ".yml"; print "version: 1" > file }
    n && !/^version:/ { print >> file }' "$dir/docs-example.yml"
  awk -v dir="$dir" '
    /"""$/ && !on { on = 1; n++; file = dir "/test-" n ".yml"; printf "" > file; next }
    /^ *"""/ && on { on = 0; next }
    on { sub(/^      /, ""); print >> file }' Tests/EarshotEngineTests/ConfigurationTests.swift
}

# dict TARGET: the target's libFuzzer dictionary: the static tokens in Fuzz/dictionaries plus the
# vocabulary (JSON keys, XML names, header names, CSV columns, YAML keys) of its seeds.
dict() {
  local target=$1 seeds=$work/seeds/$1 base=""
  case $target in
    json | jsonl | exports-json | score) base=json ;;
    xml) base=xml ;;
    email) base=mime ;;
    config) base=yaml ;;
  esac
  {
    [[ -n $base ]] && cat "Fuzz/dictionaries/$base.dict"
    case $target in
      json | jsonl | exports-json | score)
        grep -ohE '"[A-Za-z_][A-Za-z0-9_.-]{0,40}"[[:space:]]*:' "$seeds"/* 2>/dev/null \
          | sed -E 's/[[:space:]]*:$//; s/"/\\"/g; s/.*/"&"/' ;;
      xml)
        grep -ohE '<[A-Za-z_][A-Za-z0-9_:.-]{0,40}' "$seeds"/* 2>/dev/null | sed -E 's/^<(.*)/"<\1"\n"<\/\1>"/'
        grep -ohE ' [A-Za-z_][A-Za-z0-9_:.-]{0,40}="' "$seeds"/* 2>/dev/null | sed -E 's/"/\\"/g; s/.*/"&"/' ;;
      email)
        grep -ahoE '^[A-Za-z][A-Za-z0-9-]{0,40}:' "$seeds"/* 2>/dev/null | sed -E 's/.*/"&"/' ;;
      csv)
        for file in "$seeds"/*; do head -n 1 "$file" | tr ',' '\n'; done | tr -d '\r"' | grep -E '^[A-Za-z0-9_ .-]{1,40}$' \
          | sed -E 's/.*/"&"/' ;;
      config)
        grep -ohE '^ *[a-z_]+:' "$seeds"/* 2>/dev/null | sed -E 's/^ *//; s/.*/"& "/' ;;
    esac
  } | awk '!seen[$0]++' > "$work/$target.dict"
  [[ -s $work/$target.dict ]] && echo "-dict=$work/$target.dict"
  return 0
}

# --- Build -------------------------------------------------------------------------------------
if [[ -z ${FUZZ_SKIP_BUILD:-} ]]; then
  build_start=$(date +%s)
  mkdir -p "$work"
  for target in "${targets[@]}"; do
    # One product at a time: a plain `swift build` would also link the CLI, which has no fuzz entry point.
    # Debug configuration: Package.swift optimizes and instruments Earshot's modules itself and leaves
    # the dependencies (GRDB, swift-crypto, Yams) unoptimized, which builds them several times faster.
    if ! EARSHOT_FUZZ=1 swift build --scratch-path "$scratch" --product "earshot-fuzz-$target" \
      > "$work/build.log" 2>&1; then
      grep -v "Cannot export local symbol" "$work/build.log" | tail -n 40 >&2
      echo "fuzz.sh: building earshot-fuzz-$target failed" >&2
      exit 2
    fi
    echo "== built earshot-fuzz-$target ($(($(date +%s) - build_start)) s so far)"
  done
  echo "== fuzz build: $(($(date +%s) - build_start)) s"
fi
if [[ -n ${FUZZ_BUDGET:-} ]]; then
  # About 4 s per target go to starting, loading seeds and the final report.
  left=$((FUZZ_BUDGET - ($(date +%s) - ${build_start:-$(date +%s)})))
  share=$((left / ${#targets[@]} - 4))
  ((share < seconds)) && seconds=$share
  ((seconds < 10)) && seconds=10
  echo "== fuzz budget: ${FUZZ_BUDGET} s in all, $left s left after the build: $seconds s per target"
fi
bin=$scratch/debug

# --- Run ---------------------------------------------------------------------------------------
# LeakSanitizer: ignore the toolchain's own leak (Fuzz/lsan-suppressions.txt says which).
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
# Swift's own crash handler would read the trapped process's memory under the address sanitizer
# (a false report); libFuzzer prints the stack of a trap itself.
export SWIFT_BACKTRACE=enable=no
scratch_files=$(mktemp -d "${TMPDIR:-/tmp}/earshot-fuzz.XXXXXX")
[[ -d /dev/shm && -w /dev/shm ]] && { rmdir "$scratch_files"; scratch_files=$(mktemp -d /dev/shm/earshot-fuzz.XXXXXX); }
export EARSHOT_FUZZ_SCRATCH=$scratch_files
trap 'rm -rf "$scratch_files"' EXIT

rows=()
failed=0
for target in "${targets[@]}"; do
  seeds=$work/seeds/$target corpus=$work/corpus/$target findings=$work/findings/$target log=$work/$target.log
  rm -rf "$seeds"
  mkdir -p "$seeds" "$corpus" "$findings"
  if [[ $target == config ]]; then
    config_seeds "$seeds"
  else
    # Flattened names keep same-named fixtures of different folders apart.
    while IFS= read -r file; do
      [[ -f $file ]] && cp "$file" "$seeds/$(echo "${file#"$root"/}" | tr '/' '_')"
    done < <(seed_files "$target")
  fi
  dict_flag=$(dict "$target")
  mode=()
  [[ -n ${FUZZ_KEEP_GOING:-} ]] && mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  echo "== fuzz earshot-fuzz-$target for $seconds s ($(find "$seeds" -type f | wc -l) seeds, $(find "$corpus" -type f | wc -l) in corpus)"
  marker=$work/$target.started
  touch "$marker"
  sleep 1 # findings must be strictly newer than the marker
  started=$(date +%s)
  set +e
  # shellcheck disable=SC2086 # dict_flag is one word or empty
  "$bin/earshot-fuzz-$target" "${mode[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$(max_len "$target")" -print_final_stats=1 -artifact_prefix="$findings/" $dict_flag \
    "$corpus" "$seeds" > "$log" 2>&1
  status=$?
  set -e
  elapsed=$(($(date +%s) - started))

  # Executions and coverage: the final stats, else the last progress line (a run that stopped early).
  execs=$(awk -F': *' '/^stat::number_of_executed_units/ { n = $2 } END { print n }' "$log")
  [[ -n $execs ]] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#' || true)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  # Findings: the inputs libFuzzer saved during this run (in fork mode, a seed that crashes is saved
  # but not counted in the progress line, so the files are the record).
  found=$(find "$findings" -type f -newer "$marker" -printf '%f\n' | sed -E 's/-.*//' | sort | uniq -c \
    | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }')
  result=ok
  if [[ -n $found ]]; then
    result=$found
    failed=1
  elif [[ $status -ne 0 ]]; then
    if grep -q 'ERROR: libFuzzer: timeout' "$log"; then result=timeout
    elif grep -q 'ERROR: LeakSanitizer' "$log"; then result=leak
    elif grep -qE 'ERROR: libFuzzer: (out-of-memory|malloc)' "$log"; then result=out-of-memory
    elif grep -q 'ERROR: AddressSanitizer' "$log"; then result=address-error
    else result="crash (exit $status)"
    fi
    failed=1
  fi
  rows+=("$(printf '%-14s %6s %10s %8s %8s %8s  %s' "$target" "$elapsed" "${execs:-?}" \
    "$((${execs:-0} / (elapsed > 0 ? elapsed : 1)))" "${cov:-?}" "${ft:-?}" "$result")")
  if [[ $result != ok ]]; then
    # What went wrong, where, and on which input: enough to file or fix without the machine.
    grep -m 3 -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*: Fatal error)|ERROR: libFuzzer' "$log" | sed 's/^/    /' || true
    grep -m 6 -E '^ +#[0-9]+ .* in .*/Sources/' "$log" | sed -E 's/^ +/    /; s/ 0x[0-9a-f]+ in / /' || true
    for artifact in $(find "$findings" -type f -newer "$marker" -printf '%f\n' | head -n 5); do
      echo "    $findings/$artifact: $(head -c 120 "$findings/$artifact" | tr '\n\r\t' '   ' | LC_ALL=C tr -c '[:print:]' '?')"
    done
    echo "    log: $log"
  fi
done

echo
echo "== fuzz results ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-14s %6s %10s %8s %8s %8s  %s\n' target secs execs exec/s cov ft result
printf '%s\n' "${rows[@]}"
exit "$failed"
