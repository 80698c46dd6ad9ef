#!/usr/bin/env python3
"""Fits the listening score's points per lapse on human ratings; cross-validates by conversation.

One command refits everything (deterministic: fixed folds, no random search):

  python3 Scripts/fit-listening-score.py --write
      builds earshot (release), dumps the lapse features of the STC-3 dev dialogues
      (`earshot evaluate quality ... --dump-features`) and of the labeled twcs dev conversations
      (`earshot evaluate listening ... --dump-lapse-features`), fits, prints in-sample and
      cross-validated figures and rewrites Lexicons/data/listening-weights.tsv.
  python3 Scripts/fit-listening-score.py --bin .build/release     # use built binaries
  python3 Scripts/fit-listening-score.py --features stc3.tsv twcs.tsv   # use dumped features

Rerun it after any change to the detectors, the question verdicts or the usefulness model: the
features are what the product measures, so the weights must follow them.

The model (docs/scoring.md): score = clip(100 - sum_i points_i * lapse_i, 0, 100), points_i >= 0.
Lapses are shares of questions by verdict, the mean unhelpfulness of replies, "unresolved", the
customer's sentiment at the end and its drop, and counts of findings per detector and severity
(ListeningLapses.swift). The ratings are put on 0-100 (STC-3 panel mean S: (S + 2) / 4; twcs
listening 1-5: (L - 1) / 4) and fitted as rating = b_dataset - sum_i w_i * lapse_i by non-negative
least squares (scipy.optimize.nnls), each dataset weighing the same, each with its own intercept
b (the rating a conversation without lapses gets). The shipped points are w_i * 100 / b_twcs, so a
conversation without lapses scores 100 and one predicted at the bottom of the guide's scale (1)
scores 0. Finding lapses seen in fewer than --min-support (10) conversations are not fitted and have
no row: they are priced by the `category.<category>.<severity>` rows (also used for detectors added
later), which are the median fitted points of that severity and at least --floor-major (30) /
--floor-minor (5). Findings seen in fewer than 50 conversations also get at least that floor. Both
are a product decision, not a fit: a rare failure (a broken promise, a premature pitch) must still
cost points, which the data are too thin to price.

Cross-validation is by conversation (5 folds per dataset, fixed assignment: rows sorted by id,
fold = position mod 5 after a seeded shuffle); each fold is refitted from scratch, figures are the
mean +- sd over folds of Spearman on the held-out conversations. Needs numpy and scipy.
"""

import argparse
import csv
import hashlib
import os
import subprocess
import sys

import numpy as np
from scipy.optimize import nnls
from scipy.stats import spearmanr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STC3 = "../shared/corpora/stc3-dch1/stc3_dev_en.json"
TWCS = "../shared/corpora/twcs/twcs_dev.csv"
LABELS = "evaluation/twcs/labels.jsonl"
OUT = os.path.join(ROOT, "Lexicons", "data", "listening-weights.tsv")
META = {"id", "dataset", "S", "A", "E", "listening", "score", "sentiment_end"}
CATEGORIES = {
    "non_answer": "answers",
    "customer_question": "answers",
    "premature_pitch": "timing",
    "response_time": "responsiveness",
    "unanswered_customer": "responsiveness",
    "promise": "promises",
    "repeated_ask": "knowing",
    "customer_name_unused": "knowing",
    "talk_balance": "knowing",
    "customer_sentiment": "sentiment",
    "no_no": "conduct",
}
RARE = 50
ALL_CATEGORIES = ["answers", "timing", "responsiveness", "promises", "knowing", "sentiment", "conduct"]


