"""Recommendations and their follow-up over real HTTP, on both backends.

What must hold: a recommendation needs an owner (one organisation or one
state of the directory) and a due date inside its CARICOM timeframe
counted from the meeting; an unknown owner, state, need, plan item or
meeting is refused naming the field and nothing is stored; one past its
due date and not closed is overdue, in the filtered list and in the
overdue view by owner; owners (their state's NCPOC or CERT users, their
organisation's users) report progress on their own but do not close;
the secretariat closes; the trail keeps every report; a closed one takes
no more reports.
"""
import datetime

from conftest import assert_error
from meetings_helpers import (LAST_MONTH, MEETINGS, NEXT_MONTH, RECS,
                              TODAY, YESTERDAY, all_pages, call, count,
                              meeting_body, org_id, rec_body)
from sharing_helpers import audit_actions


def meeting(server, **change):
    r = call(server, "coordinator", "POST", MEETINGS,
             meeting_body(server, **change))
    assert r.status_code == 201, r.text
    return r.json()["id"]


def make(server, who="coordinator", **change):
    r = call(server, who, "POST", RECS, rec_body(**change))
    assert r.status_code == 201, r.text
    return r.json()


def overdue_groups(server, who="partner"):
    """Every owner group of the overdue view, following its pages."""
    items, totals = all_pages(server, who, f"{RECS}/overdue", 2)
    return items, totals


def group_of(groups, code):
    hit = [g for g in groups if g["owner"].get("code") == code]
    return hit[0] if hit else None


def test_overdue_then_followed_up_and_closed(server):
    # the demo data may hold overdue recommendations: count relative
    od0 = call(server, "ncpoc.jm", "GET", f"{RECS}/overdue").json()
    late0 = {r["id"] for r in all_pages(server, "partner",
                                        f"{RECS}?overdue=true", 50)[0]}
    assert group_of(overdue_groups(server)[0], "JM") is None
    mid = meeting(server)
    rec = make(server, meeting_id=mid)
    assert rec["owner"] == {"kind": "state", "code": "JM",
                            "name": "Jamaica"}
    assert rec["status"] == "open" and rec["overdue"] is True
    assert rec["meeting_date"] == LAST_MONTH and rec["progress"] == []
    late = {r["id"] for r in all_pages(server, "partner",
                                       f"{RECS}?overdue=true", 50)[0]}
    assert late == late0 | {rec["id"]}
    od = call(server, "ncpoc.jm", "GET", f"{RECS}/overdue").json()
    assert od["total"] == od0["total"] + 1
    assert od["overdue"] == od0["overdue"] + 1
    jm = group_of(overdue_groups(server)[0], "JM")
    assert [r["id"] for r in jm["items"]] == [rec["id"]]
    m = call(server, "partner", "GET", f"{MEETINGS}/{mid}").json()
    assert [r["id"] for r in m["recommendations"]] == [rec["id"]]

    path = f"{RECS}/{rec['id']}/progress"
    r = call(server, "ncpoc.jm", "POST", path, {
        "text": "Nomination sent to the Minister.", "status": "in_progress"})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "in_progress"
    assert_error(call(server, "ncpoc.jm", "POST", path, {
        "text": "Done", "status": "closed"}), 403, "forbidden")
    assert_error(call(server, "cert.bb", "POST", path, {"text": "Not ours"}),
                 403, "forbidden")
    r = call(server, "steering", "POST", path, {
        "text": "Second NCPOC nominated.", "status": "closed",
        "document_url": "https://example.org/letter.pdf"})
    assert r.status_code == 201, r.text
    done = r.json()
    assert done["status"] == "closed" and done["overdue"] is False
    assert done["closed_on"] == TODAY.isoformat()
    assert [(p["status"], p["created_by"]) for p in done["progress"]] == [
        ("in_progress", "ncpoc.jm"), ("closed", "steering")]
    assert_error(call(server, "coordinator", "POST", path, {
        "text": "again"}), 409, "recommendation_final")
    assert call(server, "partner", "GET",
                f"{RECS}/overdue").json()["total"] == od0["total"]
    assert group_of(overdue_groups(server)[0], "JM") is None
    assert "recommendation.progress" in audit_actions(server)


def test_organisation_owner_reports_progress(server):
    ctu = org_id(server, "CTU")
    server.add_user("partner.ctu", "partner", org=ctu)
    rec = make(server, owner_state=None, owner_org=ctu, due_date=NEXT_MONTH)
    assert rec["owner"]["kind"] == "organisation"
    assert rec["owner"]["id"] == ctu and rec["overdue"] is False
    path = f"{RECS}/{rec['id']}/progress"
    r = call(server, "partner.ctu", "POST", path, {"text": "Started."})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "open"
    for who in ("partner", "ncpoc.jm"):
        assert_error(call(server, who, "POST", path, {"text": "x"}), 403,
                     "forbidden")
    assert_error(call(server, "admin", "POST", path, {"text": "x"}), 403,
                 "forbidden")
    mine = call(server, "partner", "GET", f"{RECS}?owner_org={ctu}").json()
    assert [x["id"] for x in mine["items"]] == [rec["id"]]


