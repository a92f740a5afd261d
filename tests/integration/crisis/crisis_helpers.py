"""Shared words of the crisis tests: an incident to declare from, a
declaration body, a person of the directory, and reads a refused write
must leave unchanged."""


def incident(server, s, **kw):
    body = {"title": "Ransomware at the port authority",
            "description": "Cargo systems encrypted; ransom note found.",
            "rsit": "malicious-code:infected-system", "severity": "critical",
            "tlp": "amber"}
    body.update(kw)
    r = server.request("POST", "/api/v1/incidents", session=s, json=body)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def declare_body(incident_ids, **kw):
    body = {"title": "Port systems outage", "summary": "Ransomware has "
            "stopped cargo clearance at the main port.", "severity": 2,
            "incident_ids": incident_ids, "sitrep_hours": 6}
    body.update(kw)
    return body


def declare(server, s, incident_ids, **kw):
    r = server.request("POST", "/api/v1/crises", session=s,
                       json=declare_body(incident_ids, **kw))
    assert r.status_code == 201, r.text
    return r.json()


def contact(server, s, state="JM"):
    r = server.get(f"/api/v1/contacts?state={state}", session=s)
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert items, f"no contact of {state} in the demo directory"
    return items[0]["id"]


def patch(server, s, crisis, **kw):
    body = {"version": crisis["version"]}
    body.update(kw)
    return server.request("PATCH", f"/api/v1/crises/{crisis['id']}",
                          session=s, json=body)


def totals(server):
    """What a refused write must leave unchanged (RIFC's view of every
    escalated crisis is not everything, so count through the CLI's
    audit head and the national team of JM)."""
    jm = server.bearer("ncpoc.jm")
    r = server.get("/api/v1/crises?limit=1", session=jm)
    assert r.status_code == 200, r.text
    return {"crises": r.json()["total"], "audit": server.audit_seq()}
