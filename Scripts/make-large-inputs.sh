#!/usr/bin/env bash
# Generates large reader inputs for memory measurements (docs/performance.md, "Memory on large
# files"), outside the repository:
#
#   Scripts/make-large-inputs.sh DIR [CSV_MB] [JSON_MB] [JSONL_MB]     # defaults: 200 200 1024
#
# Writes DIR/twcs-large.csv (the twcs dev sample repeated with renumbered tweet ids and varied
# company handles, so every copy is its own set of conversations), DIR/one-line.json (one line: an
# array of Earshot JSON conversations from corpora/json with varied ids) and DIR/large.jsonl (the
# same conversations, one per line). Sizes are in MiB; inputs come from corpora/ and
# ../shared/corpora/twcs/twcs_dev.csv relative to the project root.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: $0 DIR [CSV_MB] [JSON_MB] [JSONL_MB]}"
mkdir -p "$out"
python3 - "$root" "$out" "${2:-200}" "${3:-200}" "${4:-1024}" <<'PY'
import csv, io, json, os, sys

root, out, csv_mb, json_mb, jsonl_mb = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
MiB = 1 << 20

def twcs():
    source = os.path.join(root, "..", "shared", "corpora", "twcs", "twcs_dev.csv")
    with open(source, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], [r for r in rows[1:] if len(r) >= len(rows[0])]
    col = {name: i for i, name in enumerate(header)}
    ids = [int(r[col["tweet_id"]]) for r in body]
    span = max(ids) + 1
    def shift(text, offset):
        parts = [p.strip() for p in text.split(",") if p.strip()]
        return ",".join(str(int(float(p)) + offset) for p in parts)
    path = os.path.join(out, "twcs-large.csv")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        copy = 0
        while handle.tell() < csv_mb * MiB:  # binary-safe: csv rows are written whole
            offset = copy * span
            for r in body:
                row = list(r)
                row[col["tweet_id"]] = str(int(row[col["tweet_id"]]) + offset)
                row[col["response_tweet_id"]] = shift(row[col["response_tweet_id"]], offset)
                row[col["in_response_to_tweet_id"]] = shift(row[col["in_response_to_tweet_id"]], offset)
                if row[col["inbound"]] == "False":
                    row[col["author_id"]] = f"{row[col['author_id']]}{copy % 37}"
                writer.writerow(row)
            copy += 1
    print(f"{path}: {os.path.getsize(path) / MiB:.1f} MiB, {copy} copies of {len(body)} tweets")

def conversations():
    folder = os.path.join(root, "corpora", "json")
    templates = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            if name.endswith(".jsonl"):
                templates += [json.loads(line) for line in handle if line.strip()]
            elif name.endswith(".json"):
                value = json.load(handle)
                templates += value if isinstance(value, list) else [value]
    serial = 0
    while True:
        for template in templates:
            item = dict(template)
            item["id"] = f"{template.get('id', 'conversation')}-{serial}"
            serial += 1
            yield json.dumps(item, ensure_ascii=False, separators=(",", ":"))

def one_line_json():
    path = os.path.join(out, "one-line.json")
    count = written = 0
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[")
        for text in conversations():
            if written >= json_mb * MiB:
                break
            handle.write(("," if count else "") + text)
            written += len(text.encode()) + 1
            count += 1
        handle.write("]\n")
    print(f"{path}: {os.path.getsize(path) / MiB:.1f} MiB, {count} conversations on one line")

def json_lines():
    path = os.path.join(out, "large.jsonl")
    count = written = 0
    with open(path, "w", encoding="utf-8") as handle:
        for text in conversations():
            if written >= jsonl_mb * MiB:
                break
            handle.write(text + "\n")
            written += len(text.encode()) + 1
            count += 1
    print(f"{path}: {os.path.getsize(path) / MiB:.1f} MiB, {count} conversations")

twcs()
one_line_json()
json_lines()
PY
