#!/usr/bin/env python3
"""Build the constructed self-interest dev set from its hand-written sources.

Usage (from the project root):  python3 evaluation/self-interest/dev/build.py          # rebuild + validate
                          python3 evaluation/self-interest/dev/build.py --check  # validate only

Reads dev/source/*.txt (the conversations as written, in a small line format), shuffles
them with a fixed seed so that ids do not follow category order, assigns ids si-dev-001...,
adds timestamps (channel-typical gaps, seeded), and writes dev/conversations.jsonl (Earshot
JSON Lines, docs/formats.md) and dev/labels.jsonl, then validates both.

Source format (one block per conversation):
    ### category | industry | channel | company | Customer Name | Agent Name
    N: one-line note for the label file
    Subject: optional e-mail subject (kept in metadata)
    C: customer turn text
    A[P]: agent turn that pitches          flags in [...], comma-separated:
    A[S]: agent turn that asks for a survey   P pitch, S survey/rating request,
    C[Q]: customer request a pitch ignored    Q request ignored (pitch_instead/retention),
    C[R]: turn where the problem is resolved  R resolved turn (customer or agent turn)
    A{+3h}: explicit gap before this turn (s, m, h, d)
Lines that do not start with a tag continue the previous turn (a blank continuation line
keeps a paragraph break, for e-mail).
"""
import datetime as dt
import glob
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CATEGORIES = ["premature_pitch", "pitch_instead_of_answer", "retention_wall",
              "survey_before_resolution", "pitch_after_resolution",
              "product_info_requested", "hard_negative", "none"]
CHANNELS = ["chat", "email", "social"]
TAG = re.compile(r"^(C|A)(\[([A-Z,]+)\])?(\{\+(\d+)([smhd])\})?:\s?(.*)$")


HONORIFICS = {"dr", "mr", "mrs", "ms", "miss"}


def slug(name):
    words = [re.sub(r"[^a-z0-9_]+", "", w.lower()) for w in name.split()]
    words = [w for w in words if w and w not in HONORIFICS] or ["x"]
    return words[0]


def parse(path):
    convs, cur = [], None
    with open(path, encoding="utf-8") as f:
        for ln, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            where = f"{os.path.basename(path)}:{ln}"
            if line.startswith("### "):
                parts = [p.strip() for p in line[4:].split("|")]
                if len(parts) != 6:
                    sys.exit(f"{where}: header needs 6 fields")
                cat, ind, ch, company, cust, agent = parts
                if cat not in CATEGORIES or ch not in CHANNELS:
                    sys.exit(f"{where}: bad category or channel")
                cur = dict(category=cat, industry=ind, channel=ch, company=company,
                           customer=cust, agent=agent, turns=[], notes="", subject=None,
                           where=where)
                convs.append(cur)
                continue
            if cur is None or line.startswith("//"):
                continue
            if line.startswith("N: "):
                cur["notes"] = line[3:].strip()
                continue
            if line.startswith("Subject: "):
                cur["subject"] = line[9:].strip()
                continue
            m = TAG.match(line)
            if m:
                role = "customer" if m.group(1) == "C" else "agent"
                flags = set((m.group(3) or "").split(",")) - {""}
                gap = None
                if m.group(5):
                    gap = int(m.group(5)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(6)]
                cur["turns"].append(dict(role=role, flags=flags, gap=gap, text=m.group(7).strip()))
                continue
            if cur["turns"]:
                t = cur["turns"][-1]
                t["text"] = t["text"] + ("\n" + line.strip() if line.strip() else "\n")
    return convs


def gap_for(channel, role, prev_role, rng):
    if channel == "chat":
        return rng.randint(25, 200) if role != prev_role else rng.randint(10, 60)
    if channel == "social":
        return rng.randint(4 * 60, 75 * 60) if role == "agent" else rng.randint(3 * 60, 50 * 60)
    # email
    return rng.randint(2 * 3600, 20 * 3600) if role == "agent" else rng.randint(1 * 3600, 26 * 3600)


