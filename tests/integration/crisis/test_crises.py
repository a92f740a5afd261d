"""Crises: declared from incidents the declarer may read, severity 0-4,
escalation at levels 3-4 (RCC through the RIFC, political level) with
inbox entries and notices, the status workflow, and who sees a crisis:
the state's national team, the RIFC once escalated, nobody else (404).
"""
from conftest import assert_error
from crisis_helpers import declare, declare_body, incident, patch, totals


def test_declare_and_read(server):
    jm = server.login("ncpoc.jm")
    inc = incident(server, jm)
    c = declare(server, jm, [inc])
    assert c["state"] == "JM"
    assert c["status"] == "declared" and c["severity"] == 2
    assert c["incident_ids"] == [inc]
    assert c["escalations"] == [] and c["escalated_at"] is None
    assert c["review"] is None and c["team"] == []
    assert c["sitrep_overdue"] is False
    assert c["next_sitrep_due"] == c["declared_at"] + 6 * 3600
    r = server.get(f"/api/v1/crises/{c['id']}", session=jm)
    assert r.status_code == 200 and r.json()["title"] == c["title"]
    lst = server.get("/api/v1/crises", session=jm).json()
    assert lst["total"] >= 1 and lst["items"][0]["id"] == c["id"]
    ev = [e for e in server.audit_events() if e["action"] ==
          "crisis.declare"]
    assert ev and ev[0]["actor"] == "ncpoc.jm"


def test_who_sees_a_crisis(server):
    jm = server.login("ncpoc.jm")
    server.add_user("cert.jm", "cert", "JM")
    c = declare(server, jm, [incident(server, jm)])
    path = f"/api/v1/crises/{c['id']}"
    # the state's CERT users are on the national team
    assert server.get(path, session=server.bearer("cert.jm")) \
        .status_code == 200
    # another state's team, the RIFC before escalation, and platform
    # roles: exactly as a crisis that does not exist
    for who in ("cert.bb", "analyst", "coordinator", "admin", "steering",
                "partner"):
        s = server.bearer(who)
        assert_error(server.get(path, session=s), 404, "not_found")
        assert_error(server.get(path + "/log", session=s), 404,
                     "not_found")
        assert_error(server.get("/api/v1/crises/999999", session=s), 404,
                     "not_found")
    assert server.get("/api/v1/crises",
                      session=server.bearer("analyst")).json()["items"] \
        == [] or all(i["id"] != c["id"] for i in server.get(
            "/api/v1/crises", session=server.bearer("analyst"))
            .json()["items"])
    # signing in is required
    assert_error(server.get(path), 401, "authentication_required")


def test_escalation_brings_in_the_rifc(server):
    jm = server.login("ncpoc.jm")
    c = declare(server, jm, [incident(server, jm)])
    rifc = server.bearer("analyst")
    assert server.get(f"/api/v1/crises/{c['id']}", session=rifc) \
        .status_code == 404
    r = patch(server, jm, c, severity=3)
    assert r.status_code == 200, r.text
    c = r.json()
    assert c["status"] == "escalated" and c["escalated_at"] is not None
    assert {e["tier"] for e in c["escalations"]} == {"regional",
                                                     "political"}
    # now the RIFC sees it, in the list and by id
    assert server.get(f"/api/v1/crises/{c['id']}", session=rifc) \
        .status_code == 200
    ids = [i["id"] for i in server.get("/api/v1/crises",
                                        session=rifc).json()["items"]]
    assert c["id"] in ids
    # and finds it in its inbox
    inbox = server.get("/api/v1/inbox", session=rifc)
    assert inbox.status_code == 200, inbox.text
    assert any(e.get("kind") == "crisis" and e.get("ref_id") == c["id"]
               for e in inbox.json()["items"]), inbox.json()
    # escalating again records no second level
    c = patch(server, jm, c, status="stabilised", severity=2).json()
    c = patch(server, jm, c, severity=4).json()
    assert c["status"] == "escalated"
    assert len(c["escalations"]) == 2
    acts = [e["action"] for e in server.audit_events()]
    assert acts.count("crisis.escalate") == 2


def test_declared_at_level_four(server):
    jm = server.login("ncpoc.jm")
    c = declare(server, jm, [incident(server, jm)], severity=4)
    assert c["status"] == "escalated"
    assert [e["severity"] for e in c["escalations"]] == [4, 4]


