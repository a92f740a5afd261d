#!/usr/bin/env python3
"""Benchmark data for the 24/7 preservation requests (issue 13).

usage: evidence24_data.py fill DB.sqlite N     add N requests between the
                                               states of the directory
       evidence24_data.py sql DB.sqlite STATE  time the plain SQL of the
                                               overdue lists (best of 50)

The rows are written straight into preservation_requests with the
columns the moves keep (status, the clocks, clock_at = the next
deadline), spread over every pair of states and every status, with
about one request in six overdue, so the server reads them as it would
after that many requests were made and answered.
"""
import json
import random
import sqlite3
import sys
import time

DAY = 86400
STATUSES = ["draft", "sent", "acknowledged", "preserved", "partly_disclosed",
            "fulfilled", "refused", "expired", "withdrawn"]
WEIGHTS = [5, 10, 10, 30, 5, 20, 5, 10, 5]


def fill(path, n):
    random.seed(24)
    con = sqlite3.connect(path)
    states = [r[0] for r in con.execute("SELECT code FROM states")]
    now = int(time.time())
    ids = json.dumps([{"kind": "ip", "value": "198.51.100.23",
                       "seen_at": "2026-11-20T14:05:00Z",
                       "timezone": "-05:00"}])
    rows = []
    for i in range(n):
        ing, ed = random.sample(states, 2)
        st = random.choices(STATUSES, WEIGHTS)[0]
        created = now - random.randint(0, 400 * DAY)
        sent = created + 3600 if st != "draft" else None
        ack_due = sent + DAY if sent else None
        acked = (sent + random.randint(600, 2 * DAY)
                 if st not in ("draft", "sent") else None)
        pres = acked if st in ("preserved", "partly_disclosed", "fulfilled",
                               "expired") else None
        exp = pres + 90 * DAY if pres else None
        if st in ("preserved", "partly_disclosed"):
            # keep them open: expiry between 20 days ago and 90 days ahead
            exp = now + random.randint(-20 * DAY, 90 * DAY)
        clock = 9223372036854775807  # no clock runs
        if st == "sent":
            # mostly answered in time, some overdue
            ack_due = now + random.randint(-3 * DAY, DAY)
            clock = ack_due
        elif st in ("preserved", "partly_disclosed"):
            clock = exp - 10 * DAY
        rows.append((ing, ed, st, sent, ack_due, acked, pres, exp, clock,
                     created, ids))
    con.executemany(
        "INSERT INTO preservation_requests (requesting_state, "
        "requested_state, status, legal_basis, domestic_basis, "
        "requesting_authority, requesting_contact, offence, facts, "
        "data_subscriber, data_traffic, data_content, identifiers, "
        "date_from, date_to, link_to_offence, custodian, "
        "custodian_location, preservation_reason, mla_to_follow, "
        "non_disclosure, urgency, period_days, sent_at, ack_due_at, "
        "acknowledged_at, preserved_at, expires_at, clock_at, created_by, "
        "created_at, updated_at) VALUES (?, ?, ?, 'art29', 'Act s.19', "
        "'Cybercrime Unit', 'Duty officer', 'Fraud', 'Facts of the case.', "
        "1, 1, 0, ?, '2026-11-01', '2026-11-30', 'Link.', 'Provider Ltd', "
        "'Capital', 'Logs are deleted.', 1, 1, 'normal', 90, ?, ?, ?, ?, "
        "?, ?, 'bench', ?, ?)",
        [(r[0], r[1], r[2], r[10], r[3], r[4], r[5], r[6], r[7], r[8],
          r[9], r[9]) for r in rows])
    con.commit()
    con.close()


SCOPE = "(requesting_state = :s OR requested_state = :s)"
COLS = ("SELECT id, parent_id, requesting_state, requested_state, "
        "status, legal_basis, urgency, offence, custodian, sent_at, "
        "ack_due_at, acknowledged_at, expires_at, clock_at, created_at, "
        "updated_at FROM preservation_requests WHERE {scope} ")
OVERDUE = COLS + "AND clock_at <= :now ORDER BY clock_at, id LIMIT 50"
ALL = COLS + "ORDER BY clock_at, id LIMIT 50"
COUNT = ("SELECT COUNT(*) FROM preservation_requests WHERE {scope} "
         "AND clock_at <= :now")


def best(con, sql, args, runs=50):
    t = []
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = con.execute(sql, args).fetchall()
        t.append(time.perf_counter() - t0)
    return min(t) * 1000, len(rows)


def sql(path, state):
    con = sqlite3.connect(path)
    now = int(time.time())
    total = con.execute("SELECT COUNT(*) FROM preservation_requests"
                        ).fetchone()[0]
    print(f"rows: {total} requests")
    for label, scope, args in (
            (f"state {state}", SCOPE, {"s": state, "now": now}),
            ("every state (RIFC)", "1 = 1", {"now": now})):
        ms, n = best(con, OVERDUE.format(scope=scope), args)
        cms, _ = best(con, COUNT.format(scope=scope), args)
        cnt = con.execute(COUNT.format(scope=scope), args).fetchone()[0]
        print(f"plain SQL, overdue list, {label}: first page {ms:.2f} ms "
              f"({n} rows), count {cms:.2f} ms ({cnt} overdue)")
        ms, n = best(con, ALL.format(scope=scope), args)
        cms, _ = best(con, "SELECT COUNT(*) FROM preservation_requests "
                      "WHERE " + scope, args)
        print(f"plain SQL, whole list in clock order, {label}: first page "
              f"{ms:.2f} ms ({n} rows), count {cms:.2f} ms")
    con.close()


if __name__ == "__main__":
    if sys.argv[1] == "fill":
        fill(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "sql":
        sql(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
