#!/usr/bin/env python3
"""Fits the implicit-request model (Lexicons/data/implicit-requests.tsv) and cross-validates it by conversation.

Usage:
  swift build -c release --product earshot
  .build/release/earshot evaluate listening ../shared/corpora/twcs/twcs_dev.csv --dump-request-features /tmp/req.csv
  python3 Scripts/fit-implicit-requests.py /tmp/req.csv            # cross-validation only
  python3 Scripts/fit-implicit-requests.py /tmp/req.csv --write    # also rewrite the model file

A row is a run of customer turns in which no explicit question or request was found
(RequestFeatures.swift); its target is whether the labels (evaluation/twcs/labels.jsonl, made under
../shared/labeling-guide.md) put a question or request there: the guide's implicit requests, a
complaint about a concrete problem the customer wants acted on. The model is an L2-regularized
logistic regression over the features, the hand-made rule (ImplicitRequests.swift) among them; a run
is a request when its probability passes --threshold, written into the bias so that Swift tests
the score against 0. Cross-validation is grouped 5-fold by conversation (the reply-verdict script's
fold hash and seed); the figures to quote are the CV ones: labeled questions found among these runs
and runs taken for requests that the labels do not call one ("extra"), against the rule alone.
Deterministic: numpy and scipy only (L-BFGS from zero).
"""
import argparse
import csv
import hashlib
import math
import os

import numpy as np
from scipy.optimize import minimize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "Lexicons", "data", "implicit-requests.tsv")
META = ("conversation", "tweet_id", "gold", "terms")


def fold_of(group, k, seed):
    return int(hashlib.sha256(f"{seed}:{group}".encode()).hexdigest(), 16) % k


def fit(x, y, l2):
    """Logistic regression on standardized columns (bias unpenalized); weights on the raw scale."""
    mean, sd = x.mean(axis=0), x.std(axis=0)
    mean[0], sd[0] = 0.0, 1.0
    sd[sd < 1e-9] = 1.0
    z = (x - mean) / sd

    def loss(w):
        p = 1 / (1 + np.exp(-(z @ w)))
        eps = 1e-12
        value = -(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)).mean() + 0.5 * l2 * (w[1:] ** 2).sum()
        grad = z.T @ (p - y) / len(y)
        grad[1:] += l2 * w[1:]
        return value, grad

    w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 3000}).x
    raw = w / sd
    raw[0] = w[0] - (w[1:] * mean[1:] / sd[1:]).sum()
    return raw


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("features")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    with open(args.features, newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = [key for key in rows[0] if key not in META]
    x = np.array([[float(row[n]) for n in names] for row in rows])
    y = np.array([int(row["gold"]) for row in rows], dtype=float)
    fold = np.array([fold_of(row["conversation"], args.folds, args.seed) for row in rows])
    cut = math.log(args.threshold / (1 - args.threshold))

    held_out = np.zeros(len(rows))
    for k in range(args.folds):
        w = fit(x[fold != k], y[fold != k], args.l2)
        held_out[fold == k] = x[fold == k] @ w - cut
    rule = x[:, names.index("rule")] == 1
    gold = y == 1

    def line(title, chosen):
        print(f"  {title:34} found {int((chosen & gold).sum()):4} of {int(gold.sum())}, extra {int((chosen & ~gold).sum()):4}"
              f" of {int((~gold).sum())}, accuracy {np.mean(chosen == gold):.3f}")

    print(f"{len(rows)} runs of customer turns without an explicit question, in "
          f"{len(set(r['conversation'] for r in rows))} conversations; {int(gold.sum())} hold a labeled question")
    line("hand-made rule alone", rule)
    line(f"model, CV by conversation (p > {args.threshold})", held_out > 0)
    w = fit(x, y, args.l2)
    w[0] -= cut
    line("model, in-sample (not a result)", x @ w > 0)
    for name, value in zip(names, w):
        print(f"  {name:20} {value:+.4f}")
    if args.write:
        with open(MODEL, "w") as out:
            out.write("# Implicit-request model: per feature (RequestFeatures.swift), its weight in the score of a run of\n")
            out.write("# customer turns without an explicit question; the run is a request (labeling-guide.md: a complaint\n")
            out.write("# about a concrete problem the customer wants acted on) when the score is above 0. Logistic\n")
            out.write(f"# regression (l2 {args.l2}) with the decision threshold p > {args.threshold} folded into the bias.\n")
            out.write("# Read by RequestModel.swift; written by Scripts/fit-implicit-requests.py. Fitted on Earshot's own\n")
            out.write(f"# labels of {len(set(r['conversation'] for r in rows))} twcs dev conversations (evaluation/twcs/labels.jsonl;\n")
            out.write("# the tweets are Customer Support on Twitter, CC BY-NC-SA 4.0). No text is stored here.\n")
            out.write("# feature\tweight\n")
            for name, value in zip(names, w):
                out.write(f"{name}\t{value:.6f}\n")
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