def build():
    convs = []
    for p in sorted(glob.glob(os.path.join(HERE, "source", "*.txt"))):
        convs.extend(parse(p))
    rng = random.Random(20261127)
    rng.shuffle(convs)
    out_c, out_l = [], []
    base = dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)
    for i, c in enumerate(convs, 1):
        cid = f"si-dev-{i:03d}"
        r = random.Random(cid)
        cust_id, agent_id = slug(c["customer"]), slug(c["agent"])
        if cust_id == agent_id:
            agent_id = agent_id + "-agent"
        start = base + dt.timedelta(days=(i * 37) % 300, hours=r.randint(7, 20), minutes=r.randint(0, 59),
                                    seconds=r.choice([0, r.randint(0, 59)]))
        t = start
        turns, prev = [], None
        labels = dict(pitch_turns=[], survey_turns=[], resolved_turn=None, customer_request_turn=None)
        for k, turn in enumerate(c["turns"]):
            if k > 0:
                t = t + dt.timedelta(seconds=turn["gap"] if turn["gap"] is not None
                                     else gap_for(c["channel"], turn["role"], prev, r))
            prev = turn["role"]
            turns.append({"speaker": cust_id if turn["role"] == "customer" else agent_id,
                          "at": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "text": turn["text"].strip()})
            f = turn["flags"]
            if "P" in f:
                labels["pitch_turns"].append(k)
            if "S" in f:
                labels["survey_turns"].append(k)
            if "R" in f:
                labels["resolved_turn"] = k
            if "Q" in f:
                labels["customer_request_turn"] = k
        meta = {"constructed": "true", "set": "self-interest-dev", "industry": c["industry"]}
        if c["subject"]:
            meta["subject"] = c["subject"]
        out_c.append({"id": cid, "channel": c["channel"], "company": c["company"],
                      "participants": [{"id": cust_id, "role": "customer", "name": c["customer"]},
                                       {"id": agent_id, "role": "agent", "name": c["agent"]}],
                      "turns": turns, "metadata": meta})
        lab = {"conversation": cid, "category": c["category"]}
        lab.update(labels)
        lab["industry"] = c["industry"]
        lab["notes"] = c["notes"]
        out_l.append(lab)
        c["id"] = cid
    with open(os.path.join(HERE, "conversations.jsonl"), "w", encoding="utf-8") as f:
        for o in out_c:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "labels.jsonl"), "w", encoding="utf-8") as f:
        for o in out_l:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    return convs


def validate():
    errs = []
    conv = {}
    with open(os.path.join(HERE, "conversations.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            o = json.loads(line)
            conv[o["id"]] = o
            roles = {p["id"]: p["role"] for p in o["participants"]}
            if not 4 <= len(o["turns"]) <= 14:
                errs.append(f"{o['id']}: {len(o['turns'])} turns")
            if o["channel"] not in CHANNELS:
                errs.append(f"{o['id']}: channel")
            last = None
            for t in o["turns"]:
                if t["speaker"] not in roles or not t["text"]:
                    errs.append(f"{o['id']}: bad turn")
                if last and t["at"] <= last:
                    errs.append(f"{o['id']}: time order")
                last = t["at"]
    seen = set()
    with open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8") as f:
        for line in f:
            l = json.loads(line)
            cid = l["conversation"]
            seen.add(cid)
            o = conv.get(cid)
            if o is None:
                errs.append(f"{cid}: no conversation")
                continue
            roles = {p["id"]: p["role"] for p in o["participants"]}
            role = [roles[t["speaker"]] for t in o["turns"]]
            n = len(role)
            cat = l["category"]
            P, S, R, Q = l["pitch_turns"], l["survey_turns"], l["resolved_turn"], l["customer_request_turn"]
            for k in P + S:
                if not (0 <= k < n and role[k] == "agent"):
                    errs.append(f"{cid}: pitch/survey turn {k} not an agent turn")
            if R is not None and not 0 <= R < n:
                errs.append(f"{cid}: resolved_turn out of range")
            if Q is not None and not (0 <= Q < n and role[Q] == "customer"):
                errs.append(f"{cid}: request turn {Q} not a customer turn")
            if cat in ("premature_pitch", "pitch_instead_of_answer", "retention_wall", "pitch_after_resolution") and not P:
                errs.append(f"{cid}: {cat} without pitch turns")
            if cat in ("product_info_requested", "hard_negative", "none", "survey_before_resolution") and P:
                errs.append(f"{cid}: {cat} with pitch turns")
            if cat == "survey_before_resolution" and (not S or (R is not None and min(S) >= R)):
                errs.append(f"{cid}: survey not before resolution")
            if cat != "survey_before_resolution" and S and (R is None or min(S) < R):
                errs.append(f"{cid}: open-problem survey in category {cat}")
            if cat == "premature_pitch" and P and R is not None and min(P) > R and "unhappy" not in l["notes"]:
                errs.append(f"{cid}: premature pitch after resolution (allowed only when the note says the customer is unhappy)")
            if cat == "pitch_after_resolution" and P and (R is None or min(P) <= R):
                errs.append(f"{cid}: pitch not after resolution")
            if cat in ("pitch_instead_of_answer", "retention_wall") and (Q is None or not P or min(P) <= Q):
                errs.append(f"{cid}: request turn missing or after pitch")
            if cat not in ("pitch_instead_of_answer", "retention_wall") and Q is not None:
                errs.append(f"{cid}: request turn set for {cat}")
            if not l["notes"]:
                errs.append(f"{cid}: no notes")
    if seen != set(conv):
        errs.append("labels and conversations differ")
    return errs, conv


if __name__ == "__main__":
    if "--check" in sys.argv:  # validate the committed files only
        errs, conv = validate()
        for e in errs:
            print("ERROR", e)
        print(len(conv), "conversations,", len(errs), "errors")
        sys.exit(1 if errs else 0)
    convs = build()
    errs, conv = validate()
    for e in errs:
        print("ERROR", e)
    from collections import Counter
    print(len(convs), "conversations")
    print(Counter(c["category"] for c in convs))
    print(Counter(c["channel"] for c in convs))
    print(Counter(c["industry"] for c in convs))
    sys.exit(1 if errs else 0)
