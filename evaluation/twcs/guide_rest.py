#!/usr/bin/env python3
"""Dump the dev conversations that the first guide sample did not draw, for a second labeling round.

Usage (from the project root):
  python3 evaluation/twcs/guide_rest.py ../shared/corpora/twcs/twcs_dev.csv OUT_DIR [CHUNKS]

The first round (guide_sample.py, guide-sample.tsv) labeled 607 of the dev file's 1,050
conversations. This round covers every other one, so that together the labels are a census of the
dev slice (no draw, no cue): OUT_DIR gets rest-K.txt files in the same block format as
guide_sample.py (tweets in time order with their ids; conversations dealt to the chunks in a
seeded shuffle so each chunk mixes companies) and rest.tsv (conversation id, company, tweets,
`rest`). No label is produced here: the files are for people reading the conversations.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from guide_sample import SEED, block  # noqa: E402
from sample import company_of, conversations, load  # noqa: E402


def main():
    path, out = sys.argv[1], sys.argv[2]
    chunks = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "guide-sample.tsv"), encoding="utf-8") as f:
        drawn = {int(line.split("\t")[0]) for line in f if line.strip()}
    convs = conversations(load(path))
    rest = sorted(c for c in convs if c not in drawn)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "rest.tsv"), "w", encoding="utf-8") as f:
        for c in rest:
            f.write(f"{c}\t{company_of(convs[c])}\t{len(convs[c])}\trest\n")
    shuffled = rest[:]
    random.Random(SEED + 1).shuffle(shuffled)
    for k in range(chunks):
        part = sorted(shuffled[k::chunks])
        with open(os.path.join(out, f"rest-{k + 1}.txt"), "w", encoding="utf-8") as f:
            for c in part:
                f.write(block(c, convs[c]))
    print(f"conversations={len(convs)} already drawn={len(drawn)} rest={len(rest)} chunks={chunks}", file=sys.stderr)


if __name__ == "__main__":
    main()
