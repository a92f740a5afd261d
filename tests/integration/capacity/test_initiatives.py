"""Initiatives over real HTTP, on both backends.

What must hold: every member reads initiatives (not TLP records);
coordinators create and edit any, partners only those where their own
organisation holds a role; each bad input is refused with a code and a
message naming the field, and nothing is stored; PATCH needs the version
read; lists page with a total and a cursor and filter by state, need,
partner, funder, status and year; every write is audited.
"""
import pytest

from capacity_helpers import (INITIATIVES, all_pages, body, create, org_id,
                              partner_of, patch)
from conftest import assert_error
from sharing_helpers import audit_actions, get, post


def count(server):
    return int(server.db.sql("SELECT COUNT(*) FROM initiatives")[0][0])


def test_create_and_read(server):
    ini = create(server, budgets=[{
        "type": 1, "status": 2, "period_start": "2024-01-01",
        "period_end": "2024-12-31", "amount": "2757000.5",
        "currency": "CAD"}], transactions=[{
            "type": 12, "date": "2024-02-01", "amount": 1000,
            "currency": "JPY", "state": "JM", "need": "T2.2"}],
        results=[{"type": 1, "title": "Officers trained", "measure": 1,
                  "baseline": "0", "target": "40", "actual": "35"}],
        documents=[{"url": "https://example.org/a.pdf", "title": "Brief",
                    "category": "A01"}])
    assert ini["iati_identifier"] == "XX-TEST-1"
    assert ini["status"] == 2 and ini["status_name"] == "implementation"
    assert ini["start"] == "2024-01-01" and ini["end"] == "2024-12-31"
    assert ini["needs"] == ["T2.2"]
    assert [(s["state"], s["percentage"]) for s in ini["states"]] == \
        [("BB", "40.00"), ("JM", "60.00")]
    assert {o["role_name"] for o in ini["organisations"]} == \
        {"funding", "implementing"}
    assert ini["budgets"][0]["amount"] == "2757000.50"
    assert ini["budgets"][0]["amount_minor"] == 275700050
    assert ini["transactions"][0]["amount"] == "1000"
    assert ini["version"] == 1 and ini["seeded_public"] is False
    for who in ("partner", "ncpoc.jm", "steering", "analyst"):
        r = get(server, who, f"{INITIATIVES}/{ini['id']}")
        assert r.status_code == 200, who
        assert r.json()["title"] == ini["title"]
    assert server.get(f"{INITIATIVES}/{ini['id']}").status_code == 401
    assert "initiative.create" in audit_actions(server)


def test_one_org_several_roles_and_regional(server):
    itu = org_id(server, "International Telecommunication Union")
    ini = create(server, organisations=[{"id": itu, "role": 1},
                                        {"id": itu, "role": 2}],
                 states=[{"state": None}])
    assert sorted(o["role"] for o in ini["organisations"]) == [1, 2]
    assert ini["states"] == [{"state": None, "region_code": None,
                              "percentage": "100.00"}]


