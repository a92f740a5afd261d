"""The kept capacity tables over real HTTP, on both backends: duplicate
candidates and coverage cells follow every initiative write.

What must hold: cancelling one of a candidate pair removes the candidate
at once and reinstating it brings it back; moving an initiative to
other years or states ends its candidates; the list pages with a keyset
cursor to every candidate once under one total, and refuses a cursor it
did not give; the coverage summary (summary=1) gives each cell the stage
and the number of initiatives the full matrix lists; `ccscap capacity
--rebuild` recomputes the same list.
"""
from capacity_helpers import create, org_id, patch
from conftest import assert_error
from sharing_helpers import get

DUPS = "/api/v1/initiatives/duplicates"
COVERAGE = "/api/v1/coverage"


def pair_ids(server, who="partner"):
    """Every candidate as (a, b, score), following next_cursor by 2."""
    out, totals, cursor = [], set(), None
    while True:
        url = f"{DUPS}?limit=2" + (f"&cursor={cursor}" if cursor else "")
        r = get(server, who, url)
        assert r.status_code == 200, r.text
        page = r.json()
        totals.add(page["total"])
        out += [(c["a"]["id"], c["b"]["id"], c["score"])
                for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(totals) == 1 and totals.pop() == len(out)
    return out


def three_overlapping(server):
    ctu = org_id(server, "Caribbean Telecommunications Union")
    a = create(server, ident="XX-KEPT-A")
    b = create(server, ident="XX-KEPT-B",
               title="First responder e-evidence training course",
               states=[{"state": "JM"}],
               organisations=[{"id": ctu, "role": 4}])
    c = create(server, ident="XX-KEPT-C",
               title="E-evidence training for first responders again",
               states=[{"state": "BB"}],
               organisations=[{"id": ctu, "role": 4}])
    return a, b, c


def has(pairs, x, y):
    return any({p[0], p[1]} == {x["id"], y["id"]} for p in pairs)


def test_candidates_follow_writes(server):
    a, b, c = three_overlapping(server)
    pairs = pair_ids(server)
    assert has(pairs, a, b) and has(pairs, a, c)
    assert [p[2] for p in pairs] == sorted((p[2] for p in pairs),
                                           reverse=True)
    assert len(set(pairs)) == len(pairs)

    r = patch(server, "coordinator", b["id"],
              {"version": b["version"], "status": 5})
    assert r.status_code == 200, r.text
    pairs = pair_ids(server)
    assert not has(pairs, a, b) and has(pairs, a, c)
    r = patch(server, "coordinator", b["id"],
              {"version": r.json()["version"], "status": 2})
    assert r.status_code == 200, r.text
    assert has(pair_ids(server), a, b)

    # other years: no overlap, no candidate
    r = patch(server, "coordinator", c["id"],
              {"version": c["version"], "planned_start": "2010-01-01",
               "planned_end": "2010-12-31"})
    assert r.status_code == 200, r.text
    pairs = pair_ids(server)
    assert not has(pairs, a, c) and has(pairs, a, b)

    out = server.cli("capacity", "--rebuild")
    assert out.returncode == 0, out.stderr
    assert "pair(s)" in out.stdout
    assert sorted(pair_ids(server)) == sorted(pairs)


def test_bad_cursor(server):
    for cur in ("abc", "5", "101.1.2", "50.x.3", "1.2.3.4"):
        assert_error(get(server, "partner", f"{DUPS}?cursor={cur}"), 400,
                     "invalid_cursor")


def test_coverage_summary_matches_matrix(server):
    three_overlapping(server)
    create(server, ident="XX-KEPT-D", needs=["T5.3"],
           states=[{"state": "GY", "percentage": 50},
                   {"state": "SR", "percentage": 50}],
           transactions=[{"type": 3, "date": "2024-02-01", "amount": "5",
                          "currency": "USD", "state": "SR"}])
    full = get(server, "partner", COVERAGE).json()
    r = get(server, "partner", f"{COVERAGE}?summary=1")
    assert r.status_code == 200, r.text
    summ = r.json()
    assert len(summ["cells"]) == len(full["cells"])
    for f, s in zip(full["cells"], summ["cells"]):
        assert (f["need"], f["state"], f["stage"]) == \
            (s["need"], s["state"], s["stage"])
        assert s["count"] == f["count"]
        assert len(f["initiatives"]) == min(f["count"],
                                            full["cell_first"])
        assert "initiatives" not in s
    assert summ["by_state"] == full["by_state"]
    sr = [s for s in summ["cells"] if (s["need"], s["state"]) ==
          ("T5.3", "SR")][0]
    assert sr["stage"] == "disbursed" and sr["count"] >= 1
    for q in ("summary=2", "summary=1&format=csv"):
        assert_error(get(server, "partner", f"{COVERAGE}?{q}"), 400,
                     "invalid_summary")
