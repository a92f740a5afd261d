#!/usr/bin/env python3
"""lists_fill.py: fills a SQLite ccscap database (made by `ccscap init
--demo`) with N sightings, N/10 incidents and their markings for
bench/lists.sh (python3 standard library only, deterministic by seed).

    bench/lists_fill.py DB.sqlite N [--seed S]

Written as the product writes a reported incident (svc/sharing/
incidents.c, marking.c, indicators.c, routing.c): one marking per
incident (one TLP level, the reporting state, its organisation and
author; RED addressed to one user of another state), the incident, its
search document (and the FTS index), ten sightings under the incident's
marking, each of one of N/4 indicator values with its correlation keys
(ind_keys.c's formats) and its counts, and a state_queue row where a
domain falls under a state's approved ccTLD claim. Audit events, outbox
notices and TAXII entries are left out: no list reads them.

The reader keys are not written here: the meta key `markings.reader_sets`
(migration 0031; `markings.readers` on 0029's schema) is set to
'pending', so the first open builds the reader sets and their counts
from core/tlp.c as after a restore (the count triggers are dropped
during the fill with the indexes).

Distribution (so that a state user of JM may read about 1%): 21 states,
JM the source of 0.5% of incidents, the other 20 sharing the rest
evenly; levels CLEAR 0.25%, GREEN 0.25%, AMBER 45%, AMBER+STRICT 30%,
RED 24.5%, none shared with other states. JM's user reads CLEAR, GREEN
and JM's own (about 1%); the RIFC analyst CLEAR to AMBER+STRICT (75.5%).
The measured shares are printed by bench/lists.sh from the API's totals.

One transaction, executemany, secondary indexes and the FTS trigger
dropped before and made again after.
"""

import random
import sqlite3
import sys
import time

STATES = ("AG AI BB BM BS BZ DM DO GD GY HT JM KN KY LC MS SR TC TT VC "
          "VG").split()
TLPS = (("clear", 25), ("green", 25), ("amber", 4500),
        ("amber+strict", 3000), ("red", 2450))
SEV = ("low", "medium", "high", "critical")
STATUS = ("reported", "triaged", "investigating", "contained", "resolved",
          "closed")
RSIT = (("malicious-code", "malware-distribution"),
        ("fraud", "phishing"), ("intrusions", "system-compromise"),
        ("availability", "ddos"), ("information-gathering", "scanning"))
TABLES = ("markings", "incidents", "search_docs", "ind_values", "ind_keys",
          "sightings", "state_queue")
T0 = 1735689600  # 2025-01-01


def pick_weighted(r, pairs, total):
    x = r.randrange(total)
    for name, w in pairs:
        if x < w:
            return name
        x -= w
    return pairs[-1][0]


def value_of(i):
    """The i-th indicator value: type, canonical value, keys."""
    k = i % 4
    if k == 0:
        a, b, c, d = (i >> 16) & 255, (i >> 8) & 255, i & 255, 1 + i % 253
        ip = f"{11 + a % 200}.{b}.{c}.{d}"
        p = ip.split(".")
        return ("ipv4", ip, [(f"ipv4:{ip}", "exact"),
                             (f"net4:{p[0]}.{p[1]}.{p[2]}.0/24", "net"),
                             (f"net4:{p[0]}.{p[1]}.0.0/16", "net"),
                             (f"net4:{p[0]}.0.0.0/8", "net")])
    if k == 1:
        h = f"{i:064x}"[-64:]
        return ("sha256", h, [(f"sha256:{h}", "exact")])
    cc = STATES[i % len(STATES)].lower()
    reg = f"bank{i}.com.{cc}" if k == 2 else f"shop{i}.example.net"
    host = f"login.{reg}"
    return ("domain", host, [(f"domain:{host}", "exact"),
                             (f"regdom:{reg}", "regdom")])


