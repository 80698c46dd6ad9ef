#!/usr/bin/env python3
"""Fits the customer-mood model (Lexicons/data/customer-mood.tsv) on the twcs sentiment labels.

  python3 Scripts/fit-customer-mood.py --write
      builds earshot (debug), dumps the mood features of the labeled twcs dev conversations
      (`earshot evaluate listening ... --dump-mood-features`), fits, prints cross-validated and
      in-sample figures and rewrites Lexicons/data/customer-mood.tsv.
  python3 Scripts/fit-customer-mood.py --bin .build/release      # use a built binary
  python3 Scripts/fit-customer-mood.py --features mood.csv        # use a dumped table

The model (CustomerMoodModel.swift): mood = clip(w . x, -1, 1), with x the features of
CustomerMoodFeatures.swift for the primary customer's first turn (start) or last turn (end), and
the target the guide's label -2..+2 halved. Ridge regression (features standardized for the
penalty, the bias not penalized; weights written back on the raw scale). The end weights are fitted
on the last turns of all labeled conversations; the start weights on the first turns of all of them
(a single-turn conversation's first turn is its last: more data for the start), and the start is
reported on the conversations where the customer spoke at least twice, as the product only gives a
start then (and `earshot evaluate listening` measures it there).

Cross-validation is by conversation: 5 folds, rows sorted by conversation id, fold = position mod 5
after a shuffle with a fixed seed; each fold refitted from scratch; the figure is Spearman over the
pooled held-out predictions (and the mean +- sd over folds). Needs numpy and scipy.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.stats import spearmanr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TWCS = "../shared/corpora/twcs/twcs_dev.csv"
LABELS = "evaluation/twcs/labels.jsonl"
OUT = os.path.join(ROOT, "Lexicons", "data", "customer-mood.tsv")
SEED = 20261127


def dump(binary_dir, folder):
    if binary_dir is None:
        subprocess.run(["swift", "build", "--product", "earshot"], cwd=ROOT, check=True)
        binary_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                    capture_output=True, text=True).stdout.strip()
    path = os.path.join(folder, "mood-features.csv")
    subprocess.run([os.path.join(binary_dir, "earshot"), "evaluate", "listening", TWCS, "--labels", LABELS,
                    "--dump-mood-features", path], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return path


def load(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = [key[len("end_"):] for key in rows[0] if key.startswith("end_")]
    return rows, names


def matrix(rows, names, side):
    return np.array([[float(row[f"{side}_{name}"]) for name in names] for row in rows])


def fit(X, y, alpha):
    """Ridge on standardized columns (bias column 0 unpenalized); weights on the raw scale."""
    mu = X[:, 1:].mean(0)
    sd = X[:, 1:].std(0)
    sd[sd == 0] = 1
    Z = np.c_[np.ones(len(X)), (X[:, 1:] - mu) / sd]
    penalty = alpha * np.eye(Z.shape[1])
    penalty[0, 0] = 0
    w = np.linalg.solve(Z.T @ Z + penalty, Z.T @ y)
    raw = np.r_[w[0] - np.sum(w[1:] * mu / sd), w[1:] / sd]
    return raw


def folds(ids):
    order = sorted(range(len(ids)), key=lambda i: int(ids[i]))
    rng = np.random.RandomState(SEED)
    shuffled = [order[i] for i in rng.permutation(len(order))]
    fold = np.empty(len(ids), int)
    for position, row in enumerate(shuffled):
        fold[row] = position % 5
    return fold


def cross_validate(X, y, ids, alpha, report_mask):
    fold = folds(ids)
    predicted = np.zeros(len(y))
    per_fold = []
    for k in range(5):
        train, test = fold != k, fold == k
        w = fit(X[train], y[train], alpha)
        predicted[test] = np.clip(X[test] @ w, -1, 1)
        held = test & report_mask
        per_fold.append(spearmanr(y[held], predicted[held]).correlation)
    pooled = spearmanr(y[report_mask], predicted[report_mask]).correlation
    return pooled, float(np.mean(per_fold)), float(np.std(per_fold))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", help="folder with a built earshot binary")
    parser.add_argument("--features", help="a table written by --dump-mood-features")
    parser.add_argument("--alpha", type=float, default=10.0, help="ridge penalty on standardized features")
    parser.add_argument("--write", action="store_true", help="rewrite Lexicons/data/customer-mood.tsv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows, names = load(args.features or dump(args.bin, folder))
    rows = [row for row in rows if row["gold_end"] != "" and row["gold_start"] != ""]
    ids = [row["conversation"] for row in rows]
    turns = np.array([int(row["customer_turns"]) for row in rows])
    weights = {}
    for side in ("start", "end"):
        X = matrix(rows, names, side)
        y = np.array([float(row[f"gold_{side}"]) / 2 for row in rows])
        mask = turns >= 2 if side == "start" else np.ones(len(rows), bool)
        lexicon = spearmanr(y[mask], X[mask, names.index("compound")]).correlation
        pooled, mean, sd = cross_validate(X, y, ids, args.alpha, mask)
        w = fit(X, y, args.alpha)
        in_sample = spearmanr(y[mask], np.clip(X[mask] @ w, -1, 1)).correlation
        print(f"{side}: n={mask.sum()} lexicon compound alone {lexicon:.3f}; cross-validated by conversation "
              f"{pooled:.3f} pooled ({mean:.3f} +- {sd:.3f} over 5 folds); in-sample {in_sample:.3f}")
        weights[side] = (w, pooled, mean, sd, int(mask.sum()))
    for name, ws, we in zip(names, weights["start"][0], weights["end"][0]):
        print(f"  {name:22s} start {ws:+.4f}  end {we:+.4f}")
    if not args.write:
        return
    s, e = weights["start"], weights["end"]
    with open(OUT, "w") as handle:
        handle.write(
            "# Customer-mood model: per feature (CustomerMoodFeatures.swift), its weight when reading the\n"
            "# primary customer's first turn (start) and last turn (end); mood = clip(sum, -1, 1), the\n"
            "# labeling guide's -2..+2 halved. Read by CustomerMoodModel.swift; written by\n"
            "# Scripts/fit-customer-mood.py (ridge regression, alpha %g on standardized features).\n"
            "# Fitted on: evaluation/twcs/labels.jsonl (customer_sentiment_start/end of %d conversations of the\n"
            "# twcs dev file, labeled by Earshot under labeling-guide.md; the tweets are Customer Support on\n"
            "# Twitter, CC BY-NC-SA 4.0: the model was fitted on labels of that data). No text is stored here.\n"
            "# Cross-validated by conversation (5 folds, seed %d), Spearman vs the labels: start %.3f\n"
            "# (%d conversations with two or more customer turns), end %.3f (%d conversations).\n"
            "# feature\tstart\tend\n" % (args.alpha, len(rows), SEED, s[1], s[4], e[1], e[4]))
        for name, ws, we in zip(names, s[0], e[0]):
            handle.write(f"{name}\t{ws:.6f}\t{we:.6f}\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    sys.exit(main())
