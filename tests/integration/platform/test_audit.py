"""The audit trail: one event per successful write, a verifiable hash
chain, and tampering (an altered or a removed event) detected."""

import os
import pwd

from conftest import assert_error


def last_event(server):
    return server.audit_events(limit=1)[0]


def test_each_successful_write_adds_one_event(server):
    b = server.bearer("coordinator")
    seq = server.audit_seq()

    def one_more(action, actor):
        nonlocal seq
        ev = last_event(server)
        assert ev["seq"] == seq + 1, (action, ev)
        assert ev["action"] == action and ev["actor"] == actor, ev
        seq = ev["seq"]
        return ev

    s = server.login("ncpoc.jm")
    one_more("session.create", "ncpoc.jm")
    r = server.request("POST", "/api/v1/contacts", session=s, json={
        "name": "Audit Person", "role": "cert_duty", "state": "JM",
        "email": "audit@jm.example.org"})
    assert r.status_code == 201
    cid = r.json()["id"]
    ev = one_more("contact.create", "ncpoc.jm")
    assert ev["entity"] == "contact" and ev["entity_id"] == str(cid)
    r = server.request("PATCH", f"/api/v1/contacts/{cid}", session=s,
                       json={"title": "Analyst", "version": 1})
    assert r.status_code == 200
    one_more("contact.update", "ncpoc.jm")
    r = server.request("DELETE", f"/api/v1/contacts/{cid}", session=b)
    assert r.status_code == 200
    one_more("contact.delete", "coordinator")
    r = server.request("POST", "/api/v1/tokens", session=s,
                       json={"name": "audit-test"})
    assert r.status_code == 201
    one_more("token.create", "ncpoc.jm")
    r = server.request("POST", "/api/v1/organisations", session=b, json={
        "name": "Audit Test Agency", "kind": "regional_agency"})
    assert r.status_code == 201, r.text
    one_more("organisation.create", "coordinator")
    r = server.request("DELETE", "/api/v1/session", session=s)
    assert r.status_code == 200
    one_more("session.delete", "ncpoc.jm")
    # Reads and refusals add nothing.
    server.get("/api/v1/contacts", session=b)
    server.get("/api/v1/states/JM", session=b)
    server.request("PATCH", f"/api/v1/contacts/{cid}", session=b,
                   json={"title": "x", "version": 1})
    server.sign_in("coordinator", password="wrong-password-000")
    assert server.audit_seq() == seq
    # The CLI writes through the same chain.
    server.disable_user("partner")
    one_more("user.disable", "cli:" + pwd.getpwuid(os.getuid()).pw_name)


def test_audit_trail_is_for_coordinators_and_admins(server):
    assert_error(server.get("/api/v1/audit"), 401, "authentication_required")
    for login in ("ncpoc.jm", "cert.bb", "analyst"):
        assert_error(server.get("/api/v1/audit", session=server.bearer(
            login)), 403, "forbidden")
    events = server.audit_events(limit=1000)
    top = server.audit_seq()
    assert len(events) == min(top, 1000)
    # Newest first and gap-free.
    assert [e["seq"] for e in events] == \
        list(range(top, top - len(events), -1))
    assert len(server.audit_events(limit=3)) == 3
    assert_error(server.get("/api/v1/audit?limit=201",
                            session=server.bearer("coordinator")), 400,
                 "invalid_limit")
    assert_error(server.get("/api/v1/audit?limit=abc",
                            session=server.bearer("coordinator")), 400,
                 "invalid_limit")


def verify(server):
    return server.cli("verify-audit")


def test_verify_audit_ok(server):
    server.login("coordinator")
    n = server.audit_seq()
    out = verify(server)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("audit chain OK")
    assert f"{n} events" in out.stdout


def test_altered_event_detected(server):
    server.login("coordinator")
    assert server.audit_seq() >= 6
    assert verify(server).returncode == 0
    server.db.sql("UPDATE audit_events SET actor = 'mallory' WHERE seq = 5")
    out = verify(server)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "event 5" in out.stdout and "audit chain OK" not in out.stdout
    assert "altered" in out.stdout


def test_rewritten_chain_link_detected(server):
    server.login("coordinator")
    # Changing a prev_hash breaks the link to the event before it.
    server.db.sql("UPDATE audit_events SET prev_hash = hash WHERE seq = 3")
    out = verify(server)
    assert out.returncode == 1
    assert "event 3" in out.stdout


def test_removed_last_event_detected(server):
    server.login("coordinator")
    n = server.audit_seq()
    server.db.sql(f"DELETE FROM audit_events WHERE seq = {n}")
    out = verify(server)
    assert out.returncode == 1, out.stdout + out.stderr
    assert f"event {n}" in out.stdout
    assert "removed" in out.stdout


def test_removed_middle_event_detected(server):
    server.login("coordinator")
    server.db.sql("DELETE FROM audit_events WHERE seq = 4")
    out = verify(server)
    assert out.returncode == 1
    assert "event 4" in out.stdout and "missing" in out.stdout