def test_rifc_declares_for_a_state(server):
    rifc = server.login("analyst")
    jm = server.login("ncpoc.jm")
    inc = incident(server, jm)
    r = server.request("POST", "/api/v1/crises", session=rifc,
                       json=declare_body([inc]))
    assert_error(r, 422, "missing_field")
    r = server.request("POST", "/api/v1/crises", session=rifc,
                       json=declare_body([inc], state="JM", severity=1))
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["rifc_declared"] is True and c["status"] == "declared"
    # RIFC-declared: the RIFC keeps seeing it below level 3
    assert server.get(f"/api/v1/crises/{c['id']}",
                      session=rifc).status_code == 200
    assert server.get(f"/api/v1/crises/{c['id']}",
                      session=jm).status_code == 200


def test_workflow(server):
    jm = server.login("ncpoc.jm")
    c = declare(server, jm, [incident(server, jm)])
    assert_error(patch(server, jm, c, status="reviewed"), 422,
                 "invalid_status")
    assert_error(patch(server, jm, c, status="open"), 422,
                 "invalid_status")
    c2 = patch(server, jm, c, status="stabilised").json()
    assert c2["status"] == "stabilised"
    # a stale version is refused
    assert_error(patch(server, jm, c, status="closed"), 409,
                 "version_conflict")
    c3 = patch(server, jm, c2, status="closed").json()
    assert c3["status"] == "closed" and c3["closed_at"] is not None
    assert c3["next_sitrep_due"] is None and c3["sitrep_overdue"] is False
    assert_error(patch(server, jm, c3, status="escalated"), 409,
                 "invalid_transition")
    assert_error(patch(server, jm, c3, status="declared"), 409,
                 "invalid_transition")
    r = server.request("PATCH", f"/api/v1/crises/{c['id']}", session=jm,
                       json={"status": "closed"})
    assert_error(r, 422, "missing_field")


def test_bad_declarations_store_nothing(server):
    jm = server.login("ncpoc.jm")
    tt = server.bearer("cert.bb")
    inc = incident(server, jm)
    bb_amber = incident(server, tt, tlp="amber+strict")
    for who in ("coordinator", "partner", "steering"):
        server.bearer(who)  # made before the count: tokens are audited
    before = totals(server)
    cases = [
        (declare_body([inc], severity=5), 422, "invalid_severity"),
        (declare_body([inc], severity=-1), 422, "invalid_severity"),
        (declare_body([]), 422, "incidents_required"),
        (declare_body([inc, inc]), 422, "duplicate_incident"),
        (declare_body(["x"]), 422, "invalid_incident"),
        (declare_body([999999]), 422, "unknown_incident"),
        # a BB incident JM may not read answers as a missing one
        (declare_body([bb_amber]), 422, "unknown_incident"),
        (declare_body([inc], sitrep_hours=0), 422, "invalid_sitrep_hours"),
        (declare_body([inc], state="TT"), 403, "forbidden"),
        (declare_body([inc], state="ZZ"), 422, "unknown_state"),
        (declare_body([inc], colour="red"), 400, "unknown_field"),
        ({"title": "x"}, 400, "missing_field"),
    ]
    for body, status, code in cases:
        r = server.request("POST", "/api/v1/crises", session=jm, json=body)
        msg = assert_error(r, status, code)
        assert msg
    m1 = server.request("POST", "/api/v1/crises", session=jm,
                        json=declare_body([999999])).json()
    m2 = server.request("POST", "/api/v1/crises", session=jm,
                        json=declare_body([bb_amber])).json()
    assert m1["error"]["message"].replace("999999", "N") == \
        m2["error"]["message"].replace(str(bb_amber), "N")
    for who in ("coordinator", "partner", "steering"):
        r = server.request("POST", "/api/v1/crises",
                           session=server.bearer(who),
                           json=declare_body([inc], state="JM"))
        assert_error(r, 403, "forbidden")
    assert totals(server) == before


def test_list_pages_and_filters(server):
    jm = server.login("ncpoc.jm")
    inc = incident(server, jm)
    made = [declare(server, jm, [inc], title=f"Crisis {i}")["id"]
            for i in range(5)]
    seen, cursor = [], None
    while True:
        q = "/api/v1/crises?limit=2" + (f"&cursor={cursor}" if cursor
                                        else "")
        page = server.get(q, session=jm).json()
        assert page["total"] >= 5 and len(page["items"]) <= 2
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert set(made) <= set(seen) and len(seen) == len(set(seen))
    r = server.get("/api/v1/crises?status=escalated", session=jm).json()
    assert all(i["status"] == "escalated" for i in r["items"])
    assert_error(server.get("/api/v1/crises?status=bad", session=jm), 422,
                 "invalid_status")
    assert_error(server.get("/api/v1/crises?cursor=x", session=jm), 400,
                 "invalid_cursor")
    assert_error(server.get("/api/v1/crises",
                            session=server.bearer("coordinator")), 403,
                 "forbidden")
