#!/usr/bin/env python3
"""Fits the customer-mood model (Lexicons/data/customer-mood.tsv) on the twcs sentiment labels.

  python3 Scripts/fit-customer-mood.py --write
      builds earshot (debug), dumps the mood features of the labeled twcs dev conversations
      (`earshot evaluate listening ... --dump-mood-features`), fits, prints cross-validated and
      in-sample figures and rewrites Lexicons/data/customer-mood.tsv.
  python3 Scripts/fit-customer-mood.py --bin .build/release      # use a built binary
  python3 Scripts/fit-customer-mood.py --features mood.csv        # use a dumped table

The model (CustomerMoodModel.swift): mood = clip(w . x + sum of the turn's term weights, -1, 1),
with x the features of CustomerMoodFeatures.swift for the primary customer's first turn (start) or
last turn (end), the terms the turn's words and emoji and their neighbouring pairs (TermBag.swift;
those seen in at least --min-df training turns, binary columns scaled by --term-scale, under the same
penalty), and the target the guide's label -2..+2 halved. Ridge regression (features standardized
for the penalty, the bias not penalized; weights written back on the raw scale), then stretched about the
mean prediction so that the predictions spread like the labels (`stretch`). The end weights are fitted
on the last turns of all labeled conversations; the start weights on the first turns of all of them
(a single-turn conversation's first turn is its last: more data for the start). The product reads
a single turn's start as its end (the guide's start and end are then the same turn, and the labels
agree on every such conversation), so the start is reported over all conversations that way, and
over those where the customer spoke at least twice.

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
TERMS_OUT = os.path.join(ROOT, "Lexicons", "data", "customer-mood-terms.tsv")
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
    names = [key[len("end_"):] for key in rows[0] if key.startswith("end_") and key != "end_terms"]
    return rows, names


def term_sets(rows, side):
    return [set(row[f"{side}_terms"].split("|")) - {""} for row in rows]


class Model:
    """Features plus the turn's terms; `w` on the raw features, `terms` a dict of raw term weights."""

    def __init__(self, w, terms):
        self.w, self.terms = w, terms

    def predict(self, X, T):
        return X @ self.w + np.array([sum(self.terms.get(t, 0.0) for t in ts) for ts in T])


def matrix(rows, names, side):
    return np.array([[float(row[f"{side}_{name}"]) for name in names] for row in rows])


def fit(X, T, y, args):
    """Ridge over the features and the bag of terms, then stretched to the labels' spread (see
    `ridge` and `stretch`)."""
    df = {}
    for ts in T:
        for t in ts:
            df[t] = df.get(t, 0) + 1
    vocab = sorted(t for t, n in df.items() if n >= args.min_df) if args.term_scale > 0 else []
    column = {t: i for i, t in enumerate(vocab)}
    bag = np.zeros((len(T), len(vocab)))
    for row, ts in enumerate(T):
        for t in ts:
            if t in column:
                bag[row, column[t]] = args.term_scale
    width = X.shape[1]
    w = ridge(np.c_[X, bag], y, args.alpha, standardize=width)
    w = stretch(np.c_[X, bag], y, w)
    return Model(w[:width], {t: w[width + i] * args.term_scale for i, t in enumerate(vocab)})


def stretch(X, y, w):
    """Ridge shrinks towards the mean, so a customer gushing thanks reads as mildly positive. The
    weights are scaled about the mean prediction until the predictions spread as much as the labels
    (same mean, same standard deviation): the mood then uses the guide's whole scale, and a clear
    "thanks so much" reaches the top, where the listening score's `sentiment.end` costs nothing.
    A monotone change: it moves no conversation past another (only the clip at -1 and 1 adds ties)."""
    predicted = X @ w
    spread = predicted.std()
    if spread == 0:
        return w
    scale = y.std() / spread
    stretched = w * scale
    stretched[0] += predicted.mean() * (1 - scale)
    return stretched


def ridge(X, y, alpha, standardize=None):
    """Ridge on standardized columns (bias column 0 unpenalized; columns from `standardize` on, the
    binary term columns, stay as they are); weights on the raw scale."""
    mu = X[:, 1:].mean(0)
    sd = X[:, 1:].std(0)
    sd[sd == 0] = 1
    if standardize is not None:
        mu[standardize - 1 :] = 0
        sd[standardize - 1 :] = 1
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


def held_out(X, T, y, ids, args):
    """Predictions for every row from the fold that did not see it."""
    fold = folds(ids)
    predicted = np.zeros(len(y))
    for k in range(5):
        train, test = np.where(fold != k)[0], np.where(fold == k)[0]
        model = fit(X[train], [T[i] for i in train], y[train], args)
        predicted[test] = np.clip(model.predict(X[test], [T[i] for i in test]), -1, 1)
    return predicted, fold


