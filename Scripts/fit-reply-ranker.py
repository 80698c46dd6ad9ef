#!/usr/bin/env python3
"""Refits ReplyRanker's weights and its answer-terms lexicon, and cross-validates them by thread.

Usage:
  swift run earshot evaluate answers SemEval2016-Task3-CQA-QL-train-part2.xml --dump-features /tmp/f.csv
  python3 Scripts/fit-reply-ranker.py /tmp/f.csv            # cross-validation only
  python3 Scripts/fit-reply-ranker.py /tmp/f.csv --write    # also rewrite Lexicons/data/answer-terms.tsv
                                                            # and reply-trees.tsv, and print the Swift weights

The model is one L2-regularized logistic regression of Good against the rest over the ranker's
dense features (standardized for the fit, turned back into weights on the raw values) and one
binary feature per lexicon term (stem, pair of stems, opening stem) seen in at least --min-count
replies (scaled by --term-scale, which sets how strongly the terms are shrunk relative to the dense
features). A term's lexicon weight is its
coefficient times the scale, so Swift adds the lexicon sum with weight 1.

A small gradient-boosted tree ensemble (LightGBM) then rescores each reply from its dense features
and that linear score, for the interactions a linear model misses. It is trained on out-of-fold
linear scores (inner 5-fold by thread), since in-sample ones overstate how sure the lexicon is.

Cross-validation is by thread (every reply of a thread in the same fold; the lexicon's vocabulary
and weights are refitted inside each fold), repeated with different shuffles. Needs numpy, scipy,
scikit-learn and lightgbm; Earshot itself never runs this.
"""

import argparse
import csv
import os
import sys
from collections import Counter

import lightgbm
import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

# Columns that are not dense inputs: the constant, and the lexicon sum computed with the old lexicon.
NOT_DENSE = {"bias", "answer_terms"}


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = [name for name in rows[0].keys() if name not in ("thread", "turn", "good", "terms")]
    dense = [name for name in names if name not in NOT_DENSE]
    x = np.array([[float(row[name]) for name in dense] for row in rows])
    y = np.array([int(row["good"]) for row in rows])
    thread = np.array([int(row["thread"]) for row in rows])
    terms = [set(row["terms"].split("|")) - {""} for row in rows]
    return names, dense, x, y, thread, terms


def average_precision(scores, good, cutoff=10):
    # Ties keep the file order, as RankingMetrics.averagePrecision does.
    order = sorted(range(len(scores)), key=lambda k: (-scores[k], k))[:cutoff]
    hits, total = 0, 0.0
    for rank, k in enumerate(order):
        if good[k]:
            hits += 1
            total += hits / (rank + 1)
    return total / hits if hits else None


def mean_average_precision(scores, y, thread):
    precisions = []
    for t in np.unique(thread):
        mask = thread == t
        ap = average_precision(scores[mask], y[mask])
        if ap is not None:
            precisions.append(ap)
    return 100 * float(np.mean(precisions))


class Model:
    def __init__(self, scale, min_count, c):
        self.scale, self.min_count, self.c = scale, min_count, c

    def sparse(self, terms):
        rows, cols = [], []
        for i, bag in enumerate(terms):
            for term in bag:
                j = self.vocabulary.get(term)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        data = np.full(len(rows), self.scale)
        return sp.csr_matrix((data, (rows, cols)), shape=(len(terms), len(self.vocabulary)))

    def fit(self, x, y, terms):
        counts = Counter(term for bag in terms for term in bag)
        kept = sorted(term for term, n in counts.items() if n >= self.min_count)
        self.vocabulary = {term: j for j, term in enumerate(kept)}
        self.scaler = StandardScaler().fit(x)
        design = sp.hstack([sp.csr_matrix(self.scaler.transform(x)), self.sparse(terms)]).tocsr()
        self.regression = LogisticRegression(C=self.c, max_iter=10000).fit(design, y)
        return self

    def score(self, x, terms):
        design = sp.hstack([sp.csr_matrix(self.scaler.transform(x)), self.sparse(terms)]).tocsr()
        return self.regression.decision_function(design)

    def swift_weights(self, dense):
        """Weights on the raw dense features and the intercept, plus the lexicon (stem -> weight)."""
        k = len(dense)
        beta = self.regression.coef_[0]
        raw = beta[:k] / self.scaler.scale_
        intercept = self.regression.intercept_[0] - float(np.sum(beta[:k] * self.scaler.mean_ / self.scaler.scale_))
        lexicon = {term: beta[k + j] * self.scale for term, j in self.vocabulary.items()}
        return dict(zip(dense, raw)), intercept, lexicon