BAD = [
    ("end before start", {"planned_start": "2025-01-01",
                          "planned_end": "2024-01-01"},
     "end_before_start", "planned_end"),
    ("over 100", {"states": [{"state": "JM", "percentage": "60"},
                             {"state": "BB", "percentage": "50"}]},
     "percentages_over_100", "states"),
    ("not 100", {"states": [{"state": "JM", "percentage": "60"},
                            {"state": "BB", "percentage": "30"}]},
     "percentages_not_100", "states"),
    ("bad percentage", {"states": [{"state": "JM", "percentage": "101"}]},
     "invalid_percentage", "states[0]"),
    ("unknown need", {"needs": ["T9.9"]}, "unknown_need", "needs[0]"),
    ("unknown state", {"states": [{"state": "ZZ"}]}, "unknown_state",
     "states[0].state"),
    ("unknown organisation", {"organisations": [{"id": 987654,
                                                 "role": 1}]},
     "unknown_organisation", "organisations[0]"),
    ("bad role", {"organisations": [{"id": 1, "role": 7}]},
     "invalid_field", "organisations[0].role"),
    ("unknown currency", {"budgets": [{
        "type": 1, "status": 1, "period_start": "2024-01-01",
        "period_end": "2024-12-31", "amount": "10", "currency": "XYZ"}]},
     "unknown_currency", "budgets[0].currency"),
    ("negative amount", {"transactions": [{
        "type": 3, "date": "2024-01-01", "amount": "-5",
        "currency": "USD"}]}, "invalid_amount", "transactions[0].amount"),
    ("non-numeric amount", {"transactions": [{
        "type": 3, "date": "2024-01-01", "amount": "lots",
        "currency": "USD"}]}, "invalid_amount", "transactions[0].amount"),
    ("too many decimals", {"transactions": [{
        "type": 3, "date": "2024-01-01", "amount": "10.5",
        "currency": "JPY"}]}, "invalid_amount", "transactions[0].amount"),
    ("unknown standard", {"standards": [987654]}, "unknown_standard",
     "standards[0]"),
    ("unknown related", {"related": [{"type": 4,
                                      "initiative_id": 987654}]},
     "unknown_initiative", "related[0].initiative_id"),
    ("bad status", {"status": 9}, "invalid_status", "status"),
    ("bad date", {"actual_start": "2024-13-01"}, "invalid_date",
     "actual_start"),
    ("budget period", {"budgets": [{
        "type": 1, "status": 1, "period_start": "2024-12-01",
        "period_end": "2024-01-01", "amount": "1", "currency": "USD"}]},
     "end_before_start", "budgets[0].period_end"),
    ("tx unknown need", {"transactions": [{
        "type": 3, "date": "2024-01-01", "amount": "1", "currency": "USD",
        "need": "T0.0"}]}, "unknown_need", "transactions[0].need"),
]


@pytest.mark.parametrize("case,over,code,field", BAD,
                         ids=[b[0] for b in BAD])
def test_bad_input_names_the_field(server, case, over, code, field):
    before = count(server)
    r = post(server, "coordinator", INITIATIVES, body(server, **over))
    assert_error(r, 422, code)
    assert field in r.json()["error"]["message"], r.text
    assert count(server) == before
    # a transaction refused half-way leaves no list rows either
    assert server.db.sql("SELECT COUNT(*) FROM initiative_states "
                         "WHERE initiative_id NOT IN (SELECT id FROM "
                         "initiatives)")[0][0] in ("0", 0)


def test_duplicate_identifier_and_unknown_fields(server):
    create(server)
    assert_error(post(server, "coordinator", INITIATIVES, body(server)),
                 409, "iati_identifier_taken")
    assert_error(post(server, "coordinator", INITIATIVES,
                      body(server, ident="XX-2", version=3)), 400,
                 "unknown_field")
    assert_error(post(server, "coordinator", INITIATIVES,
                      body(server, ident="XX-3", colour="red")), 400,
                 "unknown_field")


def test_roles_that_may_not_write(server):
    for who in ("ncpoc.jm", "cert.bb", "analyst", "steering", "admin"):
        assert_error(post(server, who, INITIATIVES,
                          body(server, ident=f"XX-{who}")), 403,
                     "forbidden")
    # the demo partner has no organisation: it may hold no role
    assert_error(post(server, "partner", INITIATIVES, body(server)), 403,
                 "not_your_organisation")


def test_partner_scope(server):
    itu = partner_of(server, "itu.partner",
                     "International Telecommunication Union")
    ctu = partner_of(server, "ctu.partner",
                     "Caribbean Telecommunications Union")
    mine = create(server, itu)
    assert mine["created_by"] == "itu.partner"
    # not a role for its own organisation: refused, nothing stored
    ctu_id = org_id(server, "Caribbean Telecommunications Union")
    before = count(server)
    r = post(server, itu, INITIATIVES, body(
        server, ident="XX-OTHER", organisations=[{"id": ctu_id,
                                                  "role": 4}]))
    assert_error(r, 403, "not_your_organisation")
    assert count(server) == before
    # another organisation's partner may not edit it
    assert_error(patch(server, ctu, mine["id"], {"version": 1,
                                                 "title": "Mine now"}),
                 403, "not_your_organisation")
    # nor may the owner drop its own organisation
    assert_error(patch(server, itu, mine["id"], {
        "version": 1, "organisations": [{"id": ctu_id, "role": 4}]}),
        403, "not_your_organisation")
    r = patch(server, itu, mine["id"], {"version": 1, "title": "Renamed"})
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "Renamed" and r.json()["version"] == 2
    # coordinators edit any
    r = patch(server, "coordinator", mine["id"], {"version": 2,
                                                  "status": 3})
    assert r.status_code == 200, r.text


