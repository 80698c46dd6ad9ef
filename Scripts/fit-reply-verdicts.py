#!/usr/bin/env python3
"""Fits the reply-verdict model (Lexicons/data/reply-verdicts.tsv) and cross-validates it by conversation.

Usage:
  swift run -c release earshot evaluate listening ../shared/corpora/twcs/twcs_dev.csv --dump-verdict-features /tmp/twcs.csv
  swift run -c release earshot evaluate helpdesk-turns ../shared/corpora/stc3-dch1/stc3_dev_en.json \\
      --dump-turn-features /tmp/stc3.csv
  python3 Scripts/fit-reply-verdicts.py /tmp/twcs.csv /tmp/stc3.csv           # cross-validation only
  python3 Scripts/fit-reply-verdicts.py /tmp/twcs.csv /tmp/stc3.csv --write   # also rewrite the model file

The model has two parts over the same features (VerdictFeatures.swift):
- verdict: an L2-regularized multinomial logistic regression of the twcs labels (answered, partial,
  not_answered) of questions that got a reply; `unanswered` stays structural (no reply). Besides the
  features it weighs the reply's wording: each word and neighbouring word pair of the reply burst
  (TermBag.swift; the dumps' last column) seen in at least --min-df training replies is a binary
  column, unstandardized, under the same L2 penalty, so a term moves the scores only as far as the
  labels back it (written to Lexicons/data/verdict-terms.tsv).
- usefulness: an L2-regularized logistic regression with fractional targets, fitted jointly on the
  STC-3 panel's per-turn share of HNUG/HNUG* marks (each helpdesk turn against the customer turns
  before it) and on the twcs verdicts (answered 1, partial 0.5, not_answered 0); --stc-weight sets
  the STC-3 share of the total weight.

Cross-validation is grouped k-fold by conversation (every question of a conversation, every turn of
a dialogue, in the same fold; folds from a fixed seed), so the printed CV figures are what to quote.
Features are standardized for the fit and the weights turned back to raw values for Swift.
Deterministic: plain numpy/scipy (L-BFGS), no random state besides the fold seed.
"""

import argparse
import csv
import hashlib
import os
import sys

import numpy as np
from scipy.optimize import minimize

CLASSES = ["answered", "partial", "not_answered"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "Lexicons", "data", "reply-verdicts.tsv")
TERMS = os.path.join(ROOT, "Lexicons", "data", "verdict-terms.tsv")


def read(path, meta):
    """Header, feature names, rows, the feature matrix and each row's reply terms (a set)."""
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    if header[-1] != "reply_terms":
        sys.exit(f"{path}: no reply_terms column; dump it again with the current build")
    names = header[meta:-1]
    data = rows[1:]
    x = np.array([[float(v) for v in r[meta:-1]] for r in data])
    terms = [set(r[-1].split("|")) - {""} for r in data]
    return header, names, data, x, terms


def fold_of(group, k, seed):
    digest = hashlib.sha256(f"{seed}:{group}".encode()).hexdigest()
    return int(digest, 16) % k


def standardize(x):
    mean = x.mean(axis=0)
    sd = x.std(axis=0)
    mean[0] = 0.0  # the bias column stays 1
    sd[sd < 1e-9] = 1.0
    sd[0] = 1.0
    return mean, sd


