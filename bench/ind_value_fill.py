#!/usr/bin/env python3
"""Reports one indicator value N times over the API (bench/ind_value.sh).

usage: ind_value_fill.py BASE TOKEN_BB TOKEN_JM TOKEN_RIFC N VALUE

Each report is its own marking, as when many states and the RIFC see the
same address over months: N reports, in a fixed mix (deterministic) of
cert.bb's (GREEN, AMBER, AMBER+STRICT, RED to the analyst), ncpoc.jm's
(GREEN, AMBER) and the analyst's (CLEAR, AMBER with JM, RED to cert.bb).
Standard library and python3-requests only."""

import sys

import requests


def main():
    base, tbb, tjm, trifc, n, value = sys.argv[1:7]
    mix = [
        (tbb, {"tlp": "amber"}),
        (tbb, {"tlp": "green"}),
        (tbb, {"tlp": "amber+strict"}),
        (tbb, {"tlp": "red", "recipients": ["analyst"]}),
        (tbb, {"tlp": "amber"}),
        (tjm, {"tlp": "green"}),
        (tbb, {"tlp": "amber"}),
        (trifc, {"tlp": "amber", "state": "TT",
                 "share_states": ["JM"]}),
        (tbb, {"tlp": "amber"}),
        (trifc, {"tlp": "red", "state": "TT", "recipients": ["cert.bb"]}),
        (tjm, {"tlp": "amber"}),
        (trifc, {"tlp": "clear", "state": "TT"}),
    ]
    s = requests.Session()
    for i in range(int(n)):
        tok, marking = mix[i % len(mix)]
        day = 1 + i % 28
        body = dict(marking)
        body["indicators"] = [{
            "type": "domain", "value": value,
            "seen_at": f"2025-{1 + (i // 28) % 12:02d}-{day:02d}T"
                       f"{i % 24:02d}:{i % 60:02d}:00Z"}]
        r = s.post(base + "/api/v1/indicators", json=body, timeout=60,
                   headers={"Authorization": "Bearer " + tok})
        if r.status_code != 201:
            sys.exit(f"report {i}: HTTP {r.status_code}: {r.text[:300]}")


if __name__ == "__main__":
    main()
