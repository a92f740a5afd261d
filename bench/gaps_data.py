#!/usr/bin/env python3
"""Benchmark data for the gap analysis (issue: minimum standards).

usage: gaps_data.py framework OUT.json      write a 100-standard framework
       gaps_data.py fill DB.sqlite          add 21 states x 100 standards x
                                            120 months of validated records
       gaps_data.py sql DB.sqlite DATE      time the plain SQL the gap
                                            analysis runs (best of 50)

The records are written straight into the tables the service maintains
(assessments, assessment_reviews, status_history, status_current), with the
same meaning as validation gives them, so the server reads them as it would
after 250,000 validations.
"""
import json
import random
import sqlite3
import sys
import time


def framework(path):
    areas = []
    n = 0
    for a in range(5):
        sas = []
        for s in range(5):
            stds = []
            for k in range(4):
                n += 1
                stds.append({
                    "code": f"BENCH-{n:03d}",
                    "title": f"Benchmark standard {n}",
                    "description": "Generated for the benchmark.",
                    "scale": ["None", "Planned", "Partial", "Full"],
                    "met_level": 2,
                    "gci_pillar": "technical",
                    "cmm_dimension": "D5",
                    "needs": [],
                })
            sas.append({"code": f"B{a + 1}.{s + 1}",
                        "name": f"Benchmark area {a + 1}.{s + 1}",
                        "standards": stds})
        areas.append({"code": f"B{a + 1}", "name": f"Benchmark {a + 1}",
                      "specific_areas": sas})
    with open(path, "w") as f:
        json.dump({"title": "Benchmark framework, 100 standards",
                   "areas": areas}, f)


def fill(path):
    db = sqlite3.connect(path)
    cur = db.cursor()
    vid = cur.execute("SELECT id FROM framework_versions ORDER BY version "
                      "DESC LIMIT 1").fetchone()[0]
    stds = cur.execute("SELECT id, lineage_id FROM standards WHERE "
                       "version_id = ?", (vid,)).fetchall()
    states = [r[0] for r in cur.execute("SELECT code FROM states")]
    rnd = random.Random(42)
    months = [f"{2015 + m // 12:04d}-{m % 12 + 1:02d}-28" for m in range(120)]
    aid = cur.execute("SELECT COALESCE(MAX(id), 0) FROM assessments"
                      ).fetchone()[0]
    a_rows, r_rows, h_rows, cur_rows = [], [], [], {}
    for st in states:
        for sid, lin in stds:
            level = 0
            for d in months:
                if rnd.random() < 0.04 and level < 3:
                    level += 1
                aid += 1
                a_rows.append((aid, st, sid, lin, d, level, "[]",
                               "review_meeting", "bench", 0))
                r_rows.append((aid, "validated", "bench-rifc", 0))
                h_rows.append((st, lin, d, aid, level))
                cur_rows[(st, lin)] = (st, lin, d, aid, level)
    cur.execute("BEGIN")
    cur.executemany("INSERT INTO assessments (id, state_code, standard_id, "
                    "lineage_id, as_of, level, links, source_key, author, "
                    "submitted_at) VALUES (?,?,?,?,?,?,?,?,?,?)", a_rows)
    cur.executemany("INSERT INTO assessment_reviews (assessment_id, decision, "
                    "reviewer, reviewed_at) VALUES (?,?,?,?)", r_rows)
    cur.executemany("INSERT INTO status_history (state_code, lineage_id, "
                    "as_of, assessment_id, level) VALUES (?,?,?,?,?)", h_rows)
    cur.execute("DELETE FROM status_current")
    cur.executemany("INSERT INTO status_current (state_code, lineage_id, "
                    "as_of, assessment_id, level) VALUES (?,?,?,?,?)",
                    list(cur_rows.values()))
    # the monthly snapshots: the next open rebuilds them from the history
    cur.execute("INSERT INTO meta (k, v) VALUES ('standards.months', "
                "'pending') ON CONFLICT DO NOTHING")
    db.commit()
    n = cur.execute("SELECT COUNT(*) FROM assessments").fetchone()[0]
    print(f"assessments: {n}, status_current: {len(cur_rows)}")
    db.execute("ANALYZE")
    db.close()


def best_ms(db, sql, args, runs=50):
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        db.execute(sql, args).fetchall()
        dt = (time.perf_counter() - t) * 1000
        best = dt if best is None or dt < best else best
    return best


def sql(path, date):
    db = sqlite3.connect(path)
    now_ms = best_ms(db, "SELECT state_code, lineage_id, level, as_of FROM "
                     "status_current", ())
    at_ms = best_ms(db, "SELECT c.state_code, c.lineage_id, (SELECT "
                    "h.as_of || '|' || h.level FROM status_history h WHERE "
                    "h.state_code = c.state_code AND h.lineage_id = "
                    "c.lineage_id AND h.as_of <= ? ORDER BY h.as_of DESC, "
                    "h.assessment_id DESC LIMIT 1) FROM status_current c",
                    (date,))
    naive_ms = best_ms(db, "SELECT state_code, lineage_id, level FROM "
                       "(SELECT a.state_code, a.lineage_id, a.level, "
                       "ROW_NUMBER() OVER (PARTITION BY a.state_code, "
                       "a.lineage_id ORDER BY a.as_of DESC, a.id DESC) AS rn "
                       "FROM assessments a JOIN assessment_reviews r ON "
                       "r.assessment_id = a.id WHERE r.decision = "
                       "'validated' AND a.as_of <= ?) WHERE rn = 1",
                       (date,), runs=3)
    month = date[:7]
    months_ms = best_ms(db, "SELECT state_code, lineage_id, level, as_of "
                        "FROM status_months WHERE month = ?", (month,))
    days_ms = best_ms(db, "SELECT state_code, lineage_id, level, as_of FROM "
                      "status_history WHERE as_of >= ? AND as_of <= ? "
                      "ORDER BY as_of, assessment_id", (month + "-01", date))
    print(f"plain SQL, current status (status_current): {now_ms:.2f} ms")
    print(f"plain SQL, status at {date} from the {month} snapshot and its "
          f"days (status_months + status_history_day ranges): "
          f"{months_ms + days_ms:.2f} ms")
    print(f"plain SQL, status at {date} (status_history seeks): "
          f"{at_ms:.2f} ms")
    print(f"plain SQL, status at {date} straight from assessments "
          f"(window function over every record, no derived tables): "
          f"{naive_ms:.1f} ms")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "framework":
        framework(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "fill":
        fill(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "sql":
        sql(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