def earshot_binary(binary_dir):
    """The earshot binary in binary_dir, or a fresh release build's."""
    if binary_dir is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "earshot"], cwd=ROOT, check=True)
        binary_dir = subprocess.run(
            ["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
            text=True).stdout.strip()
    return os.path.join(binary_dir, "earshot")


def dump(earshot, folder, suffix="", verdict_model=None):
    """Runs earshot to write both feature tables (with another reply-verdict model when given); returns their paths."""
    stc3 = os.path.join(folder, f"stc3-features{suffix}.tsv")
    twcs = os.path.join(folder, f"twcs-features{suffix}.tsv")
    model = ["--verdict-model", verdict_model] if verdict_model else []
    subprocess.run([earshot, "evaluate", "quality", STC3, "--dump-features", stc3] + model, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([earshot, "evaluate", "listening", "--labels", LABELS, TWCS, "--dump-lapse-features", twcs] + model,
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return stc3, twcs


def fold_of(group, k, seed):
    """The reply-verdict fold of a conversation, as fit-reply-verdicts.py deals them."""
    digest = hashlib.sha256(f"{seed}:{group}".encode()).hexdigest()
    return int(digest, 16) % k


def replace_verdicts(rows, folder, earshot, work):
    """Every row's lapses recomputed with the reply-verdict model of its own fold
    (fit-reply-verdicts.py --fold-models FOLDER): that model never saw the row's conversation, so
    the verdicts and usefulness in its lapses are out of fold, as they would be on new data."""
    with open(os.path.join(folder, "folds.txt")) as handle:
        _, k, _, seed = handle.read().split()
    k = int(k)
    replaced = 0
    for fold in range(k):
        paths = dump(earshot, work, f"-fold{fold}", os.path.join(folder, f"fold-{fold}"))
        fresh = {(row["dataset"], row["id"]): row for path in paths for row in read(path)}
        for row in rows:
            if fold_of(row["id"], k, seed) == fold and (row["dataset"], row["id"]) in fresh:
                row.update(fresh[(row["dataset"], row["id"])])
                replaced += 1
    print(f"lapses from out-of-fold verdicts: {replaced} of {len(rows)} conversations")


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def value(row, name):
    text = row.get(name, "")
    return float(text) if text not in ("", None) else 0.0


def rating(row):
    """The rating on 0-100, or None when the row has none."""
    if row["dataset"] == "stc3":
        return (float(row["S"]) + 2) / 4 * 100
    return (float(row["listening"]) - 1) / 4 * 100 if row["listening"] else None


def folds(rows, k=5, seed=0):
    """Fold of each row: per dataset, rows sorted by id, shuffled with a fixed seed, dealt round robin."""
    fold = [0] * len(rows)
    rng = np.random.RandomState(seed)
    for dataset in sorted({row["dataset"] for row in rows}):
        members = sorted((i for i, row in enumerate(rows) if row["dataset"] == dataset), key=lambda i: rows[i]["id"])
        order = rng.permutation(len(members))
        for position, index in enumerate(order):
            fold[members[index]] = position % k
    return fold


def fit(rows, columns, min_support):
    """Points per unit (0-100 scale) of the supported columns, and the intercept per dataset."""
    datasets = sorted({row["dataset"] for row in rows})
    x = np.array([[value(row, c) for c in columns] for row in rows])
    support = (x > 0).sum(axis=0)
    used = [j for j, c in enumerate(columns) if not c.startswith("finding.") or support[j] >= min_support]
    y = np.array([rating(row) for row in rows])
    # Every dataset weighs the same, whatever its size.
    counts = {d: sum(1 for row in rows if row["dataset"] == d) for d in datasets}
    sw = np.sqrt(np.array([len(rows) / (len(datasets) * counts[row["dataset"]]) for row in rows]))
    design = np.hstack([
        np.array([[1.0 if row["dataset"] == d else 0.0 for d in datasets] for row in rows]),
        -x[:, used],
    ])
    solution, _ = nnls(design * sw[:, None], y * sw, maxiter=50 * design.shape[1])
    intercepts = dict(zip(datasets, solution[: len(datasets)]))
    weights = np.zeros(len(columns))
    weights[used] = solution[len(datasets):]
    anchor = intercepts.get("twcs") or max(intercepts.values())
    return weights * 100 / anchor, intercepts, support


def fallbacks(points, columns, floor_major, floor_minor):
    """The category rows: median fitted points of each severity, at least the floor."""
    rows = {}
    for severity, floor in (("major", floor_major), ("minor", floor_minor)):
        fitted = [p for p, c in zip(points, columns) if c.startswith("finding.") and c.endswith("." + severity) and p > 0]
        base = max(floor, float(np.median(fitted)) if fitted else floor)
        for category in ALL_CATEGORIES:
            rows[f"category.{category}.{severity}"] = base
    return rows


def apply_floors(points, columns, support, min_support, floor_major, floor_minor, exempt):
    """Finding lapses get at least the floor; unsupported ones fall back to their category row."""
    points = points.copy()
    for j, column in enumerate(columns):
        if not column.startswith("finding.") or column.split(".")[1] in exempt:
            continue
        floor = floor_major if column.endswith(".major") else floor_minor
        # Findings seen often enough keep their fitted points; rarer ones cannot be priced by the data.
        if min_support <= support[j] < RARE:
            points[j] = max(points[j], floor)
    return points


def scores(rows, columns, points, fallback, listed):
    out = []
    for row in rows:
        lost = 0.0
        for j, column in enumerate(columns):
            amount = value(row, column)
            if amount == 0:
                continue
            p = points[j]
            # As in Swift: a finding lapse without its own row is priced by its category's row.
            if not listed[j] and column.startswith("finding."):
                detector, severity = column.split(".")[1], column.split(".")[2]
                p = fallback.get(f"category.{CATEGORIES.get(detector, 'answers')}.{severity}", 0)
            lost += p * amount
        out.append(min(100.0, max(0.0, 100 - lost)))
    return np.array(out)


def figures(rows, predicted):
    """Spearman per target on these rows."""
    result = {}
    for dataset, targets in (("stc3", ("S", "A", "E")), ("twcs", ("listening",))):
        idx = [i for i, row in enumerate(rows) if row["dataset"] == dataset and row[targets[0]] != ""]
        for target in targets:
            if len(idx) > 2:
                gold = [float(rows[i][target]) for i in idx]
                result[f"{dataset} {target}"] = spearmanr([predicted[i] for i in idx], gold).correlation
    return result


def replace_moods(rows, path):
    """Sentiment lapses of twcs rows recomputed from out-of-fold moods, as ListeningLapses.swift maps
    them: sentiment.end = (1 - end) / 2, sentiment.drop = max(0, start - end) / 2,
    sentiment.negative_end = max(0, -end)."""
    with open(path, newline="") as handle:
        moods = {row["conversation"]: (float(row["start"]), float(row["end"])) for row in csv.DictReader(handle)}
    replaced = 0
    for row in rows:
        if row["dataset"] != "twcs" or row["id"] not in moods:
            continue
        start, end = moods[row["id"]]
        end = min(1.0, max(-1.0, end))
        row["sentiment.end"] = str((1 - end) / 2)
        row["sentiment.drop"] = str(max(0.0, start - end) / 2)
        row["sentiment.negative_end"] = str(max(0.0, -end))
        row["sentiment_end"] = str(end)
        replaced += 1
    print(f"twcs moods replaced by out-of-fold ones: {replaced} of {sum(1 for r in rows if r['dataset'] == 'twcs')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--features", nargs=2, metavar=("STC3_TSV", "TWCS_TSV"))
    parser.add_argument("--bin", help="folder with a built earshot (default: build release)")
    parser.add_argument("--work", default="/tmp/earshot-listening-fit")
    parser.add_argument("--min-support", type=int, default=10)
    parser.add_argument("--floor-major", type=float, default=30.0)
    parser.add_argument("--floor-minor", type=float, default=5.0)
    parser.add_argument("--exempt", nargs="*", default=[], help="detectors whose findings get no floor")
    parser.add_argument("--write", action="store_true", help="rewrite Lexicons/data/listening-weights.tsv")
    parser.add_argument("--mood-oof", metavar="FILE",
                        help="twcs customer moods predicted out of fold (fit-customer-mood.py --oof): the mood "
                             "model was fitted on the same conversations' sentiment labels, so its in-sample "
                             "moods would flatter the twcs figures; they replace the sentiment lapses of twcs rows")
    parser.add_argument("--verdict-folds", metavar="DIR",
                        help="each fold's reply-verdict model (fit-reply-verdicts.py --fold-models DIR): every "
                             "conversation's lapses are recomputed with the model of its own fold, so the verdicts "
                             "and usefulness behind them are out of fold (the shipped model saw their labels)")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    earshot = None if args.features and not args.verdict_folds else earshot_binary(args.bin)
    if args.features:
        stc3_path, twcs_path = args.features
    else:
        stc3_path, twcs_path = dump(earshot, args.work)
    rows = [row for row in read(stc3_path) + read(twcs_path) if rating(row) is not None]
    if args.verdict_folds:
        replace_verdicts(rows, args.verdict_folds, earshot, args.work)
    if args.mood_oof:
        replace_moods(rows, args.mood_oof)
    columns = sorted({c for row in rows for c in row.keys()} - META, key=lambda c: (c.startswith("finding."), c))

    def fitted(train):
        points, intercepts, support = fit(train, columns, args.min_support)
        points = apply_floors(points, columns, support, args.min_support, args.floor_major, args.floor_minor, set(args.exempt))
        return points, fallbacks(points, columns, args.floor_major, args.floor_minor), intercepts, support

    fold = folds(rows)
    per_fold = {}
    for k in range(5):
        train = [row for row, f in zip(rows, fold) if f != k]
        test = [row for row, f in zip(rows, fold) if f == k]
        points, fallback, _, support = fitted(train)
        for name, rho in figures(test, scores(test, columns, points, fallback, support >= args.min_support)).items():
            per_fold.setdefault(name, []).append(rho)
    points, fallback, intercepts, support = fitted(rows)
    in_sample = figures(rows, scores(rows, columns, points, fallback, support >= args.min_support))
    shipped = figures(rows, [float(row["score"]) for row in rows])
    baseline = figures(
        [row for row in rows if row["sentiment_end"] != ""],
        [float(row["sentiment_end"]) for row in rows if row["sentiment_end"] != ""])
    cv = {name: (float(np.mean(v)), float(np.std(v))) for name, v in per_fold.items()}
    names = ["stc3 S", "stc3 A", "stc3 E", "twcs listening"]
    print(f"{len(rows)} conversations: "
          + ", ".join(f"{d} {sum(1 for r in rows if r['dataset'] == d)}" for d in ("stc3", "twcs")))
    print("Spearman             CV mean ± sd     in-sample  scores in the dump  sentiment_end")
    for name in names:
        m, s = cv.get(name, (float("nan"), float("nan")))
        print(f"  {name:16}   {m:.3f} ± {s:.3f}    {in_sample.get(name, float('nan')):.3f}      "
              f"{shipped.get(name, float('nan')):.3f}              {baseline.get(name, float('nan')):.3f}")
    print("intercepts (0-100 rating of a conversation without lapses): "
          + ", ".join(f"{d} {b:.1f}" for d, b in intercepts.items()))
    print("points per unit:")
    for column, p, n in zip(columns, points, support):
        print(f"  {column:40} {p:7.2f}   (in {n} conversations)")
    for name, p in sorted(fallback.items()):
        print(f"  {name:40} {p:7.2f}   (fallback)")
    if args.write:
        counts = {d: sum(1 for r in rows if r["dataset"] == d) for d in ("stc3", "twcs")}
        lines = [
            "# Listening-score weights: points per unit of each lapse (ListeningLapses.swift); the score is",
            "# 100 minus the sum, clipped to 0-100. `category.<category>.<severity>` rows price findings of",
            "# detectors without their own row. Fitted by Scripts/fit-listening-score.py (non-negative least",
            "# squares, see docs/scoring.md); rerun it after changing detectors, verdicts or usefulness.",
            f"fitted-on: stc3_dev_en.json ({counts['stc3']} dialogues, panel mean S) and "
            f"evaluation/twcs/labels.jsonl on twcs_dev.csv ({counts['twcs']} conversations, listening 1-5)",
            "twcs sentiment lapses from out-of-fold customer moods (fit-customer-mood.py --oof)"
            if args.mood_oof else "twcs sentiment lapses from the shipped (in-sample) customer moods",
            "verdict and usefulness lapses from out-of-fold reply-verdict models (fit-reply-verdicts.py --fold-models)"
            if args.verdict_folds else "verdict and usefulness lapses from the shipped (in-sample) reply-verdict model",
            "cv by conversation (5 folds, Spearman mean ± sd over folds): "
            + "; ".join(f"{n} {cv[n][0]:.3f} ± {cv[n][1]:.3f}" for n in names if n in cv),
            "in-sample: " + "; ".join(f"{n} {in_sample[n]:.3f}" for n in names if n in in_sample),
            "License: derived from the STC-3 DCH-1 annotations (CC BY 4.0, NTCIR-14 STC-3 organisers) and",
            "# from Earshot's own labels of twcs conversations (the Kaggle twcs data is CC BY-NC-SA 4.0:",
            "# the model was fitted on labels of that data; check its terms before a commercial build).",
        ]
        lines = [line if line.startswith("#") else "# " + line for line in lines]
        # A fitted 0 is written too: only lapses left out fall back to their category's row.
        body = [f"{c}\t{p:.2f}" for c, p, n in zip(columns, points, support) if n >= args.min_support]
        body += [f"{name}\t{p:.2f}" for name, p in sorted(fallback.items())]
        with open(OUT, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines + body) + "\n")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    sys.exit(main())
