#!/usr/bin/env python3
"""reporting_bodies.py BASE N OUT: writes N urlencoded POST /report bodies
to OUT, one a line, each with its own server-issued challenge (fetched
from BASE with GET /report?category=...; left unsolved, as a browser
without JavaScript sends it). About 80% are valid reports, each unique
(no duplicate refusal); the rest are invalid in rotation: no category,
an unknown state, an empty narrative, a malformed amount."""
import concurrent.futures
import html
import re
import sys
import urllib.parse
import urllib.request

STATES = ["JM", "TT", "BB", "GY", "BS", "LC", "AG", "DM", "GD", "KN", "VC",
          "SR", "HT", "BZ"]


def challenge(base):
    with urllib.request.urlopen(base + "/report?category=fraud",
                                timeout=30) as r:
        page = r.read().decode()
    return html.unescape(re.search(r'name="pow_challenge" value="([^"]*)"',
                                   page).group(1))


def body(i, ch):
    d = {"lang": "en", "category": "fraud", "state": STATES[i % len(STATES)],
         "victim_type": "individual",
         "what": f"Bench report {i}: a caller asked for a card number.",
         "sus_phones": f"+1 876 555 {i % 10000:04d}",
         "pow_challenge": ch, "pow_nonce": ""}
    if i % 5 == 4:
        bad = (i // 5) % 4
        if bad == 0:
            d["category"] = ""
        elif bad == 1:
            d["state"] = "ZZ"
        elif bad == 2:
            d["what"] = ""
        else:
            d["amount"] = "twelve"
    return urllib.parse.urlencode(d)


def main():
    base, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    start = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        chs = list(ex.map(lambda _: challenge(base), range(n)))
    with open(out, "w") as f:
        for i, ch in enumerate(chs):
            f.write(body(start + i, ch) + "\n")


if __name__ == "__main__":
    main()