def test_patch_version_and_lists(server):
    ini = create(server)
    path = ini["id"]
    assert_error(patch(server, "coordinator", path, {"title": "x"}), 422,
                 "missing_field")
    r = patch(server, "coordinator", path, {
        "version": 1, "end": "2025-06-30", "needs": ["T2.1", "T2.2"],
        "states": [{"state": "TT"}]})
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["end"] == "2025-06-30" and got["needs"] == ["T2.1", "T2.2"]
    assert [s["state"] for s in got["states"]] == ["TT"]
    assert got["organisations"] == ini["organisations"]
    assert_error(patch(server, "coordinator", path, {"version": 1,
                                                     "title": "late"}),
                 409, "stale_version")
    # end before the stored start
    assert_error(patch(server, "coordinator", path, {
        "version": 2, "planned_end": "2023-01-01"}), 422, "end_before_start")
    assert_error(patch(server, "coordinator", 987654, {"version": 1}), 404,
                 "not_found")
    assert "initiative.update" in audit_actions(server)


def test_paging_and_filters(server):
    itu = org_id(server, "International Telecommunication Union")
    ctu = org_id(server, "Caribbean Telecommunications Union")
    checks = ("state=JM", "need=T2.2", f"funder={ctu}", f"partner={itu}",
              "status=1", "year=2022")
    # what the seeded data already matches, before these are made
    before = {q: [x["id"] for x in all_pages(
        server, "ncpoc.jm", f"{INITIATIVES}?{q}", 200)[0]] for q in checks}
    made = []
    for i in range(7):
        made.append(create(
            server, ident=f"XX-P-{i}",
            status=1 + i % 2,
            planned_start=f"{2020 + i}-01-01",
            planned_end=f"{2020 + i}-12-31",
            needs=["T2.2"] if i % 2 else ["T1.3"],
            states=[{"state": "JM" if i < 3 else "GY"}],
            organisations=[{"id": itu if i % 3 else ctu, "role": 1}])["id"])
    items, totals = all_pages(server, "partner", INITIATIVES, 3)
    ids = [x["id"] for x in items]
    # latest change first, ties by id
    keys = [(x["updated_at"], x["id"]) for x in items]
    assert keys == sorted(keys, reverse=True) and set(made) <= set(ids)
    assert totals == {len(ids)}
    wants = {
        "state=JM": made[:3],
        "need=T2.2": [m for i, m in enumerate(made) if i % 2],
        f"funder={ctu}": [made[0], made[3], made[6]],
        f"partner={itu}": [m for i, m in enumerate(made) if i % 3],
        "status=1": [m for i, m in enumerate(made) if i % 2 == 0],
        "year=2022": [made[2]],
    }
    for q, want in wants.items():
        want = before[q] + want
        items, totals = all_pages(server, "ncpoc.jm",
                                  f"{INITIATIVES}?{q}", 2)
        assert sorted(x["id"] for x in items) == sorted(want), q
        assert totals == {len(want)}, q
    for q in ("limit=0", "limit=201", "cursor=abc", "status=7",
              "state=jamaica", "year=12"):
        r = get(server, "partner", f"{INITIATIVES}?{q}")
        assert r.status_code == 400, q


def test_initiatives_follow_the_list_contract(server):
    from list_contract import check_list, check_q
    s = server.bearer("coordinator")
    for i in range(5):
        create(server, ident=f"XX-LC-{i}", title=f"Contract check {i}",
               planned_start=f"202{i}-03-01", planned_end=f"202{i}-09-30")
    check_list(server, s, INITIATIVES,
               ["updated_at", "title", "start", "status", "iati_identifier"],
               int_sorts=("updated_at", "status"))
    assert check_q(server, s, INITIATIVES, "contract check", "title") == 5
    # from/to on the start date: the five start in 2020-2024
    r = server.get(f"{INITIATIVES}?q=contract+check&from=2022-01-01"
                   "&to=2023-12-31&limit=200", session=s)
    assert r.status_code == 200, r.text
    assert sorted(x["start"] for x in r.json()["items"]) == \
        ["2022-03-01", "2023-03-01"]
