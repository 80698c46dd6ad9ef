#!/usr/bin/env python3
"""Draw the random twcs sample labeled under ../shared/labeling-guide.md and dump it for reading.

Usage (from the project root):
  python3 evaluation/twcs/guide_sample.py ../shared/corpora/twcs/twcs_dev.csv OUT_DIR [CHUNKS]

- Conversations are rebuilt exactly as sample.py does (reply-graph components; id = smallest tweet id).
- The sample is a uniform random draw of N_RANDOM conversations from all dev conversations (seed
  SEED), not stratified by any cue; the 170 conversations of the older cue-stratified set
  (labels.tsv) are added so that they are relabeled under the guide too.
- A second, independent pass covers N_SECOND conversations drawn at random from that union.
- OUT_DIR gets chunk-K.txt files (one conversation block each, tweets in time order with their ids),
  second-pass.txt, and sample.tsv (conversation id, company, tweets, origin).
No label is produced here: the files are for people reading the conversations.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample import company_of, conversations, load  # noqa: E402

SEED = 20261127
N_RANDOM = 520
N_SECOND = 110


def old_ids(here):
    """The older cue-stratified set's conversations: the `relabel` rows of guide-sample.tsv (its
    labels.tsv was retired once every conversation in it was relabeled under the guide)."""
    ids = []
    with open(os.path.join(here, "guide-sample.tsv"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 4 and fields[3] == "relabel":
                ids.append(int(fields[0]))
    return ids


def block(cid, members):
    lines = [f"=== conversation {cid} | company {company_of(members)} | {len(members)} tweets"]
    for t in members:
        role = "CUSTOMER" if t["inbound"] else "AGENT"
        text = t["text"].replace("\r\n", " / ").replace("\n", " / ").replace("\r", " / ")
        reply_to = f" (reply to #{t['parent']})" if t["parent"] else ""
        lines.append(f"[{t['created_raw']}] {role}({t['author']}) #{t['id']}{reply_to}: {text}")
    return "\n".join(lines) + "\n\n"


def main():
    path, out = sys.argv[1], sys.argv[2]
    chunks = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    here = os.path.dirname(os.path.abspath(__file__))
    convs = conversations(load(path))
    rng = random.Random(SEED)
    random_ids = sorted(rng.sample(sorted(convs), N_RANDOM))
    origin = {c: "random" for c in random_ids}
    for c in old_ids(here):
        origin.setdefault(c, "relabel")
    chosen = sorted(origin)
    second = sorted(rng.sample(chosen, N_SECOND))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "sample.tsv"), "w", encoding="utf-8") as f:
        for c in chosen:
            f.write(f"{c}\t{company_of(convs[c])}\t{len(convs[c])}\t{origin[c]}\n")
    shuffled = chosen[:]
    rng.shuffle(shuffled)
    for k in range(chunks):
        part = sorted(shuffled[k::chunks])
        with open(os.path.join(out, f"chunk-{k + 1}.txt"), "w", encoding="utf-8") as f:
            for c in part:
                f.write(block(c, convs[c]))
    with open(os.path.join(out, "second-pass.txt"), "w", encoding="utf-8") as f:
        for c in second:
            f.write(block(c, convs[c]))
    print(f"conversations={len(convs)} random={len(random_ids)} relabel_only={len(chosen) - len(random_ids)} "
          f"total={len(chosen)} second_pass={len(second)} chunks={chunks}", file=sys.stderr)


if __name__ == "__main__":
    main()
