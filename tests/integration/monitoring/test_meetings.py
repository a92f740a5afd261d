"""Monitoring meetings over real HTTP, on both backends.

What must hold: coordinators, RIFC analysts and the Steering Committee
record meetings with attendees from the directory (organisations,
people, states), agenda, minutes and decisions; every member reads them,
newest first, paged with a total; minutes under a TLP marking are
withheld from readers outside it while the meeting stays visible; an
attendee, state or kind that does not exist is refused naming the field
and nothing is stored; a change needs the version read.
"""
from conftest import assert_error
from meetings_helpers import (LAST_WEEK, MEETINGS, all_pages, call,
                              contact_id, count, meeting_body, org_id)
from sharing_helpers import audit_actions

IMPACS = "CARICOM Implementation Agency for Crime and Security"


def test_record_and_read(server):
    person, name = contact_id(server, "BB")
    body = meeting_body(server)
    body["attendees"].append({"contact_id": person, "role": "observer"})
    r = call(server, "coordinator", "POST", MEETINGS, body)
    assert r.status_code == 201, r.text
    m = r.json()
    assert m["kind"] == "steering" and m["version"] == 1
    assert m["agenda"] == body["agenda"]
    assert m["decisions"] == body["decisions"]
    assert m["minutes_restricted"] is False and m["minutes_tlp"] is None
    who = [(a["organisation"], a["state"], a["person"], a["role"])
           for a in m["attendees"]]
    assert who == [(IMPACS, None, None, "chair"),
                   (None, "JM", None, "member"),
                   (None, None, name, "observer")]
    assert m["recommendations"] == []
    got = call(server, "partner", "GET", f"{MEETINGS}/{m['id']}").json()
    assert got["minutes"] == body["minutes"]
    assert "meeting.create" in audit_actions(server)


def test_writers_and_readers(server):
    for who in ("analyst", "steering"):
        r = call(server, who, "POST", MEETINGS, meeting_body(
            server, kind="rcc", title=f"RCC by {who}", online=True,
            place=None))
        assert r.status_code == 201, r.text
    before = count(server, "meetings")
    for who in ("ncpoc.jm", "cert.bb", "partner", "admin"):
        assert_error(call(server, who, "POST", MEETINGS,
                          meeting_body(server)), 403, "forbidden")
    assert_error(server.request("GET", MEETINGS), 401,
                 "authentication_required")
    assert count(server, "meetings") == before
    for who in ("ncpoc.jm", "partner", "admin"):
        assert call(server, who, "GET", MEETINGS).status_code == 200


def test_list_newest_first_paged(server):
    # the demo data may hold meetings already: count relative to them
    before, _ = all_pages(server, "ncpoc.jm", MEETINGS, 3)
    csm0 = call(server, "partner", "GET", f"{MEETINGS}?kind=csm").json()
    in_2023 = f"{MEETINGS}?from=2023-01-01&to=2023-12-31"
    rng0 = call(server, "partner", "GET", in_2023).json()["total"]
    dates = ["2023-03-01", "2024-10-22", "2022-06-15", "2024-10-22"]
    made = []
    for i, d in enumerate(dates):
        r = call(server, "coordinator", "POST", MEETINGS, meeting_body(
            server, date=d, title=f"Meeting {i}",
            kind="csm" if i % 2 else "consle"))
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])
    items, totals = all_pages(server, "ncpoc.jm", MEETINGS, 3)
    assert totals == {len(before) + 4}
    every = [(m["date"], m["id"]) for m in items]
    assert every == sorted(every, reverse=True)
    ours = [m for m in items if m["id"] in made]
    assert [m["date"] for m in ours] == sorted(dates, reverse=True)
    assert [m["title"] for m in ours[:2]] == ["Meeting 3", "Meeting 1"]
    csm = call(server, "partner", "GET", f"{MEETINGS}?kind=csm").json()
    assert csm["total"] == csm0["total"] + 2
    assert {m["kind"] for m in csm["items"]} == {"csm"}
    rng = call(server, "partner", "GET", in_2023).json()
    assert rng["total"] == rng0 + 1
    assert "Meeting 0" in [m["title"] for m in rng["items"]]
    assert_error(call(server, "partner", "GET", f"{MEETINGS}?kind=cabinet"),
                 422, "unknown_kind")
    assert_error(call(server, "partner", "GET", f"{MEETINGS}?cursor=zz"),
                 400, "invalid_cursor")


