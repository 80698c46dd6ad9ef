#!/usr/bin/env bash
# Runs `earshot batch` with two binaries on the same inputs and compares every output file byte for
# byte (conversations.jsonl, the tables, diagnostics.jsonl, manifest.json; summary.json but for its
# "seconds"), and the runs' exit codes
# and messages. Used to check that a speed-up changes nothing.
#
# usage: Scripts/compare-batch-outputs.sh OLD_BINARY NEW_BINARY INPUT... (env: JOBS=2, WORK=/tmp/earshot-compare,
# ARGS="--config FILE" more options for both runs)
set -u
old=$1 new=$2
shift 2
jobs=${JOBS:-2}
work=${WORK:-/tmp/earshot-compare}
status=0
for input in "$@"; do
  name=$(echo "$input" | tr '/.' '__')
  rm -rf "$work/$name"
  mkdir -p "$work/$name"
  "$old" batch --jobs "$jobs" ${ARGS:-} "$input" -o "$work/$name/old" >"$work/$name/old.stdout" 2>"$work/$name/old.stderr"
  echo $? >"$work/$name/old.rc"
  "$new" batch --jobs "$jobs" ${ARGS:-} "$input" -o "$work/$name/new" >"$work/$name/new.stdout" 2>"$work/$name/new.stderr"
  echo $? >"$work/$name/new.rc"
  differ=""
  for file in $(cd "$work/$name/old" && ls) $(cd "$work/$name/new" && ls); do
    if [ "$file" = summary.json ]; then
      # The run's duration is the one field that differs between two runs of the same binary.
      cmp -s <(sed -E 's/"seconds" ?: ?[0-9.e+-]+/"seconds":0/' "$work/$name/old/$file") \
        <(sed -E 's/"seconds" ?: ?[0-9.e+-]+/"seconds":0/' "$work/$name/new/$file") || differ="$differ $file"
    else
      cmp -s "$work/$name/old/$file" "$work/$name/new/$file" || differ="$differ $file"
    fi
  done
  cmp -s "$work/$name/old.rc" "$work/$name/new.rc" || differ="$differ exit-code"
  # Messages name the output folder and may give seconds: compare them without either.
  for stream in stdout stderr; do
    for side in old new; do
      sed -e "s#$work/$name/$side#OUT#g" -e 's/[0-9.]* s\b/N s/g' "$work/$name/$side.$stream" >"$work/$name/$side.$stream.norm"
    done
    cmp -s "$work/$name/old.$stream.norm" "$work/$name/new.$stream.norm" || differ="$differ $stream"
  done
  files=$(cd "$work/$name/old" && ls | wc -l)
  lines=$(wc -l <"$work/$name/old/conversations.jsonl" 2>/dev/null || echo 0)
  if [ -z "$differ" ]; then
    echo "identical  $input ($files files, $lines result lines, exit $(cat "$work/$name/old.rc"))"
  else
    echo "DIFFERENT  $input:$(echo "$differ" | tr ' ' '\n' | sort -u | tr '\n' ' ')"
    status=1
  fi
done
exit $status