def saved_ddl(con):
    """Secondary indexes and triggers of the filled tables (dropped now,
    made again after the inserts)."""
    q = ("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN (%s) "
         "AND type IN ('index', 'trigger') AND sql IS NOT NULL" %
         ",".join("?" * len(TABLES)))
    return con.execute(q, TABLES).fetchall()


def main():
    args = sys.argv[1:]
    seed = 15
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    path, nsight = args[0], int(args[1])
    ninc = max(1, nsight // 10)
    nval = max(1, nsight // 4)
    r = random.Random(seed)
    t_start = time.time()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -1048576")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("BEGIN")
    ddl = saved_ddl(con)
    for typ, name, _ in ddl:
        con.execute(f"DROP {typ.upper()} {name}")

    # an author (and organisation) per state: the demo's users where
    # there are, a bench user of the state's CERT otherwise
    now = int(time.time())
    author = {}
    org = {}
    login = {}
    for st in STATES:
        row = con.execute("SELECT id, organisation_id, login FROM users "
                          "WHERE "
                          "state_code = ? AND role IN ('ncpoc', 'cert') "
                          "ORDER BY id LIMIT 1", (st,)).fetchone()
        if row is None:
            cur = con.execute(
                "INSERT INTO users (login, display_name, pw_hash, role, "
                "state_code, created_at, updated_at) VALUES (?, ?, "
                "'!bench', 'cert', ?, ?, ?)",
                (f"bench.{st.lower()}", f"Bench CERT {st}", st, now, now))
            row = (cur.lastrowid, None, f"bench.{st.lower()}")
        author[st], org[st], login[st] = row
    claim = {}
    for st in STATES:
        cc = st.lower()
        con.execute("INSERT OR IGNORE INTO constituency_claims (state_code, "
                    "kind, value, status, claimed_by, decided_by, "
                    "created_at, decided_at) VALUES (?, 'cctld', ?, "
                    "'approved', 'bench', 'bench', ?, ?)",
                    (st, cc, now, now))
        claim[cc] = (st, con.execute(
            "SELECT id FROM constituency_claims WHERE kind = 'cctld' AND "
            "value = ? AND state_code = ?", (cc, st)).fetchone()[0])

    base = {t: con.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t}")
            .fetchone()[0] for t in ("markings", "incidents", "search_docs",
                                     "ind_values", "sightings",
                                     "state_queue")}
    others = [s for s in STATES if s != "JM"]
    tlp_total = sum(w for _, w in TLPS)

    # indicator values: counts and first/last seen from the sightings
    vals = [value_of(i) for i in range(nval)]
    vcount = [0] * nval
    vfirst = [0] * nval
    vlast = [0] * nval

    markings, incidents, docs, sights, queue = [], [], [], [], []
    sid = base["sightings"]
    qid = base["state_queue"]

    def flush():
        con.executemany(
            "INSERT INTO markings (id, tlp, src_state, src_org, author_id, "
            "states, orgs, recipients, communities_json, recipients_json, "
            "created_at) VALUES (?, ?, ?, ?, ?, '', '', ?, '[]', ?, ?)",
            markings)
        con.executemany(
            "INSERT INTO incidents (id, marking_id, state_code, org_id, "
            "author_id, author, title, description, rsit_class, rsit_type, "
            "severity, status, sectors, critical_infra, crime_links, "
            "states_involved, occurred_at, detected_at, reported_at, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, '[]', 0, '[]', ?, ?, ?, ?, ?, ?)", incidents)
        con.executemany(
            "INSERT INTO search_docs (id, kind, ref_id, marking_id, title, "
            "body, created_at) VALUES (?, 'incident', ?, ?, ?, ?, ?)", docs)
        con.executemany(
            "INSERT INTO sightings (id, value_id, marking_id, state_code, "
            "incident_id, seen_at, source, author, created_at) VALUES (?, "
            "?, ?, ?, ?, ?, 'incident', ?, ?)", sights)
        con.executemany(
            "INSERT INTO state_queue (id, state_code, marking_id, "
            "sighting_id, incident_id, claim_id, created_at) VALUES (?, ?, "
            "?, ?, ?, ?, ?)", queue)
        for lst in (markings, incidents, docs, sights, queue):
            lst.clear()

    for i in range(ninc):
        st = "JM" if r.randrange(1000) < 5 else others[r.randrange(20)]
        tlp = pick_weighted(r, TLPS, tlp_total)
        mid = base["markings"] + 1 + i
        iid = base["incidents"] + 1 + i
        t = T0 + i * 30  # reported in order, 30 s apart
        rec, rjson = "", "[]"
        if tlp == "red":
            # addressed to the next state's author, never to JM's
            to = others[(others.index(st) + 1) % 20] if st != "JM" \
                else others[0]
            rec = f",{author[to]},"
            rjson = f'["{login[to]}"]'
        markings.append((mid, tlp, st, org[st], author[st], rec, rjson, t))
        cls, typ = RSIT[i % len(RSIT)]
        first = (i * 7919) % nval
        title = f"{cls} {typ} reported by {st} #{i}"
        descr = (f"Incident {i} in {st}: {typ} seen from "
                 f"{vals[first][1]} and nine more indicators.")
        incidents.append((iid, mid, st, org[st], author[st], login[st], title,
                          descr, cls, typ, SEV[i % 4], STATUS[i % 6],
                          f'["{st}"]', t - 3600, t - 1800, t, t, t))
        docs.append((base["search_docs"] + 1 + i, iid, mid, title,
                     f"{descr} {cls}:{typ}", t))
        for j in range(10):
            sid += 1
            vi = (first + j * 104729) % nval
            vt, vv, _ = vals[vi]
            if vcount[vi] == 0:
                vfirst[vi] = t + j
            vcount[vi] += 1
            vlast[vi] = t + j
            sights.append((sid, base["ind_values"] + 1 + vi, mid, st, iid,
                           t + j, login[st], t))
            if vt == "domain" and not vv.endswith(".example.net"):
                cc = vv.rsplit(".", 1)[1]
                qid += 1
                qs, cid = claim[cc]
                queue.append((qid, qs, mid, sid, iid, cid, t))
        if len(sights) >= 200000:
            flush()
    flush()
    used = [i for i in range(nval) if vcount[i] > 0]
    con.executemany("INSERT INTO ind_values (id, type, value, first_seen, "
                    "last_seen, nsightings) VALUES (?, ?, ?, ?, ?, ?)",
                    ((base["ind_values"] + 1 + i, vals[i][0], vals[i][1],
                      vfirst[i], vlast[i], vcount[i]) for i in used))
    con.executemany("INSERT OR IGNORE INTO ind_keys (key, value_id, kind) "
                    "VALUES (?, ?, ?)",
                    ((key, base["ind_values"] + 1 + i, kind)
                     for i in used for key, kind in vals[i][2]))
    t_rows = time.time()
    for typ, name, sql in ddl:
        con.execute(sql)
    con.execute("INSERT INTO search_fts (rowid, title, body) SELECT id, "
                "title, body FROM search_docs WHERE id > ?",
                (base["search_docs"],))
    # 0031's reader sets (and their counts), or 0029's rows before it
    sets = con.execute("SELECT COUNT(*) FROM pragma_table_info('markings') "
                       "WHERE name = 'reader_set'").fetchone()[0]
    con.execute("INSERT OR REPLACE INTO meta (k, v) VALUES (?, 'pending')",
                ("markings.reader_sets" if sets else "markings.readers",))
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    print(f"lists_fill: {ninc} incidents, {sid - base['sightings']} "
          f"sightings, {qid - base['state_queue']} queue "
          f"rows, {len(used)} values seen; rows {t_rows - t_start:.1f} s, indexes "
          f"{time.time() - t_rows:.1f} s")


if __name__ == "__main__":
    main()