def test_restricted_minutes(server):
    body = meeting_body(server, minutes="Names of the suspects discussed.",
                        minutes_sharing={"tlp": "red",
                                         "recipients": ["steering"]})
    r = call(server, "coordinator", "POST", MEETINGS, body)
    assert r.status_code == 201, r.text
    mid = r.json()["id"]
    for who in ("coordinator", "steering"):
        m = call(server, who, "GET", f"{MEETINGS}/{mid}").json()
        assert m["minutes"] == body["minutes"], who
        assert m["minutes_tlp"] == "red"
    for who in ("ncpoc.jm", "partner"):
        m = call(server, who, "GET", f"{MEETINGS}/{mid}").json()
        assert m["minutes"] is None and m["minutes_restricted"] is True
        assert m["title"] == body["title"] and m["decisions"]
        listed = call(server, who, "GET", MEETINGS).json()["items"]
        assert [x["minutes"] for x in listed if x["id"] == mid] == [None]
    assert_error(call(server, "coordinator", "POST", MEETINGS, meeting_body(
        server, minutes_sharing={"tlp": "purple"})), 422, "unknown_tlp")


def test_bad_input_names_the_field(server):
    before = (count(server, "meetings"), count(server, "meeting_attendees"),
              count(server, "markings"))
    impacs = org_id(server, "CARICOM IMPACS")
    cases = [
        ({"attendees": [{"organisation_id": impacs},
                        {"organisation_id": 987654}]},
         422, "unknown_organisation", "attendees[1].organisation_id"),
        ({"attendees": [{"contact_id": 987654}]}, 422, "unknown_contact",
         "attendees[0].contact_id"),
        ({"attendees": [{"state": "XX"}]}, 422, "unknown_state",
         "attendees[0].state"),
        ({"attendees": [{"role": "chair"}]}, 422, "missing_field",
         "attendees[0]"),
        ({"attendees": [{"state": "JM", "seat": 1}]}, 422, "unknown_field",
         "seat"),
        ({"host_state": "QQ"}, 422, "unknown_state", "host_state"),
        ({"kind": "cabinet"}, 422, "unknown_kind", "kind"),
        ({"date": "2024-13-01"}, 422, "invalid_date", "date"),
        ({"place": None, "online": False}, 422, "missing_field", "place"),
        ({"agenda": ["ok", ""]}, 422, "invalid_field", "agenda[1]"),
        ({"minutes_sharing": {"tlp": "red", "recipients": ["steering"]},
          "attendees": [{"state": "XX"}]}, 422, "unknown_state",
         "attendees[0].state"),
    ]
    for change, status, code, field in cases:
        msg = assert_error(call(server, "coordinator", "POST", MEETINGS,
                                meeting_body(server, **change)), status,
                           code)
        assert field in msg, (change, msg)
    body = meeting_body(server)
    del body["title"]
    msg = assert_error(call(server, "coordinator", "POST", MEETINGS, body),
                       400, "missing_field")
    assert "title" in msg
    assert (count(server, "meetings"), count(server, "meeting_attendees"),
            count(server, "markings")) == before


