#!/usr/bin/env python3
"""Benchmark data for duplicate candidates and coverage (issue 9).

usage: capacity_dup_data.py N FIRST_ID > data.sql

Writes plain SQL (one transaction, multi-row INSERTs) that sqlite3 and
psql both load into a database made by `ccscap init`: 9 more needs (30 in
all), 200 implementing and 40 funding organisations, and N initiatives
with ids from FIRST_ID:

- recipients: 1-4 of the 21 states (40/30/20/10%) with shares summing to
  100%, or regional (5%);
- needs: 1-3 of the 30; standards: 0-2 of the seeded lineages;
- dates: starts from 2005 to 2030; 45% training events of 1-10 days,
  40% projects of 6-36 months, 15% programmes of 2-5 years; 30% carry
  actual dates that differ from the planned ones; 3% have no end;
- one or two implementers of 200 and a funder of 40;
- titles and descriptions drawn from a 400-word vocabulary, so that
  unrelated initiatives rarely read alike; 3% copy an earlier initiative
  (same place, dates within a few months, reworded title): the duplicates
  the detection is for;
- statuses: pipeline, implementation, finalisation, closed, 3% cancelled;
  half have 1-3 transactions (pledge, commitment, disbursement,
  expenditure; some naming a need or a state), a third a budget.

The same seed gives the same data on every run.
"""
import random
import sys

TOPICS = ("cyber crisis incident response forensics cybercrime legislation "
          "prosecutors judges police investigators awareness schools "
          "critical infrastructure energy water telecom banking csirt "
          "national strategy governance risk assessment vulnerability "
          "management threat intelligence sharing malware analysis digital "
          "evidence chain custody training curriculum certification exercise "
          "tabletop simulation regional cooperation mutual legal assistance "
          "budapest convention harmonisation data protection privacy "
          "identity authentication cloud security network monitoring soc "
          "operations centre public sector officials ministers private "
          "sector small business youth online safety child protection "
          "fraud scams payment cards mobile money elections integrity "
          "disinformation resilience continuity backup recovery standards "
          "iso audit compliance procurement secure development software "
          "patching hardening firewall encryption pki certificates domain "
          "dns registry cctld hosting email phishing ransomware botnet "
          "honeypot sensors telemetry logging retention lawful interception "
          "border customs ports aviation maritime health hospitals "
          "education universities research academia workforce scholarships "
          "mentoring women girls inclusion accessibility outreach radio "
          "television campaign posters workshops seminars conference "
          "assessment maturity cmm gci index baseline survey statistics "
          "reporting portal hotline victims support counselling").split()
FILLER = ["word%03d" % i for i in range(400 - len(TOPICS))]
VOCAB = TOPICS + FILLER


def q(s):
    if s is None:
        return "NULL"
    if isinstance(s, int):
        return str(s)
    return "'" + s.replace("'", "''") + "'"


def day(d):
    y, rest = divmod(d, 372)
    m, dd = divmod(rest, 31)
    return "%04d-%02d-%02d" % (2005 + y, m + 1, min(dd + 1, 28))


def emit(table, cols, rows, out):
    for k in range(0, len(rows), 500):
        out.write("INSERT INTO %s (%s) VALUES\n" % (table, ", ".join(cols)))
        out.write(",\n".join("(" + ", ".join(q(v) for v in r) + ")"
                             for r in rows[k:k + 500]))
        out.write(";\n")


