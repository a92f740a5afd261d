"""The coverage matrix read from the kept cells, over real HTTP, on both
backends.

What must hold: GET /coverage gives every cell its furthest stage, the
number of initiatives behind it and the first ten of them by id, with a
cursor when there are more; GET /coverage/cell pages the whole list with
its total, so nothing stops at the first ten; the CSV still lists every
initiative. A regional initiative covers a state added to the directory
after it was written, at once (the read computes while the kept rows are
behind the states) and after the next write brought them up to date,
without `ccscap capacity --rebuild`. Bad requests name the field.
"""
import csv
import io

from capacity_helpers import all_pages, cell_initiatives, create
from conftest import assert_error
from sharing_helpers import get

COVERAGE = "/api/v1/coverage"
CELL = "/api/v1/coverage/cell"


def cell(cov, need, state):
    for c in cov["cells"]:
        if c["need"] == need and c["state"] == state:
            return c
    raise AssertionError(f"no cell {need} {state}")


def test_first_ten_then_pages(server):
    before = cell(get(server, "partner", COVERAGE).json(), "T5.3", "KN")
    made = [create(server, ident=f"XX-CELL-{k:02d}", needs=["T5.3"],
                   states=[{"state": "KN"}])["id"] for k in range(12)]
    cov = get(server, "partner", COVERAGE).json()
    assert cov["cell_first"] == 10
    c = cell(cov, "T5.3", "KN")
    assert c["count"] == before["count"] + 12
    assert c["stage"] == "pipeline"
    ids = [i["id"] for i in c["initiatives"]]
    assert len(ids) == 10 and ids == sorted(ids)
    assert c["next_cursor"] == str(ids[-1])
    # the cell endpoint lists all of them, five a page, by id
    items, totals = all_pages(server, "partner",
                              f"{CELL}?need=T5.3&state=KN", 5)
    assert totals == {c["count"]}
    assert [i["id"] for i in items][:10] == ids
    assert set(made) <= {i["id"] for i in items}
    assert {i["stage"] for i in items} == {"pipeline"}
    every = cell_initiatives(server, "partner", cov, "T5.3", "KN")
    assert [i["id"] for i in every] == [i["id"] for i in items]
    page = get(server, "partner", f"{CELL}?need=T5.3&state=KN&limit=3"
               f"&cursor={c['next_cursor']}").json()
    assert page["need"] == "T5.3" and page["state"] == "KN"
    assert page["stage"] == "pipeline" and page["total"] == c["count"]
    assert [i["id"] for i in page["items"]] == \
        [i["id"] for i in items][10:13]
    # a cell of ten or fewer is whole and has no cursor
    other = cell(cov, "T5.3", "LC")
    assert other["next_cursor"] is None
    assert len(other["initiatives"]) == other["count"]
    # the summary counts the same; the CSV lists every initiative
    summ = cell(get(server, "partner", f"{COVERAGE}?summary=1").json(),
                "T5.3", "KN")
    assert summ["count"] == c["count"] and "initiatives" not in summ
    r = server.get(f"{COVERAGE}?format=csv", session=server.bearer(
        "ncpoc.jm"))
    row = [x for x in csv.reader(io.StringIO(r.text))
           if x[0] == "T5.3" and x[2] == "KN"][0]
    assert set(made) <= {int(x) for x in row[4].split()}
    assert len(row[4].split()) == c["count"]


def test_cell_bad_requests(server):
    for q, status, code, field in (
            ("state=JM", 400, "missing_field", "need"),
            ("need=T5.3", 400, "missing_field", "state"),
            ("need=T9.9&state=JM", 404, "not_found", "need"),
            ("need=T5.3&state=ZZ", 404, "not_found", "state"),
            ("need=T5.3&state=JM&cursor=x", 400, "invalid_cursor",
             "cursor"),
            ("need=T5.3&state=JM&limit=0", 400, "invalid_limit", None)):
        r = get(server, "partner", f"{CELL}?{q}")
        assert_error(r, status, code)
        if field is not None:
            assert r.json()["error"]["message"].startswith(field), q
    assert server.get(f"{CELL}?need=T5.3&state=JM").status_code == 401


def test_regional_covers_a_state_added_later(server):
    reg = create(server, ident="XX-REGIONAL", needs=["T5.3"],
                 states=[{"state": None}])
    # a state joins the directory after the initiative was written
    server.db.sql("INSERT INTO states (code, name, status, cctld, "
                  "sort_name) VALUES ('QQ', 'Newland', 'associate', "
                  "'.qq', 'Newland')")
    for who in ("partner", "coordinator"):
        cov = get(server, who, COVERAGE).json()
        assert "QQ" in [s["code"] for s in cov["states"]]
        assert len(cov["cells"]) == len(cov["needs"]) * len(cov["states"])
        q = cell(cov, "T5.3", "QQ")
        assert reg["id"] in [i["id"] for i in q["initiatives"]]
        assert q["stage"] == "pipeline"
    qq = [s for s in cov["by_state"] if s["state"] == "QQ"][0]
    assert "T5.3" in qq["unfunded"] and "T5.3" not in qq["uncovered"]
    summ = cell(get(server, "partner", f"{COVERAGE}?summary=1").json(),
                "T5.3", "QQ")
    assert summ["count"] == q["count"] >= 1
    page = get(server, "partner", f"{CELL}?need=T5.3&state=QQ").json()
    assert reg["id"] in [i["id"] for i in page["items"]]
    assert page["total"] == q["count"]
    # the next write expands the kept rows over the new state
    create(server, ident="XX-AFTER", needs=["T4.4"],
           states=[{"state": "QQ"}])
    kept = server.db.sql("SELECT COUNT(*) FROM initiative_coverage WHERE "
                         f"state_code = 'QQ' AND initiative_id = "
                         f"{reg['id']}")
    assert int(kept[0][0]) >= 1
    assert server.db.sql("SELECT code FROM coverage_states WHERE code = "
                         "'QQ'") == [("QQ",)]
    cov = get(server, "partner", COVERAGE).json()
    assert reg["id"] in [i["id"] for i in
                         cell(cov, "T5.3", "QQ")["initiatives"]]
    assert cell(cov, "T4.4", "QQ")["stage"] == "pipeline"
    assert cell(cov, "T5.3", "QQ")["count"] == q["count"]
