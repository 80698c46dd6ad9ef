#!/usr/bin/env python3
"""Rebuild twcs conversations and draw the Earshot hand-labeling sample.

Usage: python3 evaluation/twcs/sample.py ../shared/corpora/twcs/twcs_dev.csv [out.txt]

- Parses the CSV with Python's csv module treating only '\n' as record
  separator (one record, tweet 3399, has bare '\r' inside an unquoted field).
- Conversation = connected component of the reply graph (in_response_to_tweet_id
  and response_tweet_id links between tweets present in the file);
  conversation id = smallest tweet_id in the component.
- Sample (seed 20261123, N=170): every conversation with a company tweet
  containing a sales/offer cue; then conversations with a company-tweet promise
  cue (randomly subsampled if they would exceed N); then random fill from
  conversations with >= 2 tweets.
- Writes readable text (default /tmp/twcs-sample.txt) and prints a summary
  (stratum of each sampled conversation) to stdout.
"""
import csv, html, io, random, re, sys
from datetime import datetime

SEED = 20261123
N = 170

SALES = re.compile(r"\bupgrad\w*|\bplans?\b|\bpromos?\b|\bpromotions?\b|\bdiscounts?\b|\boffer\w*|\bdeals?\b|\bbundles?\b|"
                   r"\bprotection\b|\badd-ons?\b|check out our|did you know|%\s?off\b", re.I)
PROMISE = re.compile(r"\bwe'll\b|will get back|will follow up|\bwithin\b|by tomorrow|\bwe will\b|\bshortly\b|"
                     r"\bsoon\b|\basap\b|reach out", re.I)


def load(path):
    raw = open(path, newline="", encoding="utf-8").read()
    # protect bare \r (not part of \r\n) so csv does not see a line break
    raw = re.sub(r"\r(?!\n)", "\x00", raw)
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    header, rows = rows[0], rows[1:]
    tweets = {}
    for r in rows:
        rec = dict(zip(header, r))
        t = {
            "id": int(rec["tweet_id"]),
            "author": rec["author_id"],
            "inbound": rec["inbound"] == "True",
            "created": datetime.strptime(rec["created_at"], "%a %b %d %H:%M:%S %z %Y"),
            "created_raw": rec["created_at"],
            "text": html.unescape(rec["text"].replace("\x00", "\r")),
            "responses": [int(x) for x in rec["response_tweet_id"].split(",") if x.strip()],
            "parent": int(float(rec["in_response_to_tweet_id"])) if rec["in_response_to_tweet_id"].strip() else None,
        }
        tweets[t["id"]] = t
    return tweets


def conversations(tweets):
    parent = {i: i for i in tweets}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for t in tweets.values():
        if t["parent"] in tweets:
            union(t["id"], t["parent"])
        for r in t["responses"]:
            if r in tweets:
                union(t["id"], r)
    convs = {}
    for i in tweets:
        convs.setdefault(find(i), []).append(tweets[i])
    out = {}
    for members in convs.values():
        cid = min(t["id"] for t in members)
        members.sort(key=lambda t: (t["created"], t["id"]))
        out[cid] = members
    return out


def company_of(members):
    cos = sorted({t["author"] for t in members if not t["inbound"]})
    return ",".join(cos) if cos else "-"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/twcs/twcs_dev.csv"
    outp = sys.argv[2] if len(sys.argv) > 2 else "/tmp/twcs-sample.txt"
    tweets = load(path)
    convs = conversations(tweets)
    ids = sorted(convs)

    def has(rx, cid):
        return any(not t["inbound"] and rx.search(t["text"]) for t in convs[cid])

    sales = [c for c in ids if has(SALES, c)]
    promise = [c for c in ids if has(PROMISE, c) and c not in set(sales)]
    rng = random.Random(SEED)
    chosen, stratum = [], {}
    if len(sales) > N:
        sales = sorted(rng.sample(sales, N))
    for c in sales:
        chosen.append(c); stratum[c] = "sales"
    n_promise_cand = len(promise)
    room = N - len(chosen)
    if len(promise) > room:
        promise = sorted(rng.sample(promise, room))
    for c in promise:
        chosen.append(c); stratum[c] = "promise"
    rest = [c for c in ids if c not in stratum and len(convs[c]) >= 2]
    room = N - len(chosen)
    for c in sorted(rng.sample(rest, min(room, len(rest)))):
        chosen.append(c); stratum[c] = "random"
    chosen.sort()

    with open(outp, "w", encoding="utf-8") as f:
        for c in chosen:
            m = convs[c]
            f.write(f"=== conversation {c} | company {company_of(m)} | stratum {stratum[c]} | {len(m)} tweets\n")
            for t in m:
                role = "CUSTOMER" if t["inbound"] else "AGENT"
                text = t["text"].replace("\r\n", " / ").replace("\n", " / ").replace("\r", " / ")
                f.write(f"[{t['created_raw']}] {role}({t['author']}) #{t['id']}: {text}\n")
            f.write("\n")
    print(f"tweets={len(tweets)} conversations={len(convs)} sales_cue={len(sales)} "
          f"promise_cue(excl sales)={n_promise_cand} (kept {len(promise)}) random_fill={sum(1 for c in chosen if stratum[c] == 'random')} sampled={len(chosen)}", file=sys.stderr)
    for c in chosen:
        print(f"{c}\t{company_of(convs[c])}\t{stratum[c]}")


if __name__ == "__main__":
    main()
