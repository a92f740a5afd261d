"""A crisis's parts: the append-only decision and communications log
under TLP, the team roster from the directory, tasks with owners,
situation reports at a cadence (an overdue one flagged), and the closed
crisis that takes no more writes."""
import time

from conftest import assert_error
from crisis_helpers import contact, declare, incident, patch


def entry(**kw):
    body = {"kind": "communication", "actor": "Minister of National "
            "Security", "content": "Port services suspended; statement "
            "at noon.", "audience": "public", "channel": "press_release",
            "approved_by": "Cabinet Secretary", "tlp": "clear"}
    body.update(kw)
    return body


def test_log_append_and_tlp(server):
    jm = server.login("ncpoc.jm")
    server.add_user("cert.jm", "cert", "JM")
    cert = server.bearer("cert.jm")
    c = declare(server, jm, [incident(server, jm)])
    path = f"/api/v1/crises/{c['id']}/log"
    r = server.request("POST", path, session=jm, json=entry())
    assert r.status_code == 201, r.text
    e = r.json()
    assert e["audience"] == "public" and e["tlp"] == "clear"
    assert e["approved_by"] == "Cabinet Secretary"
    assert e["author"] == "ncpoc.jm"
    # a RED note to the minister, for one named recipient only
    r = server.request("POST", path, session=jm, json=entry(
        kind="decision", audience="ministers", channel="briefing",
        content="Do not pay the ransom.", tlp="red",
        recipients=["ncpoc.jm"]))
    assert r.status_code == 201, r.text
    mine = server.get(path, session=jm).json()
    assert [x["kind"] for x in mine["items"]] == ["communication",
                                                  "decision"]
    theirs = server.get(path, session=cert).json()
    assert theirs["total"] == 1
    assert [x["content"] for x in theirs["items"]] == [e["content"]]
    # append-only: no route changes or removes an entry
    for m in ("PATCH", "DELETE", "PUT"):
        r = server.request(m, f"{path}/{e['id']}", session=jm, json={})
        assert r.status_code in (404, 405), r.text
    acts = [a["action"] for a in server.audit_events()]
    assert acts.count("crisis.log") == 2


def test_log_bad_input(server):
    jm = server.login("ncpoc.jm")
    c = declare(server, jm, [incident(server, jm)])
    path = f"/api/v1/crises/{c['id']}/log"
    seq = server.audit_seq()
    for body, status, code in [
            (entry(audience="everyone"), 422, "invalid_value"),
            (entry(channel="pigeon"), 422, "invalid_value"),
            (entry(kind="rumour"), 422, "invalid_value"),
            (entry(tlp="purple"), 422, "unknown_tlp"),
            (entry(occurred_at=int(time.time()) + 86400), 422,
             "invalid_time"),
            (entry(tlp="red"), 422, "recipients_required"),
            ({k: v for k, v in entry().items() if k != "actor"}, 400,
             "missing_field")]:
        assert_error(server.request("POST", path, session=jm, json=body),
                     status, code)
    assert server.get(path, session=jm).json()["total"] == 0
    assert server.audit_seq() == seq
    for who in ("cert.bb", "analyst", "coordinator"):
        assert_error(server.request("POST", path, session=server.bearer(
            who), json=entry()), 404, "not_found")