def main():
    n = int(sys.argv[1])
    first = int(sys.argv[2])
    rnd = random.Random(9)
    out = sys.stdout
    states = ("AG BB BS BZ DM GD GY HT JM KN LC MS SR TT VC AI BM KY TC VG "
              "DO").split()
    # the 21 needs of tables 1-5 as seeded (data/seed/framework.json)
    needs = ["T%d.%d" % (t, k) for t, n in ((1, 3), (2, 5), (3, 3), (4, 4),
                                            (5, 6)) for k in range(1, n + 1)]
    extra = ["B%d" % k for k in range(1, 10)]
    out.write("BEGIN;\n")
    emit("needs", ["ref", "tbl", "need", "solutions", "partners"],
         [(r, 5, "Benchmark need " + r, "[]", "[]") for r in extra], out)
    orgs = []
    rows = []
    for k in range(240):
        oid = 100000 + k
        orgs.append(oid)
        rows.append((oid, "Bench organisation %d" % k, "international_partner",
                     0, 0))
    emit("organisations", ["id", "name", "kind", "created_at", "updated_at"],
         rows, out)
    impl, funders = orgs[:200], orgs[200:]
    all_needs = needs + extra
    ini, ist, ine, istd, iorg, itx, ibud = [], [], [], [], [], [], []
    made = []
    for k in range(n):
        iid = first + k
        copy = made and rnd.random() < 0.03
        if copy:
            src = rnd.choice(made)
            place, nd = src["place"], list(src["needs"])
            s = src["s"] + rnd.randint(-90, 90)
            e = None if src["e"] is None else src["e"] + rnd.randint(-60, 60)
            words = list(src["words"])
            for _ in range(2):
                words[rnd.randrange(len(words))] = rnd.choice(VOCAB)
        else:
            r = rnd.random()
            if r < 0.05:
                place = [None]
            else:
                cnt = 1 if r < 0.43 else 2 if r < 0.71 else 3 if r < 0.9 \
                    else 4
                place = rnd.sample(states, cnt)
            nd = rnd.sample(all_needs, rnd.choice((1, 1, 2, 2, 3)))
            s = rnd.randint(0, 26 * 372)
            r = rnd.random()
            if r < 0.45:
                e = s + rnd.randint(0, 9)
            elif r < 0.85:
                e = s + rnd.randint(6 * 31, 36 * 31)
            else:
                e = s + rnd.randint(24 * 31, 60 * 31)
            if rnd.random() < 0.03:
                e = None
            words = rnd.sample(VOCAB, 16)
        s = max(s, 0)
        if e is not None:
            e = max(e, s)
        made.append({"place": place, "needs": nd, "s": s, "e": e,
                     "words": words})
        status = rnd.choice((1, 2, 2, 2, 3, 4, 4, 4)) \
            if rnd.random() > 0.03 else 5
        ps, pe = day(s), None if e is None else day(e)
        as_ = ae = None
        if rnd.random() < 0.3:
            as_, ae = ps, pe
            ps = day(max(0, s - rnd.randint(1, 120)))
            pe = None if e is None else day(max(0, s - 1, e - 30))
        title = " ".join(w.capitalize() for w in words[:5])
        desc = " ".join(words[5:]) + "."
        ini.append((iid, "XM-BENCH-%06d" % k, title, desc, "project", status,
                    ps, pe, as_, ae, "USD", "bench", 0, "bench", 0))
        pct = 10000 // len(place)
        for j, st in enumerate(place):
            ist.append((iid, st, pct + (10000 - pct * len(place)
                                        if j == 0 else 0)))
        for r in nd:
            ine.append((iid, r))
        for lin in rnd.sample(range(1, 49), rnd.choice((0, 0, 1, 2))):
            istd.append((iid, lin))
        for o in set(rnd.sample(impl, rnd.choice((1, 1, 2)))):
            iorg.append((iid, o, 4))
        iorg.append((iid, rnd.choice(funders), 1))
        if rnd.random() < 0.5:
            for _ in range(rnd.randint(1, 3)):
                itx.append((iid, rnd.choice((12, 2, 3, 4)), ps,
                            rnd.randint(1, 10 ** 7), "USD", ps,
                            rnd.choice(nd) if rnd.random() < 0.3 else None,
                            place[0] if rnd.random() < 0.3 else None))
        if rnd.random() < 0.33:
            ibud.append((iid, 1, rnd.choice((1, 2)), ps, pe or ps,
                         rnd.randint(1, 10 ** 8), "USD", ps))
    emit("initiatives", ["id", "iati_identifier", "title", "description",
                         "kind", "status", "planned_start", "planned_end",
                         "actual_start", "actual_end", "default_currency",
                         "created_by", "created_at", "updated_by",
                         "updated_at"], ini, out)
    emit("initiative_states", ["initiative_id", "state_code", "pct"], ist,
         out)
    emit("initiative_needs", ["initiative_id", "need_ref"], ine, out)
    emit("initiative_standards", ["initiative_id", "lineage_id"], istd, out)
    emit("initiative_orgs", ["initiative_id", "org_id", "role"], iorg, out)
    emit("initiative_transactions", ["initiative_id", "type", "tx_date",
                                     "amount", "currency", "value_date",
                                     "need_ref", "state_code"], itx, out)
    emit("initiative_budgets", ["initiative_id", "type", "status",
                                "period_start", "period_end", "amount",
                                "currency", "value_date"], ibud, out)
    out.write("COMMIT;\n")


if __name__ == "__main__":
    main()
