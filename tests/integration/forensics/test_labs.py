"""Pooled forensic labs and help requests over real HTTP, on both
backends.

What must hold: coordinators create labs for any owner and a state's
NCPOC for that state only; every member reads the labs, their tools
(licence warnings 90 and 30 days before expiry, and after it) and
examiners, and each lab's queue; a state's NCPOC or CERT user asks a
lab for help naming an incident it may read (an unreadable one is
answered as a missing one) or a case; the lab's staff accept, schedule,
work and close the request with a report, and the requesting state may
only withdraw; a request is read by the requesting state, the RIFC and
the lab's staff, anyone else gets 404; views and moves are audited.
"""
import datetime

from conftest import assert_error
from forensics_helpers import make_lab, org_of, post
from sharing_helpers import insert_incident


def day(n):
    return (datetime.date.today() + datetime.timedelta(days=n)).isoformat()


def request_body(lab_id, state="JM", **change):
    body = {"lab_id": lab_id, "state": state,
            "device_types": ["computer", "mobile"], "volume": 3,
            "urgency": "urgent",
            "legal_basis": "Cybercrimes Act 2015, s.12 search warrant",
            "case_ref": "JCF-CC-2026-114"}
    body.update(change)
    return body


def test_labs_tools_examiners(server):
    lab, staff = make_lab(server)
    assert lab["state"] == "BB" and lab["capacity"] == 2
    assert lab["queue"] == 0 and lab["free"] == 2
    assert lab["device_types"] == ["computer", "mobile"]
    # an NCPOC for its own state only
    jm = server.bearer("ncpoc.jm")
    body = {"name": "JCF lab", "org_id": org_of(server, "JM"), "state": "JM",
            "capabilities": ["Mobile extraction"],
            "device_types": ["mobile"], "capacity": 1}
    r = post(server, jm, "/api/v1/labs", dict(body, state="BB",
                                              name="Not mine"))
    assert_error(r, 403, "forbidden")
    r = post(server, jm, "/api/v1/labs", body)
    assert r.status_code == 201, r.text
    for who in ("cert.bb", "partner", "analyst"):
        r = post(server, server.bearer(who), "/api/v1/labs",
                 dict(body, name=f"lab of {who}"))
        assert_error(r, 403, "forbidden")
    r = post(server, server.bearer("coordinator"), "/api/v1/labs", body)
    assert_error(r, 409, "duplicate_lab")
    r = post(server, server.bearer("coordinator"), "/api/v1/labs",
             dict(body, name="x", device_types=["toaster"]))
    assert_error(r, 422, "invalid_device_type")
    r = post(server, server.bearer("coordinator"), "/api/v1/labs",
             dict(body, name="x", capacity=0))
    assert_error(r, 422, "invalid_capacity")
    # tools by the lab's staff, licence warnings from today's date
    lb = server.bearer(staff)
    path = f"/api/v1/labs/{lab['id']}/tools"
    for name, exp in (("Imager", day(200)), ("Mobile kit", day(60)),
                      ("Carver", day(10)), ("Old suite", day(-1)),
                      ("Hasher", None)):
        r = post(server, lb, path, {"name": name, "version": "1",
                                    "licence_expires": exp})
        assert r.status_code == 201, r.text
    warn = {t["name"]: t["licence_warning"] for t in r.json()["tools"]}
    assert warn == {"Imager": None, "Mobile kit": "90_days",
                    "Carver": "30_days", "Old suite": "expired",
                    "Hasher": None}
    r = post(server, lb, path, {"name": "x", "licence_expires": "2026-13-01"})
    assert_error(r, 422, "invalid_date")
    r = post(server, server.bearer("cert.bb"), path, {"name": "x"})
    assert_error(r, 403, "forbidden")
    r = post(server, lb, "/api/v1/labs/999999/tools", {"name": "x"})
    assert_error(r, 404, "not_found")
    r = post(server, lb, f"/api/v1/labs/{lab['id']}/examiners", {
        "name": "A. Examiner", "certification": "GCFA (2025)",
        "skills": ["Windows", "Android"], "languages": ["English", "French"]})
    assert r.status_code == 201, r.text
    ex = r.json()["examiners"][0]
    assert ex["skills"] == ["Windows", "Android"]
    assert ex["languages"] == ["English", "French"]
    r = post(server, lb, f"/api/v1/labs/{lab['id']}/examiners", {
        "name": "B", "certification": "c", "skills": [], "languages": ["x"]})
    assert_error(r, 422, "invalid_list")
    # every member reads the labs, paged
    s = server.bearer("partner")
    r = server.get("/api/v1/labs?limit=1&sort=created_at&order=asc",
                   session=s)
    assert r.status_code == 200, r.text
    assert r.json()["total"] == 2 and len(r.json()["items"]) == 1
    nxt = r.json()["next_cursor"]
    r = server.get(f"/api/v1/labs?limit=1&sort=created_at&order=asc&"
                   f"cursor={nxt}", session=s)
    assert r.json()["items"][0]["name"] == "JCF lab"
    assert r.json()["next_cursor"] is None
    assert server.get("/api/v1/labs").status_code == 401
    acts = [e["action"] for e in server.audit_events()]
    for a in ("forensic_lab.create", "forensic_tool.create",
              "forensic_examiner.create"):
        assert a in acts, a


