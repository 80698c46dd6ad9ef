#!/usr/bin/env python3
"""Fits the customer-word valences (Lexicons/data/customer-words.tsv) on the airline tweets.

  python3 Scripts/fit-customer-words.py [--write] [--data ../shared/corpora/airline-sentiment/Tweets_dev.csv]

What it is: how much each word says that a customer writing to a support account is unhappy or
happy, learned from tweets customers wrote to airlines (Twitter US Airline Sentiment, developer
slice: 10,268 tweets labeled negative / neutral / positive by CrowdFlower contributors). The lexicon
scorer knows general-English valence; these weights know support talk ("delayed", "hold", "still",
"gate", "refund", "dm", "thanks" in a complaint), where most complaint words carry no dictionary
sentiment. `CustomerMoodFeatures` sums them over the customer's first or last turn (`customer_words`).
No text is stored: only words seen in at least --min-count tweets, each with one number.

The model: ridge regression of the label (-1, 0, +1) on word counts (lowercase ASCII words with
inner apostrophes, as Earshot's tokenizer splits them; @mentions, links and #hashtags dropped),
penalty --alpha, no intercept in the file (the mood model has its own bias). Words whose weight is
below --min-weight in magnitude are left out. Reports the cross-validated (5 folds by tweet, fixed
seed) Spearman on the airline labels. The airline data are CC BY-NC-SA 4.0: the weights are fitted
on them (say so where they ship). Needs numpy and scipy.
"""

import argparse
import collections
import csv
import os
import re
import sys

import numpy as np
from scipy.stats import spearmanr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "corpora", "airline-sentiment", "Tweets_dev.csv")
OUT = os.path.join(ROOT, "Lexicons", "data", "customer-words.tsv")
LABELS = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
SEED = 20261127


def words(text):
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("\u2019", "'")
    text = re.sub(r"https?://\S+|[@#]\w+", " ", text)
    return [w.strip("'") for w in re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)*", text.lower())]


def fit(X, y, alpha):
    A = np.c_[np.ones(len(X)), X]
    penalty = alpha * np.eye(A.shape[1])
    penalty[0, 0] = 0
    return np.linalg.solve(A.T @ A + penalty, A.T @ y)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--alpha", type=float, default=10.0)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-weight", type=float, default=0.01)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    with open(args.data, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    docs = [words(row["text"]) for row in rows]
    y = np.array([LABELS[row["airline_sentiment"]] for row in rows])
    seen = collections.Counter(word for doc in docs for word in set(doc))
    vocabulary = sorted(word for word, count in seen.items() if count >= args.min_count)
    index = {word: i for i, word in enumerate(vocabulary)}
    X = np.zeros((len(docs), len(vocabulary)))
    for row, doc in enumerate(docs):
        for word in doc:
            if word in index:
                X[row, index[word]] += 1
    fold = np.random.RandomState(SEED).permutation(len(docs)) % 5
    predicted = np.zeros(len(docs))
    for k in range(5):
        w = fit(X[fold != k], y[fold != k], args.alpha)
        predicted[fold == k] = X[fold == k] @ w[1:]
    cv = spearmanr(y, predicted).correlation
    w = fit(X, y, args.alpha)[1:]
    kept = [(word, weight) for word, weight in zip(vocabulary, w) if abs(weight) >= args.min_weight]
    print(f"{len(docs)} tweets, {len(vocabulary)} words seen in >= {args.min_count}; cross-validated Spearman "
          f"(5 folds by tweet) {cv:.3f}; {len(kept)} words kept (|weight| >= {args.min_weight})")
    if not args.write:
        return
    with open(OUT, "w") as handle:
        handle.write(
            "# Customer-word valences: how much a word says that a customer writing to a support account is\n"
            "# unhappy (< 0) or happy (> 0), summed over a customer turn by CustomerMoodFeatures.swift\n"
            "# (`customer_words`). Written by Scripts/fit-customer-words.py (ridge regression of the label\n"
            "# -1/0/+1 on word counts, alpha %g; words seen in >= %d tweets, |weight| >= %g).\n"
            "# Fitted on: Twitter US Airline Sentiment, developer slice (../shared/corpora/airline-sentiment,\n"
            "# %d tweets; CrowdFlower / Kaggle, CC BY-NC-SA 4.0: these weights were fitted on that data; no\n"
            "# text is stored). Cross-validated Spearman on those labels (5 folds by tweet): %.3f.\n"
            "# word\tweight\n" % (args.alpha, args.min_count, args.min_weight, len(docs), cv))
        for word, weight in kept:
            handle.write(f"{word}\t{weight:.4f}\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    sys.exit(main())
