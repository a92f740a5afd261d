"""The needs catalogue over real HTTP, on both backends.

What must hold: every member reads the 21 needs of tables 1-5 in plan
order with their linked standards, paged with a total; coordinators
edit text, solutions, partners and standards with the version read;
every edit keeps the replaced version (history); others are refused;
unknown partners and standards are refused naming the field.
"""
from capacity_helpers import all_pages
from conftest import assert_error
from sharing_helpers import audit_actions, get

NEEDS = "/api/v1/needs"


def patch(server, who, ref, b):
    return server.request("PATCH", f"{NEEDS}/{ref}",
                          session=server.bearer(who), json=b)


def test_catalogue_in_plan_order(server):
    items, totals = all_pages(server, "partner", NEEDS, 5)
    refs = [n["ref"] for n in items]
    assert totals == {21} and len(refs) == 21
    assert refs[:4] == ["T1.1", "T1.2", "T1.3", "T2.1"]
    assert refs[-1] == "T5.6"
    t12 = items[1]
    assert t12["priority_area"] == "PA1" and t12["version"] == 1
    assert "oas_cicte" in t12["partners"]
    assert {s["code"] for s in t12["standards"]} >= {"AWR-MINISTERS"}
    assert server.get(NEEDS).status_code == 401


def test_edit_keeps_history(server):
    cur = get(server, "analyst", f"{NEEDS}/T2.4").json()
    std = cur["standards"][0]["lineage_id"] if cur["standards"] else None
    r = patch(server, "coordinator", "T2.4", {
        "version": 1, "need": "Crisis management, tested yearly.",
        "solutions": ["Regional exercise"], "partners": ["cdema", "itu"],
        "standards": [std] if std else []})
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2
    assert r.json()["partners"] == ["cdema", "itu"]
    assert_error(patch(server, "coordinator", "T2.4", {
        "version": 1, "need": "late"}), 409, "stale_version")
    hist = get(server, "ncpoc.jm", f"{NEEDS}/T2.4/history").json()
    assert hist["total"] == 2
    assert [h["version"] for h in hist["items"]] == [2, 1]
    assert hist["items"][1]["need"] == cur["need"]
    assert hist["items"][0]["need"] == "Crisis management, tested yearly."
    items, totals = all_pages(server, "partner", f"{NEEDS}/T2.4/history", 1)
    assert [h["version"] for h in items] == [2, 1] and totals == {2}
    assert "need.update" in audit_actions(server)


def test_refusals(server):
    for who in ("partner", "ncpoc.jm", "analyst", "admin"):
        assert_error(patch(server, who, "T1.1", {"version": 1,
                                                 "need": "x"}),
                     403, "forbidden")
    r = patch(server, "coordinator", "T1.1", {"version": 1,
                                              "partners": ["nobody"]})
    assert_error(r, 422, "unknown_organisation")
    assert "partners[0]" in r.json()["error"]["message"]
    r = patch(server, "coordinator", "T1.1", {"version": 1,
                                              "standards": [987654]})
    assert_error(r, 422, "unknown_standard")
    assert "standards[0]" in r.json()["error"]["message"]
    assert get(server, "coordinator", f"{NEEDS}/T1.1").json()["version"] \
        == 1
    assert_error(get(server, "partner", f"{NEEDS}/T9.9"), 404, "not_found")


def test_needs_follow_the_list_contract(server):
    from list_contract import check_list, check_q, get_page
    s = server.bearer("partner")
    total = check_list(server, s, NEEDS,
                       ["plan_order", "need", "initiatives", "updated_at"],
                       int_sorts=("plan_order", "initiatives",
                                  "updated_at"),
                       date=False, csv_id="plan_order")
    assert total == 21
    # words inside the text, the solutions or the partners
    r = patch(server, "coordinator", "T3.2", {
        "version": get(server, "analyst", f"{NEEDS}/T3.2").json()["version"],
        "solutions": ["Quarterly tabletop drill in Zanzibarville"]})
    assert r.status_code == 200, r.text
    page = get_page(server, s, NEEDS, q="zanzibarville")
    assert [n["ref"] for n in page["items"]] == ["T3.2"]
    assert page["total"] == 1
    assert check_q(server, s, NEEDS, "T4.", "ref") == 4
    # the plan table filter, bound to the cursor like the others
    t5 = get_page(server, s, NEEDS, table=5, limit=2)
    assert t5["total"] == 6 and [n["ref"] for n in t5["items"]] == \
        ["T5.1", "T5.2"]
    t5b = get_page(server, s, NEEDS, table=5, limit=2,
                   cursor=t5["next_cursor"])
    assert [n["ref"] for n in t5b["items"]] == ["T5.3", "T5.4"]
    assert_error(server.get(f"{NEEDS}?table=4&limit=2&cursor=" +
                            t5["next_cursor"], session=s), 400,
                 "invalid_cursor")
    assert_error(server.get(f"{NEEDS}?table=9", session=s), 400,
                 "invalid_filter")
    assert_error(server.get(f"{NEEDS}?from=2026-01-01", session=s), 400,
                 "invalid_date")