def spearman(y, predicted, fold, mask):
    """Pooled Spearman over `mask`, and mean and sd of the per-fold figures."""
    per_fold = [spearmanr(y[(fold == k) & mask], predicted[(fold == k) & mask]).correlation for k in range(5)]
    return spearmanr(y[mask], predicted[mask]).correlation, float(np.mean(per_fold)), float(np.std(per_fold))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", help="folder with a built earshot binary")
    parser.add_argument("--features", help="a table written by --dump-mood-features")
    parser.add_argument("--alpha", type=float, default=10.0, help="ridge penalty on standardized features")
    parser.add_argument("--min-df", type=int, default=5, help="a term needs this many training turns")
    parser.add_argument("--oof", metavar="FILE",
                        help="write each conversation's cross-validated start and end mood as CSV, for "
                             "Scripts/fit-listening-score.py --mood-oof")
    parser.add_argument("--term-scale", type=float, default=0.5,
                        help="value of a present term's column (0: no terms); larger means less shrinkage")
    parser.add_argument("--write", action="store_true",
                        help="rewrite Lexicons/data/customer-mood.tsv and customer-mood-terms.tsv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows, names = load(args.features or dump(args.bin, folder))
    rows = [row for row in rows if row["gold_end"] != "" and row["gold_start"] != ""]
    ids = [row["conversation"] for row in rows]
    turns = np.array([int(row["customer_turns"]) for row in rows])
    weights = {}
    cv = {}
    single = turns == 1
    for side in ("end", "start"):
        X = matrix(rows, names, side)
        T = term_sets(rows, side)
        y = np.array([float(row[f"gold_{side}"]) / 2 for row in rows])
        predicted, fold = held_out(X, T, y, ids, args)
        model = fit(X, T, y, args)
        fitted = np.clip(model.predict(X, T), -1, 1)
        if side == "start":
            # A customer who spoke once has one turn: the product's start is its end (the guide's
            # labels agree: start == end on every such conversation).
            predicted = np.where(single, cv["end"][0], predicted)
            fitted = np.where(single, cv["end"][1], fitted)
        cv[side] = (predicted, fitted)
        weights[side] = model
        for label, mask in (("all", np.ones(len(rows), bool)), ("2+ turns", ~single)):
            lexicon = spearmanr(y[mask], X[mask, names.index("compound")]).correlation
            pooled, mean, sd = spearman(y, predicted, fold, mask)
            in_sample = spearmanr(y[mask], fitted[mask]).correlation
            print(f"{side} ({label}, n={mask.sum()}): lexicon compound alone {lexicon:.3f}; cross-validated by "
                  f"conversation {pooled:.3f} pooled ({mean:.3f} +- {sd:.3f} over 5 folds); in-sample {in_sample:.3f}")
            cv[(side, label)] = (pooled, mean, sd, int(mask.sum()))
    for name, ws, we in zip(names, weights["start"].w, weights["end"].w):
        print(f"  {name:22s} start {ws:+.4f}  end {we:+.4f}")
    if args.oof:
        with open(args.oof, "w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["conversation", "start", "end"])
            for conversation, start, end in zip(ids, cv["start"][0], cv["end"][0]):
                out.writerow([conversation, f"{start:.6f}", f"{end:.6f}"])
    print(f"  terms: start {len(weights['start'].terms)}, end {len(weights['end'].terms)}")
    if not args.write:
        return
    s, s2, e = cv[("start", "all")], cv[("start", "2+ turns")], cv[("end", "all")]
    with open(OUT, "w") as handle:
        handle.write(
            "# Customer-mood model: per feature (CustomerMoodFeatures.swift), its weight when reading the\n"
            "# primary customer's first turn (start) and last turn (end); mood = clip(sum, -1, 1), the\n"
            "# labeling guide's -2..+2 halved. Read by CustomerMoodModel.swift; written by\n"
            "# Scripts/fit-customer-mood.py (ridge regression, alpha %g on standardized features, stretched\n"
            "# to the labels' spread).\n"
            "# Fitted on: evaluation/twcs/labels.jsonl (customer_sentiment_start/end of %d conversations of the\n"
            "# twcs dev file, labeled by Earshot under labeling-guide.md; the tweets are Customer Support on\n"
            "# Twitter, CC BY-NC-SA 4.0: the model was fitted on labels of that data). No text is stored here.\n"
            "# Cross-validated by conversation (5 folds, seed %d), Spearman vs the labels: end %.3f (%d\n"
            "# conversations); start %.3f (all %d; a single turn's start is its end), %.3f (the %d where the\n"
            "# customer spoke twice or more).\n"
            "# feature\tstart\tend\n" % (args.alpha, len(rows), SEED, e[0], e[3], s[0], s[3], s2[0], s2[3]))
        for name, ws, we in zip(names, weights["start"].w, weights["end"].w):
            handle.write(f"{name}\t{ws:.6f}\t{we:.6f}\n")
    terms = sorted(set(weights["start"].terms) | set(weights["end"].terms))
    kept = 0
    with open(TERMS_OUT, "w") as handle:
        handle.write(
            "# Customer-mood model, wording part: per word, emoji or neighbouring pair of a customer turn\n"
            "# (TermBag.swift, lowercased), its weight when reading the first turn (start) and the last (end),\n"
            "# added to the features' sum in customer-mood.tsv. Fitted jointly with them by\n"
            "# Scripts/fit-customer-mood.py on the same labels: terms seen in at least %d turns, binary columns\n"
            "# worth %g, the same ridge penalty; terms whose two weights both round to 0 are left out. The terms\n"
            "# are single words and pairs common to many customers' tweets, not passages; fitted on Earshot's\n"
            "# own labels of Customer Support on Twitter (CC BY-NC-SA 4.0), as customer-mood.tsv is.\n"
            "# term\tstart\tend\n" % (args.min_df, args.term_scale))
        for term in terms:
            ws, we = weights["start"].terms.get(term, 0.0), weights["end"].terms.get(term, 0.0)
            if max(abs(ws), abs(we)) < 0.0005:
                continue
            kept += 1
            handle.write(f"{term}\t{ws:.4f}\t{we:.4f}\n")
    print(f"wrote {OUT} and {TERMS_OUT} ({kept} terms)")


if __name__ == "__main__":
    sys.exit(main())