def fit_multinomial(x, y, weights, l2):
    n, d = x.shape
    k = len(CLASSES)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1

    def loss(flat):
        w = flat.reshape(k, d)
        scores = x @ w.T
        scores -= scores.max(axis=1, keepdims=True)
        logp = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        value = -(weights[:, None] * onehot * logp).sum() / weights.sum()
        penalty = w[:, 1:]
        value += 0.5 * l2 * (penalty**2).sum()
        p = np.exp(logp)
        grad = ((p - onehot) * weights[:, None]).T @ x / weights.sum()
        grad[:, 1:] += l2 * penalty
        return value, grad.ravel()

    result = minimize(loss, np.zeros(k * d), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return result.x.reshape(k, d)


def fit_fractional(x, t, weights, l2):
    def loss(w):
        z = x @ w
        p = 1 / (1 + np.exp(-z))
        eps = 1e-12
        value = -(weights * (t * np.log(p + eps) + (1 - t) * np.log(1 - p + eps))).sum() / weights.sum()
        value += 0.5 * l2 * (w[1:] ** 2).sum()
        grad = x.T @ (weights * (p - t)) / weights.sum()
        grad[1:] += l2 * w[1:]
        return value, grad

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return result.x


def guide_rule(x, names):
    """The guide's bare DM: a DM with no question back, for a question about how a product, app or
    device works with no private-data words (handoff_product), or for a general information question
    with nothing of the customer's own met by a DM with little else, is not_answered whatever the
    model says. Applied
    in Swift too (QuestionVerdicts); mirrored here so the CV figures measure what ships."""
    col = {n: i for i, n in enumerate(names)}
    on = lambda name: x[:, col[name]] == 1
    general = on("dm_general") & on("dm_only") & on("info_question")
    return on("deflect_dm") & ~on("has_question") & (on("handoff_product") | general)


def private_rule(x, names):
    """The guide's private channel: a DM for a question about the customer's own account, order,
    billing or service data, with no help-page, feedback or no-news deflection, is at least partial."""
    col = {n: i for i, n in enumerate(names)}
    other = x[:, col["deflect_faq"]] + x[:, col["deflect_feedback"]] + x[:, col["deflect_nonews"]]
    return (x[:, col["dm_private"]] == 1) & (other == 0)


def decide(probs, x, names, use_rules):
    """Verdicts of replied rows: the model's, then the guide's two rules (as QuestionVerdicts does)."""
    verdicts = [CLASSES[int(np.argmax(p))] for p in probs]
    if use_rules:
        bare = guide_rule(x, names)
        private = private_rule(x, names)
        for i in range(len(verdicts)):
            if bare[i]:
                verdicts[i] = "not_answered"
            elif private[i] and verdicts[i] == "not_answered":
                verdicts[i] = "partial"
    return verdicts


def kappa(a, b):
    labels = sorted(set(a) | set(b))
    index = {l: i for i, l in enumerate(labels)}
    m = np.zeros((len(labels), len(labels)))
    for u, v in zip(a, b):
        m[index[u], index[v]] += 1
    n = m.sum()
    po = np.trace(m) / n
    pe = (m.sum(axis=0) * m.sum(axis=1)).sum() / n / n
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")


def auc(scores, positive):
    scores = np.asarray(scores, dtype=float)
    positive = np.asarray(positive, dtype=bool)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j < len(scores) and sorted_scores[j] == sorted_scores[i]:
            j += 1
        ranks[order[i:j]] = (i + j + 1) / 2
        i = j
    npos = positive.sum()
    nneg = len(scores) - npos
    return (ranks[positive].sum() - npos * (npos + 1) / 2) / (npos * nneg)


class Model:
    def __init__(self, args):
        self.args = args

    def bag(self, terms):
        """Binary term columns over the fitted vocabulary."""
        m = np.zeros((len(terms), len(self.vocab)))
        for row, ts in enumerate(terms):
            for t in ts:
                column = self.column.get(t)
                if column is not None:
                    m[row, column] = 1.0
        return m

    def fit(self, tx, ty, sx, st, tterms):
        """tx, ty: twcs replied rows and class indices; sx, st: STC-3 rows and panel shares; tterms: the
        twcs rows' reply terms."""
        args = self.args
        both = np.vstack([tx, sx])
        self.mean, self.sd = standardize(both)
        ztx = (tx - self.mean) / self.sd
        zsx = (sx - self.mean) / self.sd
        df = {}
        for ts in tterms:
            for t in ts:
                df[t] = df.get(t, 0) + 1
        self.vocab = sorted(t for t, n in df.items() if n >= args.min_df) if args.terms else []
        self.column = {t: i for i, t in enumerate(self.vocab)}
        counts = np.bincount(ty, minlength=len(CLASSES)).astype(float)
        # Balanced class weights, softened: partial and not_answered are rarer than answered.
        class_weight = (counts.sum() / (len(CLASSES) * np.maximum(counts, 1))) ** args.balance
        both_weights = fit_multinomial(np.hstack([ztx, self.bag(tterms)]), ty, class_weight[ty], args.l2)
        self.verdict = both_weights[:, : tx.shape[1]]
        self.term_weights = both_weights[:, tx.shape[1] :]
        target = np.array([1.0, 0.5, 0.0])[ty]
        w_twcs = np.full(len(ty), (1 - args.stc_weight) / max(len(ty), 1))
        w_stc = np.full(len(st), args.stc_weight / max(len(st), 1))
        self.useful = fit_fractional(
            np.vstack([ztx, zsx]), np.concatenate([target, st]), np.concatenate([w_twcs, w_stc]), args.l2
        )
        return self

    def probabilities(self, x, terms):
        z = (x - self.mean) / self.sd
        s = z @ self.verdict.T + self.bag(terms) @ self.term_weights.T
        s[:, 0] += self.args.answered_shift
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        return p / p.sum(axis=1, keepdims=True)

    def usefulness(self, x):
        z = (x - self.mean) / self.sd
        return 1 / (1 + np.exp(-(z @ self.useful)))

    def raw(self):
        """Weights on raw feature values: w/sd, bias shifted by -sum(w*mean/sd)."""

        def convert(w):
            out = w / self.sd
            out[0] = w[0] - (w[1:] * self.mean[1:] / self.sd[1:]).sum()
            return out

        classes = [convert(self.verdict[c].copy()) for c in range(len(CLASSES))]
        classes[0][0] += self.args.answered_shift
        return classes, convert(self.useful.copy())


def write_model(model, names, args, fitted, turns, model_path, terms_path):
    """Writes the model's feature weights and term weights as Swift reads them; returns the count of terms kept."""
    classes, useful = model.raw()
    with open(model_path, "w") as out:
        out.write("# Reply-verdict model: per feature (VerdictFeatures.swift), its weight in the score of answered,\n")
        out.write("# partial and not_answered (multinomial logistic regression: softmax of the three scores) and in the\n")
        out.write("# usefulness score (logistic). Read by VerdictModel.swift; written by Scripts/fit-reply-verdicts.py.\n")
        out.write(f"# Fitted on: evaluation/twcs/labels.jsonl ({fitted} replied questions of the twcs dev\n")
        out.write("# file, labeled by Earshot under labeling-guide.md; the tweets are Customer Support on Twitter,\n")
        out.write("# CC BY-NC-SA 4.0: the model was fitted on labels of that data) and the STC-3 DCH-1 panel's nugget\n")
        out.write(f"# labels ({turns} helpdesk turns of stc3_dev_en.json; annotations CC BY 4.0, NTCIR-14 STC-3,\n")
        out.write("# Zeng et al. 2017). No text of either corpus is stored here.\n")
        out.write(f"# Settings: l2 {args.l2}, class balance {args.balance}, STC-3 weight {args.stc_weight}, answered\n")
        out.write(f"# shift {args.answered_shift} (in the answered bias).\n")
        out.write("# feature\tanswered\tpartial\tnot_answered\tusefulness\n")
        for i, name in enumerate(names):
            values = [classes[c][i] for c in range(len(CLASSES))] + [useful[i]]
            out.write(name + "\t" + "\t".join(f"{v:.6f}" for v in values) + "\n")
    with open(terms_path, "w") as out:
        out.write("# Reply-verdict model, wording part: per word or neighbouring word pair of a reply burst\n")
        out.write("# (TermBag.swift, lowercased), its weight in the score of answered, partial and not_answered,\n")
        out.write("# added to the features' scores in reply-verdicts.tsv. Fitted jointly with them by\n")
        out.write(f"# Scripts/fit-reply-verdicts.py on the same labels: terms seen in at least {args.min_df} replied questions,\n")
        out.write("# binary, under the same L2 penalty; terms whose three weights all round to 0 are left out.\n")
        out.write("# The terms are single words and word pairs common to many agent replies (each in at least\n")
        out.write(f"# {args.min_df} distinct replies), not passages; fitted on Earshot's own labels of Customer Support on\n")
        out.write("# Twitter (CC BY-NC-SA 4.0), as reply-verdicts.tsv is.\n")
        out.write("# term\tanswered\tpartial\tnot_answered\n")
        kept = 0
        for term, w in zip(model.vocab, model.term_weights.T):
            if np.abs(w).max() < 0.0005:
                continue
            kept += 1
            out.write(term + "\t" + "\t".join(f"{v:.3f}" for v in w) + "\n")
    return kept


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("twcs")
    parser.add_argument("stc3")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument("--balance", type=float, default=0.25)
    parser.add_argument("--stc-weight", type=float, default=0.5)
    parser.add_argument("--answered-shift", type=float, default=0.3,
                        help="added to the answered score (the bias of its column): the fit leans to partial")
    parser.add_argument("--useless-below", type=float, default=0.5)
    parser.add_argument("--min-df", type=int, default=5, help="a term needs this many training replies")
    parser.add_argument("--no-terms", dest="terms", action="store_false", help="the features alone, no wording")
    parser.add_argument("--no-guide-rule", dest="guide_rule", action="store_false",
                        help="measure the model alone, without the guide's bare-DM and private-channel rules")
    parser.add_argument("--predictions", metavar="FILE",
                        help="write each twcs row's cross-validated verdict and P(answered, partial, not_answered) as CSV")
    parser.add_argument("--fold-models", metavar="DIR",
                        help="also write each fold's model (fitted without that fold's conversations) to DIR/fold-K/, "
                             "and DIR/folds.txt, for fit-listening-score.py --verdict-folds")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    theader, names, trows, tx_all, tterms = read(args.twcs, 5)
    sheader, snames, srows, sx, sterms = read(args.stc3, 3)
    if names != snames:
        sys.exit("the two dumps have different features; rebuild and dump both again")
    gold = [r[2] for r in trows]
    replied = np.array([r[4] == "1" for r in trows])
    tconv = [r[0] for r in trows]
    sconv = [r[0] for r in srows]
    share = np.array([float(r[2]) for r in srows])
    fit_mask = replied & np.array([g in CLASSES for g in gold])
    ty_all = np.array([CLASSES.index(g) if g in CLASSES else -1 for g in gold])

    tfold = np.array([fold_of(c, args.folds, args.seed) for c in tconv])
    sfold = np.array([fold_of(c, args.folds, args.seed) for c in sconv])
    predicted = [""] * len(trows)
    useful_twcs = np.zeros(len(trows))
    useful_stc = np.zeros(len(srows))
    notanswered_stc = np.zeros(len(srows))
    pna_stc = np.zeros(len(srows))
    cv_probs = np.zeros((len(trows), len(CLASSES)))
    for fold in range(args.folds):
        train = fit_mask & (tfold != fold)
        model = Model(args).fit(tx_all[train], ty_all[train], sx[sfold != fold], share[sfold != fold],
                                [tterms[i] for i in np.where(train)[0]])
        test = tfold == fold
        probs = model.probabilities(tx_all[test], [tterms[i] for i in np.where(test)[0]])
        cv_probs[test] = probs
        for position, verdict in zip(np.where(test)[0], decide(probs, tx_all[test], names, args.guide_rule)):
            predicted[position] = verdict if replied[position] else "unanswered"
        useful_twcs[test] = model.usefulness(tx_all[test])
        stest = sfold == fold
        sprobs = model.probabilities(sx[stest], [sterms[i] for i in np.where(stest)[0]])
        notanswered_stc[stest] = np.array([v == "not_answered" for v in decide(sprobs, sx[stest], names, args.guide_rule)])
        pna_stc[stest] = sprobs[:, 2]
        useful_stc[stest] = model.usefulness(sx[stest])
        if args.fold_models:
            folder = os.path.join(args.fold_models, f"fold-{fold}")
            os.makedirs(folder, exist_ok=True)
            write_model(model, names, args, int(train.sum()), int((sfold != fold).sum()),
                        os.path.join(folder, "reply-verdicts.tsv"), os.path.join(folder, "verdict-terms.tsv"))
    if args.fold_models:
        with open(os.path.join(args.fold_models, "folds.txt"), "w") as out:
            out.write(f"folds {args.folds} seed {args.seed}\n")

    def report(title, predicted, useful_s, na_s, pna_s):
        nonanswer = lambda v: v in ("not_answered", "unanswered")
        k4 = kappa(gold, predicted)
        kna = kappa([nonanswer(g) for g in gold], [nonanswer(p) for p in predicted])
        agree = np.mean([g == p for g, p in zip(gold, predicted)])
        useless = share < args.useless_below
        print(title)
        print(f"  twcs: {len(gold)} found questions in {len(set(tconv))} conversations, {fit_mask.sum()} replied with a "
              f"replied-verdict label")
        print(f"  twcs 4-way verdict kappa {k4:.3f}; non-answer yes/no kappa {kna:.3f}; agreement {100 * agree:.1f}%")
        print("    gold \\ predicted  " + "".join(f"{c:>13}" for c in CLASSES + ["unanswered"]))
        for g in CLASSES + ["unanswered"]:
            counts = [sum(1 for a, b in zip(gold, predicted) if a == g and b == p) for p in CLASSES + ["unanswered"]]
            print(f"    {g:<17}" + "".join(f"{c:>13}" for c in counts))
        target = np.array([1.0, 0.5, 0.0])
        replied_gold = fit_mask
        print(f"  twcs usefulness vs gold (answered 1, partial .5, not 0), AUC for not_answered: "
              f"{auc(-useful_twcs[replied_gold], ty_all[replied_gold] == 2):.3f}")
        print(f"  STC-3: {len(share)} helpdesk turns in {len(set(sconv))} dialogues, {useless.sum()} panel-useless "
              f"(share of HNUG/HNUG* < {args.useless_below})")
        print(f"  STC-3 AUC for panel-useless turns: 1 - usefulness {auc(-useful_s, useless):.3f}; "
              f"P(not_answered) {auc(pna_s, useless):.3f}; not_answered verdict {auc(na_s, useless):.3f}")
        corr = np.corrcoef(useful_s, share)[0, 1]
        print(f"  STC-3 usefulness vs panel share: Pearson {corr:.3f}")

    if args.predictions:
        with open(args.predictions, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["conversation", "tweet_id", "gold", "predicted"] + [f"p_{c}" for c in CLASSES])
            for row, verdict, p in zip(trows, predicted, cv_probs):
                writer.writerow(row[:2] + [row[2], verdict] + [f"{v:.3f}" for v in p])

    report(f"Cross-validated by conversation ({args.folds} folds, seed {args.seed}):", predicted, useful_stc,
           notanswered_stc, pna_stc)

    model = Model(args).fit(tx_all[fit_mask], ty_all[fit_mask], sx, share, [tterms[i] for i in np.where(fit_mask)[0]])
    probs = model.probabilities(tx_all, tterms)
    insample = [v if r else "unanswered" for v, r in zip(decide(probs, tx_all, names, args.guide_rule), replied)]
    useful_twcs[:] = model.usefulness(tx_all)
    sprobs = model.probabilities(sx, sterms)
    report("In-sample (the shipped model, fitted on all of both files; not a result):", insample,
           model.usefulness(sx), np.array([v == "not_answered" for v in decide(sprobs, sx, names, args.guide_rule)]),
           sprobs[:, 2])

    if args.write:
        kept = write_model(model, names, args, int(fit_mask.sum()), len(share), MODEL, TERMS)
        print(f"wrote {MODEL} and {TERMS} ({kept} of {len(model.vocab)} terms)")

if __name__ == "__main__":
    main()
