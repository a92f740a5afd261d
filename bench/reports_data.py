#!/usr/bin/env python3
"""Incidents for the reports benchmark (issue 10).

usage: reports_data.py incidents DB.sqlite [N]   add N incidents (default
                                                 100,000) over 2020-2026

Each incident gets its own marking (GREEN, or AMBER shared with its source
state), one of the 21 states, a severity and an RSIT class, written
straight into the tables the sharing service fills, so the report reads
them as it would after N reports through the API.
"""
import random
import sqlite3
import sys

CLASSES = ["abusive-content", "malicious-code", "information-gathering",
           "intrusion-attempts", "intrusions", "availability",
           "information-content-security", "fraud", "vulnerable", "other"]
SEVERITIES = ["low", "medium", "high", "critical"]
T0 = 1577836800   # 2020-01-01
T1 = 1796169600   # 2026-12-01


def incidents(path, n):
    rnd = random.Random(10)
    db = sqlite3.connect(path)
    states = [r[0] for r in db.execute("SELECT code FROM states ORDER BY code")]
    cur = db.cursor()
    for i in range(n):
        st = states[i % len(states)]
        t = rnd.randint(T0, T1)
        amber = i % 3 == 0
        cur.execute("INSERT INTO markings (tlp, src_state, states, "
                    "created_at) VALUES (?, ?, ?, ?)",
                    ("amber" if amber else "green", st,
                     st if amber else "", t))
        mid = cur.lastrowid
        cur.execute(
            "INSERT INTO incidents (marking_id, state_code, author, title, "
            "description, rsit_class, rsit_type, severity, status, "
            "reported_at, created_at, updated_at) VALUES "
            "(?, ?, 'bench', ?, 'Generated for the benchmark.', ?, 'other', "
            "?, 'reported', ?, ?, ?)",
            (mid, st, f"Benchmark incident {i}", CLASSES[i % len(CLASSES)],
             SEVERITIES[rnd.randrange(4)], t, t, t))
    db.commit()
    print(f"{n} incidents added")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "incidents":
        incidents(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3
                  else 100000)
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
