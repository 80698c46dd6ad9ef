#!/usr/bin/env python3
"""VADER 3.3.2 reference figures on the same files `earshot evaluate sentiment` reads.

Usage:
  pip install vaderSentiment
  Scripts/vader-reference.py PATH...            # gold *_GroundTruth.txt files, folders, or an airline Tweets*.csv
  Scripts/vader-reference.py --emoji-lexicon    # print the derived emoji valence lexicon (see its header)
  Scripts/vader-reference.py --throughput SECONDS PATH...   # sentences/s and MB/s on all gold sentences together

Metrics match Sources/EarshotEvaluation/Metrics.swift: Pearson r against the human mean; 3-class macro-
and weighted-F1 (gold > 0 positive, < 0 negative, == 0 neutral; scorer compound > 0.05 / < -0.05);
for airline CSVs accuracy and macro-F1 against `airline_sentiment`.
"""
import csv
import math
import os
import resource
import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

LABELS = ["negative", "neutral", "positive"]


def label(compound):
    return "positive" if compound > 0.05 else "negative" if compound < -0.05 else "neutral"


def gold_label(mean):
    return "positive" if mean > 0 else "negative" if mean < 0 else "neutral"


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else 0.0


def f1s(gold, predicted):
    result = {}
    for c in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, predicted) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, predicted) if g == c and p != c)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        result[c] = (2 * precision * recall / (precision + recall) if precision + recall else 0.0, tp + fn)
    macro = sum(f for f, _ in result.values()) / len(LABELS)
    weighted = sum(f * support for f, support in result.values()) / len(gold)
    return macro, weighted


def read_gold(path):
    items = []
    with open(path, encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            columns = line.split("\t")
            if len(columns) >= 3:
                items.append((float(columns[1]), "\t".join(columns[2:])))
    return items


def expand(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith("_GroundTruth.txt") or name.endswith(".csv"):
                    yield os.path.join(path, name)
        else:
            yield path


def emoji_lexicon(analyzer):
    print("# Emoji valences derived from VADER's emoji_utf8_lexicon.txt (vaderSentiment 3.3.2, MIT).")
    print("# How: VADER maps each emoji to its Unicode description; each description was scored with")
    print("# VADER 3.3.2 (Scripts/vader-reference.py --emoji-lexicon) and its compound c turned back into")
    print("# the raw valence sum s = c * sqrt(15 / (1 - c^2)), clipped to [-4, 4], rounded to 0.1.")
    print("# Emoji whose description carries no sentiment are left out. The lines at the end marked \"earshot\" are Earshot")
    print("# additions for emoji common in support chats whose description VADER cannot score (\"thumbs up\", \"pouting face\").")
    print("# License: MIT, see Lexicons/licenses/VADER-LICENSE.txt.")
    for emoji, description in analyzer.emojis.items():
        compound = analyzer.polarity_scores(description)["compound"]
        if abs(compound) < 0.0001:
            continue
        compound = max(-0.9999, min(0.9999, compound))
        raw = compound * math.sqrt(15 / (1 - compound * compound))
        raw = max(-4.0, min(4.0, raw))
        print(f"{emoji}\t{raw:.1f}\t{description}")


def throughput(analyzer, seconds, paths):
    """Scores the text column of every gold file, all together, again and again for at least
    `seconds`, the way `earshot-bench sentiment` times Earshot's tokenize + score."""
    texts = [text for path in expand(paths) if path.endswith("_GroundTruth.txt") for _, text in read_gold(path)]
    size = sum(len(text.encode("utf-8")) for text in texts)
    passes = 0
    start, cpu_start = time.perf_counter(), time.thread_time()
    while True:
        for text in texts:
            analyzer.polarity_scores(text)
        passes += 1
        wall = time.perf_counter() - start
        if wall >= seconds:
            break
    cpu = time.thread_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {len(texts)} gold sentences, {size} bytes: {len(texts) * passes / wall:.0f} sentences/s  "
          f"{size * passes / wall / 1e6:.2f} MB/s  {size * passes / cpu / 1e6:.2f} MB/s of CPU time  "
          f"({passes} passes, {wall:.2f} s); peak memory (ru_maxrss) {peak:.1f} MB")
    # One line for Scripts/bench-sentiment.sh, which sets it beside Earshot's.
    print(f"vader polarity_scores MB/s: wall {size * passes / wall / 1e6:.3f} cpu {size * passes / cpu / 1e6:.3f}")


def main(argv):
    analyzer = SentimentIntensityAnalyzer()
    if argv[:1] == ["--emoji-lexicon"]:
        emoji_lexicon(analyzer)
        return
    if argv[:1] == ["--throughput"]:
        throughput(analyzer, float(argv[1]), argv[2:])
        return
    for path in expand(argv):
        name = os.path.basename(path)
        if path.endswith(".csv"):
            with open(path, encoding="utf-8", newline="") as handle:
                rows = [(row["airline_sentiment"], row["text"]) for row in csv.DictReader(handle)]
            predicted = [label(analyzer.polarity_scores(text)["compound"]) for _, text in rows]
            gold = [g for g, _ in rows]
            accuracy = sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold)
            macro, weighted = f1s(gold, predicted)
            print(f"{name}: n={len(gold)} accuracy={accuracy:.3f} macroF1={macro:.3f} weightedF1={weighted:.3f}")
            continue
        items = read_gold(path)
        start = time.perf_counter()
        scores = [analyzer.polarity_scores(text)["compound"] for _, text in items]
        seconds = time.perf_counter() - start
        gold = [gold_label(mean) for mean, _ in items]
        macro, weighted = f1s(gold, [label(s) for s in scores])
        r = pearson([mean for mean, _ in items], scores)
        size = sum(len(text.encode("utf-8")) for _, text in items)
        print(f"{name}: n={len(items)} r={r:.3f} macroF1={macro:.3f} weightedF1={weighted:.3f} "
              f"({len(items) / seconds:.0f} sentences/s, {size / seconds / 1e6:.2f} MB/s)")


if __name__ == "__main__":
    main(sys.argv[1:])
