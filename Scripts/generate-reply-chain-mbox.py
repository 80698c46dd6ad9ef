#!/usr/bin/env python3
"""Writes an mbox of N messages that form one reply chain, to time e-mail threading.

Each message answers the one before it (In-Reply-To the previous Message-ID, References the
thread's first message and the previous one, as mail clients write when they trim long
References), alternating between a customer and an agent, one minute apart. The output is
deterministic: the same N gives the same bytes.

Usage: Scripts/generate-reply-chain-mbox.py N OUT.mbox
"""

import sys
from datetime import datetime, timedelta, timezone


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count = int(sys.argv[1])
    start = datetime(2024, 3, 4, 8, 0, tzinfo=timezone.utc)
    people = [("Dana Customer", "dana@example.com"), ("Bob Agent", "bob@acme-support.com")]
    with open(sys.argv[2], "w", encoding="ascii", newline="\n") as out:
        for index in range(count):
            name, address = people[index % 2]
            other = people[(index + 1) % 2][1]
            when = start + timedelta(minutes=index)
            subject = "Order 1234 has not arrived" if index == 0 else "Re: Order 1234 has not arrived"
            out.write(f"From {address} {when.strftime('%a %b %d %H:%M:%S %Y')}\n")
            out.write(f"From: {name} <{address}>\n")
            out.write(f"To: {other}\n")
            out.write(f"Subject: {subject}\n")
            out.write(f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n")
            out.write(f"Message-ID: <m{index}@chain.example>\n")
            if index > 0:
                out.write(f"In-Reply-To: <m{index - 1}@chain.example>\n")
                refs = " ".join(f"<m{i}@chain.example>" for i in sorted({0, index - 1}))
                out.write(f"References: {refs}\n")
            out.write("\n")
            if index % 2 == 0:
                out.write(f"Message {index}: my order 1234 still has not arrived. Where is it?\n\n")
            else:
                out.write(f"Message {index}: thanks for waiting, the parcel left our warehouse today.\n\n")


if __name__ == "__main__":
    main()