TREE_PARAMETERS = dict(
    n_estimators=200, learning_rate=0.03, num_leaves=8, min_child_samples=30, subsample=0.8, subsample_freq=1,
    colsample_bytree=0.8, random_state=0, deterministic=True, force_row_wise=True, n_jobs=1, verbose=-1)


def out_of_fold(make, x, y, thread, terms, folds=5):
    """Linear scores of every reply from models that did not see its thread."""
    threads = np.unique(thread)
    assignment = {t: i % folds for i, t in enumerate(np.random.RandomState(1000).permutation(threads))}
    fold = np.array([assignment[t] for t in thread])
    scores = np.zeros(len(y))
    for f in range(folds):
        test, train = np.where(fold == f)[0], np.where(fold != f)[0]
        model = make().fit(x[train], y[train], [terms[i] for i in train])
        scores[test] = model.score(x[test], [terms[i] for i in test])
    return scores


class Ranker:
    """The linear model, then (with trees) the tree ensemble over the dense features and the linear score."""

    def __init__(self, make, trees):
        self.make, self.trees = make, trees

    def fit(self, x, y, terms, thread):
        self.linear = self.make().fit(x, y, terms)
        if self.trees:
            linear = out_of_fold(self.make, x, y, thread, terms)
            self.ensemble = lightgbm.LGBMClassifier(**TREE_PARAMETERS).fit(np.column_stack([x, linear]), y)
        return self

    def score(self, x, terms):
        linear = self.linear.score(x, terms)
        if not self.trees:
            return linear
        return self.ensemble.predict(np.column_stack([x, linear]), raw_score=True)


def cross_validate(x, y, thread, terms, make, repeats, folds):
    pooled_map, pooled_auc, fold_map, fold_auc = [], [], [], []
    threads = np.unique(thread)
    for repeat in range(repeats):
        permutation = np.random.RandomState(repeat).permutation(threads)
        assignment = {t: i % folds for i, t in enumerate(permutation)}
        fold = np.array([assignment[t] for t in thread])
        predicted = np.zeros(len(y))
        for f in range(folds):
            test, train = fold == f, fold != f
            model = make().fit(x[train], y[train], [terms[i] for i in np.where(train)[0]], thread[train])
            predicted[test] = model.score(x[test], [terms[i] for i in np.where(test)[0]])
            fold_map.append(mean_average_precision(predicted[test], y[test], thread[test]))
            fold_auc.append(roc_auc_score(y[test], predicted[test]))
        pooled_map.append(mean_average_precision(predicted, y, thread))
        pooled_auc.append(roc_auc_score(y, predicted))
    return pooled_map, pooled_auc, fold_map, fold_auc


def write_trees(path, ensemble, dense, args, count):
    """One line per node: `tree:node<TAB>leaf value`, or `tree:node<TAB>threshold<TAB>feature<TAB>if ≤<TAB>if >`."""
    inputs = dense + ["linear_score"]
    lines = []
    for tree in ensemble.booster_.dump_model()["tree_info"]:
        number = tree["tree_index"]
        counter = iter(range(1 << 20))

        def visit(node):
            identity = f"{number}:{next(counter)}"
            if "leaf_value" in node:
                lines.append(f"{identity}\t{node['leaf_value']!r}")
                return identity
            assert node["decision_type"] == "<=" and node["missing_type"] == "None", node
            at = len(lines)
            lines.append(None)
            left = visit(node["left_child"])
            right = visit(node["right_child"])
            lines[at] = f"{identity}\t{node['threshold']!r}\t{inputs[node['split_feature']]}\t{left}\t{right}"
            return identity

        visit(tree["tree_structure"])
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(
            "# Reply trees: the gradient-boosted tree ensemble ReplyRanker sums for its final score, over its\n"
            "# features (by name) and linear_score (the weighted feature sum with the answer-terms lexicon).\n"
            "# One node per line: `tree:node<TAB>leaf value`, or `tree:node<TAB>threshold<TAB>feature<TAB>node\n"
            "# if the feature is <= threshold<TAB>node otherwise`; each tree starts at its node 0.\n"
            f"# Source: fitted by Scripts/fit-reply-ranker.py (LightGBM, {TREE_PARAMETERS['n_estimators']} trees of\n"
            f"# {TREE_PARAMETERS['num_leaves']} leaves) on the SemEval-2016 Task 3 train-part2 file ({count} comments),\n"
            "# on out-of-fold linear scores. License: as for answer-terms.tsv (derived from data licensed\n"
            "# \"for general research use\"; check the SemEval organisers' terms before a commercial build).\n"
        )
        for line in lines:
            handle.write(line + "\n")
    return len(lines)


