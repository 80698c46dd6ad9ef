#!/usr/bin/env python3
"""Agreement between the two independent label passes (labels.jsonl and labels-second-pass.jsonl).

Usage (from the project root): python3 evaluation/twcs/agreement.py [FIRST SECOND [ONLY_IDS]]

FIRST and SECOND default to the two files beside this script; ONLY_IDS (a file of conversation ids,
one a line) restricts the comparison, e.g. to one labeling round.

Prints, over the conversations both passes labeled: Spearman on the 1-5 listening judgment and on
customer sentiment at the start and the end; the questions both found (matched by tweet id) and
the share each found of the other's; Cohen's kappa on the 4-way verdict and on non-answer yes/no
(not_answered or unanswered vs answered or partial) for the matched questions; promise and pitch
agreement. These are agreement figures between people (annotators), not a measure of Earshot.
"""
import json
import os
import sys
from collections import Counter

from scipy.stats import spearmanr

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return {r["conversation"]: r for r in map(json.loads, f)}


def files():
    """The two passes (and an optional id filter) from the command line, else the defaults."""
    first = load(sys.argv[1] if len(sys.argv) > 2 else "labels.jsonl")
    second = load(sys.argv[2] if len(sys.argv) > 2 else "labels-second-pass.jsonl")
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            keep = {int(line.split()[0]) for line in f if line.strip()}
        second = {c: r for c, r in second.items() if c in keep}
    return first, second


def kappa(pairs):
    n = len(pairs)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right.get(k, 0) for k in left) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main():
    first, second = files()
    both = sorted(set(first) & set(second))
    print(f"conversations labeled twice: {len(both)}")
    listening = [(first[c]["listening"], second[c]["listening"]) for c in both
                 if first[c]["listening"] is not None and second[c]["listening"] is not None]
    print(f"listening 1-5: Spearman {spearmanr(*zip(*listening))[0]:.3f} on {len(listening)}; "
          f"exact {sum(a == b for a, b in listening) / len(listening):.1%}, "
          f"within one {sum(abs(a - b) <= 1 for a, b in listening) / len(listening):.1%}")
    for key in ("customer_sentiment_start", "customer_sentiment_end"):
        pairs = [(first[c][key], second[c][key]) for c in both
                 if first[c][key] is not None and second[c][key] is not None]
        print(f"{key}: Spearman {spearmanr(*zip(*pairs))[0]:.3f}, exact {sum(a == b for a, b in pairs) / len(pairs):.1%}")
    verdicts, a_only, b_only, matched = [], 0, 0, 0
    for c in both:
        qa = {q["tweet_id"]: q for q in first[c]["questions"]}
        qb = {q["tweet_id"]: q for q in second[c]["questions"]}
        for t in qa.keys() & qb.keys():
            verdicts.append((qa[t]["verdict"], qb[t]["verdict"]))
        matched += len(qa.keys() & qb.keys())
        a_only += len(qa.keys() - qb.keys())
        b_only += len(qb.keys() - qa.keys())
    print(f"questions: {matched} found by both, {a_only} by the first pass only, {b_only} by the second only "
          f"(the second found {matched / (matched + a_only):.1%} of the first's; "
          f"the first {matched / (matched + b_only):.1%} of the second's)")
    print(f"4-way verdict on matched questions: kappa {kappa(verdicts):.3f}, "
          f"agreement {sum(a == b for a, b in verdicts) / len(verdicts):.1%}")
    non = [(a in ("not_answered", "unanswered"), b in ("not_answered", "unanswered")) for a, b in verdicts]
    print(f"non-answer yes/no: kappa {kappa(non):.3f}")
    confusion = Counter(verdicts)
    print("verdict pairs (first, second):", dict(sorted(confusion.items())))
    pitches = [(first[c]["premature_pitch"], second[c]["premature_pitch"]) for c in both]
    print(f"premature pitch: {sum(a for a, _ in pitches)} vs {sum(b for _, b in pitches)} conversations, "
          f"agree on {sum(a == b for a, b in pitches)}/{len(pitches)}")
    pa = {(c, p["turn_id"]) for c in both for p in first[c]["promises"]}
    pb = {(c, p["turn_id"]) for c in both for p in second[c]["promises"]}
    print(f"promises: {len(pa & pb)} turns in both, {len(pa - pb)} first only, {len(pb - pa)} second only")
    status = [(next(p["status"] for p in first[c]["promises"] if p["turn_id"] == t),
               next(p["status"] for p in second[c]["promises"] if p["turn_id"] == t)) for c, t in pa & pb]
    if status:
        print(f"promise status on shared promises: kappa {kappa(status):.3f}, "
              f"agreement {sum(a == b for a, b in status) / len(status):.1%}")


if __name__ == "__main__":
    main()