def test_request_lifecycle_and_access(server):
    lab, staff = make_lab(server)
    jm = server.bearer("ncpoc.jm")
    lb = server.bearer(staff)
    # the incident must be one the requester may read
    mine = insert_incident(server, "amber", "JM", "ncpoc.jm")
    theirs = insert_incident(server, "red", "BB", "cert.bb")
    r = post(server, jm, "/api/v1/forensic-requests",
             request_body(lab["id"], incident_id=theirs))
    unreadable = r
    assert_error(r, 422, "unknown_incident")
    r = post(server, jm, "/api/v1/forensic-requests",
             request_body(lab["id"], incident_id=999999))
    assert_error(r, 422, "unknown_incident")
    assert r.json()["error"]["message"].replace("999999", str(theirs)) == \
        unreadable.json()["error"]["message"]
    r = post(server, jm, "/api/v1/forensic-requests",
             request_body(lab["id"], incident_id=mine))
    assert r.status_code == 201, r.text
    req = r.json()
    assert req["status"] == "requested" and req["incident_id"] == mine
    rid = req["id"]
    # bad input, nothing stored
    n = server.db.sql("SELECT COUNT(*) FROM forensic_requests")[0][0]
    for change, code in (({"urgency": "asap"}, "invalid_urgency"),
                         ({"volume": 0}, "invalid_volume"),
                         ({"device_types": ["fax"]}, "invalid_device_type"),
                         ({"case_ref": None}, "case_required"),
                         ({"lab_id": 999999}, "unknown_lab")):
        body = request_body(lab["id"])
        body.update(change)
        r = post(server, jm, "/api/v1/forensic-requests", body)
        assert_error(r, 422, code)
    r = post(server, jm, "/api/v1/forensic-requests",
             request_body(lab["id"], state="BB"))
    assert_error(r, 403, "forbidden")
    assert server.db.sql("SELECT COUNT(*) FROM forensic_requests")[0][0] == n
    # the lab's queue shows the waiting request
    r = server.get(f"/api/v1/forensic-requests?lab={lab['id']}", session=lb)
    assert [q["id"] for q in r.json()["items"]] == [rid]
    # the lab's staff may not follow the AMBER incident of JM
    assert r.json()["items"][0]["incident_id"] is None
    # who reads: JM, the RIFC, the lab; others 404 as missing
    for who in ("ncpoc.jm", "analyst", staff):
        r = server.get(f"/api/v1/forensic-requests/{rid}",
                       session=server.bearer(who))
        assert r.status_code == 200, (who, r.text)
    for who in ("cert.bb", "coordinator", "partner"):
        s = server.bearer(who)
        r = server.get(f"/api/v1/forensic-requests/{rid}", session=s)
        assert_error(r, 404, "not_found")
        r = post(server, s, f"/api/v1/forensic-requests/{rid}/moves",
                 {"to": "accepted"})
        assert_error(r, 404, "not_found")
        r = server.get("/api/v1/forensic-requests", session=s)
        assert rid not in [q["id"] for q in r.json()["items"]]
    mv = f"/api/v1/forensic-requests/{rid}/moves"
    # the requester does not accept its own request
    assert_error(post(server, jm, mv, {"to": "accepted"}), 403, "forbidden")
    assert_error(post(server, lb, mv, {"to": "closed", "report": "r"}), 409,
                 "invalid_transition")
    r = post(server, lb, mv, {"to": "accepted"})
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    r = server.get(f"/api/v1/labs/{lab['id']}", session=jm)
    assert r.json()["queue"] == 1 and r.json()["free"] == 1
    assert_error(post(server, lb, mv, {"to": "scheduled"}), 422,
                 "scheduled_for_required")
    r = post(server, lb, mv, {"to": "scheduled", "scheduled_for": day(3)})
    assert r.json()["scheduled_for"] == day(3)
    r = post(server, lb, mv, {"to": "in_progress"})
    assert r.json()["status"] == "in_progress"
    assert_error(post(server, jm, mv, {"to": "withdrawn", "reason": "x"}),
                 409, "invalid_transition")
    assert_error(post(server, lb, mv, {"to": "closed"}), 422,
                 "report_required")
    r = post(server, lb, mv, {"to": "closed", "report": "Two images made; "
                              "report JCF-CC-2026-114-R1 attached."})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "closed"
    assert r.json()["report"].startswith("Two images")
    r = server.get(f"/api/v1/labs/{lab['id']}", session=jm)
    assert r.json()["queue"] == 0
    # a second request withdrawn by its state, with a reason
    r2 = post(server, jm, "/api/v1/forensic-requests",
              request_body(lab["id"])).json()
    mv2 = f"/api/v1/forensic-requests/{r2['id']}/moves"
    assert_error(post(server, jm, mv2, {"to": "withdrawn"}), 422,
                 "reason_required")
    r = post(server, jm, mv2, {"to": "withdrawn", "reason": "solved"})
    assert r.json()["status"] == "withdrawn"
    r = server.get("/api/v1/forensic-requests?status=closed", session=jm)
    assert [q["id"] for q in r.json()["items"]] == [rid]
    assert r.json()["total"] == 1
    acts = [e["action"] for e in server.audit_events()]
    for a in ("forensic_request.create", "forensic_request.view",
              "forensic_request.move", "forensic_lab.create"):
        assert a in acts, a