def test_refused_input_stores_nothing(server):
    mid = meeting(server)
    before = count(server, "recommendations")
    far = (datetime.date.fromisoformat(LAST_MONTH) +
           datetime.timedelta(days=200)).isoformat()
    cases = [
        ({"owner_state": None}, 422, "missing_field", "owner"),
        ({"owner_org": 987654, "owner_state": None}, 422,
         "unknown_organisation", "owner_org"),
        ({"owner_org": 1}, 422, "invalid_owner", "owner_org"),
        ({"owner_state": "XX"}, 422, "unknown_state", "owner_state"),
        ({"need_ref": "T9.9"}, 422, "unknown_need", "need_ref"),
        ({"plan_item_id": 987654}, 422, "unknown_plan_item",
         "plan_item_id"),
        ({"meeting_id": 987654}, 422, "unknown_meeting", "meeting_id"),
        ({"due_date": "2024-02-30"}, 422, "invalid_date", "due_date"),
        ({"timeframe": "soon"}, 422, "unknown_timeframe", "timeframe"),
        ({"meeting_id": mid, "due_date": far}, 422, "due_beyond_timeframe",
         "due_date"),
    ]
    for change, status, code, field in cases:
        msg = assert_error(call(server, "coordinator", "POST", RECS,
                                rec_body(**change)), status, code)
        assert field in msg, (change, msg)
    body = rec_body()
    del body["due_date"]
    assert "due_date" in assert_error(call(server, "coordinator", "POST",
                                           RECS, body), 400,
                                      "missing_field")
    for who in ("ncpoc.jm", "partner", "admin", "cert.bb"):
        assert_error(call(server, who, "POST", RECS, rec_body()), 403,
                     "forbidden")
    assert_error(server.request("POST", RECS, json=rec_body()), 401,
                 "authentication_required")
    assert count(server, "recommendations") == before
    # the long timeframe allows 30 months from the meeting
    ok = make(server, meeting_id=mid, due_date=far, timeframe="long")
    assert ok["timeframe"] == "long"
    ok = make(server, due_date="2040-01-01", timeframe="rar")
    assert ok["overdue"] is False


def test_change_filters_and_pages(server):
    # the demo data may hold recommendations: count relative to them
    all0, _ = all_pages(server, "partner", RECS, 2)
    groups0, _ = overdue_groups(server)
    closed0 = call(server, "partner", "GET",
                   f"{RECS}?status=closed").json()["total"]
    a = make(server, due_date=YESTERDAY)
    b = make(server, owner_state="BB", due_date=NEXT_MONTH,
             timeframe="medium")
    c = make(server, owner_state="BB", due_date=LAST_MONTH)
    r = call(server, "coordinator", "PATCH", f"{RECS}/{b['id']}", {
        "version": 1, "due_date": LAST_MONTH, "text": "Revised."})
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2 and r.json()["overdue"] is True
    assert_error(call(server, "coordinator", "PATCH", f"{RECS}/{b['id']}", {
        "version": 1, "text": "late"}), 409, "stale_version")
    assert_error(call(server, "coordinator", "PATCH", f"{RECS}/{b['id']}", {
        "version": 2, "status": "closed"}), 400, "unknown_field")
    assert_error(call(server, "coordinator", "PATCH", f"{RECS}/{b['id']}", {
        "version": 2, "owner_state": "ZZ"}), 422, "unknown_state")
    assert_error(call(server, "ncpoc.jm", "PATCH", f"{RECS}/{a['id']}", {
        "version": 1, "text": "mine"}), 403, "forbidden")
    items, totals = all_pages(server, "partner", RECS, 2)
    assert totals == {len(all0) + 3}
    due = [(x["due_date"], x["id"]) for x in items]
    assert due == sorted(due)
    ours = [x["id"] for x in items if x["id"] in (a["id"], b["id"],
                                                   c["id"])]
    assert ours == [b["id"], c["id"], a["id"]]
    bb = call(server, "partner", "GET", f"{RECS}?owner_state=BB").json()
    assert {x["id"] for x in bb["items"]} == {b["id"], c["id"]}
    od = call(server, "partner", "GET", f"{RECS}/overdue?limit=1").json()
    assert od["total"] == len(groups0) + 2 and od["count"] == 1
    groups, totals = overdue_groups(server)
    assert totals == {len(groups0) + 2}
    names = [g["owner"]["name"] for g in groups]
    assert names == sorted(names)
    assert group_of(groups, "BB")["count"] == 2
    assert [x["id"] for x in group_of(groups, "JM")["items"]] == [a["id"]]
    assert call(server, "partner", "GET",
                f"{RECS}?status=closed").json()["total"] == closed0
    assert_error(call(server, "partner", "GET", f"{RECS}?status=late"), 422,
                 "unknown_status")
    assert_error(call(server, "partner", "GET", f"{RECS}?overdue=maybe"), 400,
                 "invalid_parameter")
    assert_error(call(server, "partner", "GET", f"{RECS}/999999"), 404,
                 "not_found")
    assert_error(call(server, "coordinator", "POST", f"{RECS}/999999/"
                      "progress", {"text": "x"}), 404, "not_found")


def test_recommendations_follow_the_list_contract(server):
    from list_contract import check_list, check_q
    s = server.bearer("coordinator")
    for i in range(5):
        make(server, text=f"Contract check recommendation {i}",
             due_date=(datetime.date.today() -
                       datetime.timedelta(days=i)).isoformat())
    check_list(server, s, RECS,
               ["due_date", "updated_at", "status", "meeting_date"],
               int_sorts=("updated_at",))
    assert check_q(server, s, RECS, "contract check", "text") == 5
    # from/to on the due date, and overdue as on today
    day = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    r = server.get(f"{RECS}?q=contract+check&from={day}&to={day}",
                   session=s)
    assert r.status_code == 200, r.text
    assert [x["due_date"] for x in r.json()["items"]] == [day]
    assert r.json()["items"][0]["overdue"] is True