def test_change_with_version(server):
    m = call(server, "coordinator", "POST", MEETINGS,
             meeting_body(server)).json()
    path = f"{MEETINGS}/{m['id']}"
    r = call(server, "steering", "PATCH", path, {
        "version": 1, "decisions": ["Adopt the 2025 update"],
        "online": True, "place": None, "date": LAST_WEEK,
        "attendees": [{"state": "BB"}]})
    assert r.status_code == 200, r.text
    m2 = r.json()
    assert m2["version"] == 2 and m2["online"] is True
    assert m2["place"] is None and m2["date"] == LAST_WEEK
    assert m2["decisions"] == ["Adopt the 2025 update"]
    assert m2["agenda"] == m["agenda"] and m2["minutes"] == m["minutes"]
    assert [a["state"] for a in m2["attendees"]] == ["BB"]
    assert_error(call(server, "coordinator", "PATCH", path, {
        "version": 1, "title": "late"}), 409, "stale_version")
    assert_error(call(server, "coordinator", "PATCH", path, {
        "title": "no version"}), 422, "missing_field")
    assert_error(call(server, "partner", "PATCH", path, {
        "version": 2, "title": "x"}), 403, "forbidden")
    assert_error(call(server, "coordinator", "PATCH", f"{MEETINGS}/999999",
                      {"version": 1}), 404, "not_found")
    assert_error(call(server, "partner", "GET", f"{MEETINGS}/999999"), 404,
                 "not_found")
    assert "meeting.update" in audit_actions(server)


def test_amber_minutes_follow_the_marking(server):
    """TLP:AMBER minutes shared with Jamaica: its users, the author and
    the RIFC read them; Barbados and partners see the meeting only."""
    body = meeting_body(server, minutes="Jamaica's incident figures.",
                        minutes_sharing={"tlp": "amber",
                                         "share_states": ["JM"]})
    r = call(server, "coordinator", "POST", MEETINGS, body)
    assert r.status_code == 201, r.text
    mid = r.json()["id"]
    for who, reads in (("coordinator", True), ("ncpoc.jm", True),
                       ("analyst", True), ("cert.bb", False),
                       ("partner", False)):
        m = call(server, who, "GET", f"{MEETINGS}/{mid}").json()
        assert (m["minutes"] == body["minutes"]) == reads, who
        assert m["minutes_restricted"] is (not reads), who
        assert m["minutes_tlp"] == "amber"
    # a change of the minutes' marking makes a new one; the old stays
    markings = count(server, "markings")
    r = call(server, "coordinator", "PATCH", f"{MEETINGS}/{mid}", {
        "version": 1, "minutes_sharing": {"tlp": "green"}})
    assert r.status_code == 200, r.text
    assert count(server, "markings") == markings + 1
    m = call(server, "cert.bb", "GET", f"{MEETINGS}/{mid}").json()
    assert m["minutes"] == body["minutes"] and m["minutes_tlp"] == "green"


def test_demo_meetings_are_fictitious_and_followed_up(server):
    """`init --demo` adds a Steering Committee, an RCC and a Caribbean
    Stakeholders Meeting, each marked (demo), with recommendations: some
    overdue, one closed after follow-up, through the audited services."""
    items, _ = all_pages(server, "partner", MEETINGS, 50)
    demo = [m for m in items if m["title"].endswith("(demo)")]
    assert {m["kind"] for m in demo} >= {"steering", "rcc", "csm"}
    recs = []
    for m in demo:
        got = call(server, "partner", "GET", f"{MEETINGS}/{m['id']}").json()
        assert got["decisions"], got["title"]
        recs += got["recommendations"]
    assert recs and all("(demo)" in r["text"] for r in recs)
    assert any(r["overdue"] for r in recs)
    assert any(not r["overdue"] and r["status"] == "open" for r in recs)
    closed = [r for r in recs if r["status"] == "closed"]
    assert closed
    one = call(server, "partner", "GET",
               f"/api/v1/recommendations/{closed[0]['id']}").json()
    assert one["progress"][-1]["status"] == "closed"
    assert "recommendation.progress" in audit_actions(server)