def test_team_and_tasks(server):
    jm = server.login("ncpoc.jm")
    c = declare(server, jm, [incident(server, jm)])
    person = contact(server, jm)
    base = f"/api/v1/crises/{c['id']}"
    r = server.request("POST", base + "/team", session=jm,
                       json={"contact_id": person, "role": "lead"})
    assert r.status_code == 201, r.text
    assert [(m["contact_id"], m["role"]) for m in r.json()["items"]] == \
        [(person, "lead")]
    assert_error(server.request("POST", base + "/team", session=jm,
                 json={"contact_id": person, "role": "lead"}), 409,
                 "already_member")
    assert_error(server.request("POST", base + "/team", session=jm,
                 json={"contact_id": person, "role": "spokesperson"}), 422,
                 "invalid_role")
    assert_error(server.request("POST", base + "/team", session=jm,
                 json={"contact_id": 999999, "role": "legal"}), 422,
                 "unknown_contact")
    r = server.request("POST", base + "/team", session=jm,
                       json={"contact_id": person, "role": "liaison"})
    team = server.get(base, session=jm).json()["team"]
    assert sorted(m["role"] for m in team) == ["lead", "liaison"]
    liaison = [m for m in team if m["role"] == "liaison"][0]
    r = server.request("DELETE", f"{base}/team/{liaison['id']}",
                       session=jm)
    assert r.status_code == 200, r.text
    assert [m["role"] for m in server.get(base, session=jm)
            .json()["team"]] == ["lead"]
    # tasks
    r = server.request("POST", base + "/tasks", session=jm, json={
        "title": "Isolate the cargo network", "owner_contact_id": person})
    assert r.status_code == 201, r.text
    t = r.json()
    assert t["status"] == "open" and t["owner_contact_id"] == person
    assert server.get(base, session=jm).json()["open_tasks"] == 1
    r = server.request("PATCH", f"{base}/tasks/{t['id']}", session=jm,
                       json={"status": "done"})
    assert r.status_code == 200 and r.json()["status"] == "done"
    assert server.get(base, session=jm).json()["open_tasks"] == 0
    assert_error(server.request("PATCH", f"{base}/tasks/{t['id']}",
                 session=jm, json={"status": "maybe"}), 422,
                 "invalid_status")
    assert_error(server.request("POST", base + "/tasks", session=jm, json={
        "title": "x", "owner_contact_id": 999999}), 422, "unknown_contact")
    page = server.get(base + "/tasks?limit=1", session=jm).json()
    assert page["total"] == 1 and page["next_cursor"] is None


def test_sitreps_and_overdue(server):
    jm = server.login("ncpoc.jm")
    c = declare(server, jm, [incident(server, jm)], sitrep_hours=1)
    base = f"/api/v1/crises/{c['id']}"
    body = {"situation": "Cargo clearance manual.", "actions": "Backups "
            "restored to staging.", "next_steps": "Restore billing."}
    for n in (1, 2):
        r = server.request("POST", base + "/sitreps", session=jm, json=body)
        assert r.status_code == 201, r.text
        assert r.json()["seq"] == n
    got = server.get(base, session=jm).json()
    assert got["sitreps"] == 2 and got["sitrep_overdue"] is False
    assert got["next_sitrep_due"] == got["last_sitrep_at"] + 3600
    page = server.get(base + "/sitreps?limit=1", session=jm).json()
    assert page["total"] == 2 and page["items"][0]["seq"] == 1
    page2 = server.get(base + f"/sitreps?limit=1&cursor="
                       f"{page['next_cursor']}", session=jm).json()
    assert page2["items"][0]["seq"] == 2 and page2["next_cursor"] is None


def test_overdue_sitrep_is_flagged(server):
    """A crisis declared 2 hours ago with a 1-hour cadence and no report:
    the declaration time is moved back in the database, as the clock
    would have done."""
    jm = server.login("ncpoc.jm")
    c = declare(server, jm, [incident(server, jm)], sitrep_hours=1)
    server.db.sql(f"UPDATE crises SET declared_at = declared_at - 7200 "
                  f"WHERE id = {c['id']}")
    got = server.get(f"/api/v1/crises/{c['id']}", session=jm).json()
    assert got["sitrep_overdue"] is True
    lst = server.get("/api/v1/crises", session=jm).json()["items"]
    assert [i["sitrep_overdue"] for i in lst if i["id"] == c["id"]] == \
        [True]
    r = server.request("POST", f"/api/v1/crises/{c['id']}/sitreps",
                       session=jm, json={"situation": "a", "actions": "b",
                                         "next_steps": "c"})
    assert r.status_code == 201
    got = server.get(f"/api/v1/crises/{c['id']}", session=jm).json()
    assert got["sitrep_overdue"] is False


def test_closed_crisis_takes_no_more_writes(server):
    jm = server.login("ncpoc.jm")
    c = declare(server, jm, [incident(server, jm)])
    person = contact(server, jm)
    c = patch(server, jm, c, status="closed").json()
    base = f"/api/v1/crises/{c['id']}"
    for path, body in [
            ("/log", entry()),
            ("/team", {"contact_id": person, "role": "lead"}),
            ("/tasks", {"title": "x", "owner_contact_id": person}),
            ("/sitreps", {"situation": "a", "actions": "b",
                          "next_steps": "c"})]:
        assert_error(server.request("POST", base + path, session=jm,
                                    json=body), 409, "crisis_closed")