def write_lexicon(path, lexicon, args, count):
    entries = sorted(((term, round(w, 3)) for term, w in lexicon.items() if round(w, 3) != 0), key=lambda e: e[0])
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(
            "# Answer terms: Porter2 stems of a forum reply's words (stopwords included), pairs of neighbouring\n"
            "# stems (\"you can\") and its first two stems marked ^ (\"^yes\"), with how much each says the reply\n"
            "# answers the thread's question (positive) or does not (negative). ReplyRanker adds the weights of\n"
            "# the distinct terms of a reply to its score (feature answer_terms, weight 1).\n"
            "# Source: fitted by Scripts/fit-reply-ranker.py on the SemEval-2016 Task 3 train-part2 file\n"
            f"# ({count} comments; L2 logistic regression jointly with the ranker's other features, terms seen in\n"
            f"# at least {args.min_count} comments, term scale {args.term_scale}, C {args.c}). Data: Qatar Living forum,\n"
            "# SemEval-2016 Task 3 organisers, free for general research use (see docs/evaluation.md).\n"
            "# License: Earshot's own work, but derived from data licensed \"for general research use\"; check the\n"
            "# SemEval organisers' terms before shipping these weights in a commercial build (see Lexicons/README.md).\n"
        )
        for term, weight in entries:
            handle.write(f"{term}\t{weight}\n")
    return len(entries)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("features", help="CSV written by `earshot evaluate answers --dump-features`")
    parser.add_argument("--term-scale", type=float, default=0.15)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--linear-only", action="store_true", help="no tree ensemble on top of the linear model")
    parser.add_argument("--write", action="store_true", help="rewrite the data files and print the Swift weights")
    args = parser.parse_args()

    names, dense, x, y, thread, terms = read(args.features)
    linear = lambda: Model(args.term_scale, args.min_count, args.c)  # noqa: E731
    make = lambda: Ranker(linear, trees=not args.linear_only)  # noqa: E731
    pooled_map, pooled_auc, fold_map, fold_auc = cross_validate(x, y, thread, terms, make, args.repeats, args.folds)
    print(f"{len(np.unique(thread))} threads, {len(y)} replies, {y.sum()} Good")
    print(
        f"CV by thread, {args.repeats} x {args.folds}-fold: pooled over each repeat "
        f"MAP {np.mean(pooled_map):.2f} ± {np.std(pooled_map, ddof=1):.2f}, "
        f"AUC {np.mean(pooled_auc):.4f} ± {np.std(pooled_auc, ddof=1):.4f}; "
        f"per fold MAP {np.mean(fold_map):.2f} ± {np.std(fold_map, ddof=1):.2f}, "
        f"AUC {np.mean(fold_auc):.4f} ± {np.std(fold_auc, ddof=1):.4f}"
    )
    model = make().fit(x, y, terms, thread)
    scores = model.score(x, terms)
    print(f"in-sample MAP {mean_average_precision(scores, y, thread):.2f}, AUC {roc_auc_score(y, scores):.4f}")
    if args.write:
        raw, intercept, lexicon = model.linear.swift_weights(dense)
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
        kept = write_lexicon(os.path.join(root, "Lexicons", "data", "answer-terms.tsv"), lexicon, args, len(y))
        print(f"wrote {kept} terms to Lexicons/data/answer-terms.tsv", file=sys.stderr)
        trees = os.path.join(root, "Lexicons", "data", "reply-trees.tsv")
        if args.linear_only:
            with open(trees, "w", encoding="utf-8") as handle:
                handle.write("# Reply trees: none (fitted with --linear-only); ReplyRanker uses its linear score.\n")
        else:
            nodes = write_trees(trees, model.ensemble, dense, args, len(y))
            print(f"wrote {nodes} tree nodes to Lexicons/data/reply-trees.tsv", file=sys.stderr)
        weights = [intercept if name == "bias" else 1.0 if name == "answer_terms" else raw[name] for name in names]
        print("fittedWeights = [" + ", ".join(f"{w:.3f}" for w in weights) + "]")


if __name__ == "__main__":
    main()
